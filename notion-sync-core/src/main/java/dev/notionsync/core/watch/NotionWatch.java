package dev.notionsync.core.watch;

import dev.notionsync.core.NotionClient;
import reactor.core.publisher.Flux;

import java.util.Objects;

/**
 * Near-real-time sync from Notion webhooks: an HTTP endpoint receives the events of a webhook subscription, and the
 * objects they name are fetched again through the normal export engine ({@link
 * dev.notionsync.core.export.ExportSpec.Builder#only}: same state, same writers), plus a full reconciling export on
 * a schedule, because webhooks are at-most-once.
 *
 * <pre>{@code
 * NotionWatch.create(notion, WatchOptions.builder(spec).listen("127.0.0.1", 8080).build())
 *         .run()
 *         .doOnNext(System.err::println)
 *         .blockLast();   // runs until cancelled
 * }</pre>
 *
 * <p>Every accepted event is forced to {@code .notion-sync/webhook-events.jsonl} before Notion gets its 200, and
 * marked done once its objects were fetched after it arrived, so a restart, even after {@code kill -9}, applies
 * what was acknowledged and not yet fetched. Events for one object are debounced ({@link WatchOptions#debounce()});
 * fetches run one at a time, and what arrives during one is fetched by the next.
 *
 * @since 0.1
 */
public final class NotionWatch {

    private final NotionClient client;
    private final WatchOptions options;

    private NotionWatch(NotionClient client, WatchOptions options) {
        this.client = client;
        this.options = options;
    }

    /**
     * Creates a watch.
     *
     * @param client the client every fetch uses
     * @param options where to listen and what to export
     * @return the watch
     */
    public static NotionWatch create(NotionClient client, WatchOptions options) {
        return new NotionWatch(Objects.requireNonNull(client, "client"), Objects.requireNonNull(options, "options"));
    }

    /**
     * Returns a cold stream that starts the endpoint when subscribed and runs until cancelled, which stops the
     * endpoint and the running fetch (its export stops as a cancelled export does, and the next run resumes it).
     * It fails when the endpoint cannot bind, the journal cannot be opened, or Notion refuses the token.
     *
     * @return the events of the watch, {@link WatchEvent.Listening} first
     */
    public Flux<WatchEvent> run() {
        return Flux.defer(() -> new WatchRun(client, options).events());
    }
}
