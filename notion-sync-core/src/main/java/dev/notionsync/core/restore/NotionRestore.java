package dev.notionsync.core.restore;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.notionsync.core.NotionClient;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Brings a JSON export back into Notion under a target page: pages in order with their blocks, databases with their
 * schemas and rows, property values, icons, covers, files (re-uploaded) and comments, with every reference between
 * them rewritten to the new ids. A journal in the export folder makes it resumable: running the same restore again
 * continues where it stopped and creates nothing twice.
 *
 * <pre>{@code
 * RestoreEvent.Finished done = NotionRestore.create(notion)
 *         .restore(RestoreSpec.builder().from(Path.of("backup")).parent(pageId).build())
 *         .ofType(RestoreEvent.Finished.class)
 *         .blockLast();
 * }</pre>
 *
 * @since 0.9
 */
public final class NotionRestore {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final NotionClient client;

    private NotionRestore(NotionClient client) {
        this.client = client;
    }

    /**
     * A restore that writes through {@code client} (its rate limit, retries and error mapping).
     *
     * @param client the client of the target workspace
     * @return the restore
     */
    public static NotionRestore create(NotionClient client) {
        return new NotionRestore(Objects.requireNonNull(client, "client"));
    }

    /**
     * Restores an export. Cold: nothing is read or written until subscription. The writes depend on each other's
     * ids, so they run in order on one worker of {@link Schedulers#boundedElastic()}; cancelling stops the restore
     * at the next request, and a later run resumes it.
     *
     * @param spec what to restore and where
     * @return {@code Started}, then {@code Restored}, {@code NotRestored} and {@code Failed} events, then
     *     {@code Finished}; or {@code Plan} and {@code Finished} for a dry run. Fails with
     *     {@link IllegalArgumentException} when the folder is not an export, with a
     *     {@link dev.notionsync.core.NotionException} when the parent cannot be read or written
     */
    public Flux<RestoreEvent> restore(RestoreSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return Flux.<RestoreEvent>create(sink -> {
            try {
                new RestoreRun(client, spec, sink, MAPPER).run();
                sink.complete();
            } catch (RuntimeException e) {
                sink.error(e);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
