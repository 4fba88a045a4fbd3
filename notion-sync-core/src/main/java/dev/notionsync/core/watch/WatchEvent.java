package dev.notionsync.core.watch;

import dev.notionsync.core.export.ExportEvent;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * What a {@link NotionWatch} reports while it runs.
 *
 * @since 0.1
 */
public sealed interface WatchEvent {

    /**
     * The endpoint is ready.
     *
     * @param address the bound address
     * @param pending events of an earlier run acknowledged and not yet applied, applied now
     */
    record Listening(InetSocketAddress address, int pending) implements WatchEvent {
    }

    /**
     * Notion's handshake brought a verification token; paste it into the subscription in Notion to verify it.
     *
     * @param token the token
     * @param savedTo the file it was saved to as the signing key, or null when another key was already configured
     */
    record VerificationReceived(String token, Path savedTo) implements WatchEvent {
    }

    /**
     * A request was refused and nothing changed.
     *
     * @param reason {@code signature}, {@code no_token} or {@code malformed}
     * @param status the HTTP status answered
     */
    record Rejected(String reason, int status) implements WatchEvent {
    }

    /**
     * An event was written to the journal and acknowledged.
     *
     * @param id the event id
     * @param type e.g. {@code page.content_updated}
     * @param objects the pages and databases it makes the watch fetch
     * @param at when it arrived
     */
    record Accepted(String id, String type, Set<String> objects, Instant at) implements WatchEvent {
    }

    /**
     * A fetch starts.
     *
     * @param objects the objects fetched; empty for a reconcile
     * @param reconcile whether it is a full reconciling export
     */
    record FetchStarted(Set<String> objects, boolean reconcile) implements WatchEvent {
    }

    /**
     * An event of the export a fetch runs.
     *
     * @param event the export event
     */
    record Export(ExportEvent event) implements WatchEvent {
    }

    /**
     * A fetch ended; the events it applied are marked done.
     *
     * @param objects the objects fetched; empty for a reconcile
     * @param reconcile whether it was a full reconciling export
     * @param events the webhook events applied
     * @param took how long the fetch ran
     */
    record FetchFinished(Set<String> objects, boolean reconcile, int events, Duration took) implements WatchEvent {
    }

    /**
     * A fetch failed as a whole; its events stay pending and it is tried again.
     *
     * @param objects the objects it was to fetch
     * @param reconcile whether it was a full reconciling export
     * @param message what went wrong
     * @param retryIn when it is tried again
     */
    record FetchFailed(Set<String> objects, boolean reconcile, String message, Duration retryIn)
            implements WatchEvent {
    }
}
