package dev.notionsync.core.export;

import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionClientOptions;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;

import java.time.Duration;
import java.util.List;

/** Helpers for engine tests against the fake server. */
final class Exports {

    private Exports() {
    }

    /** A client of the fake server without rate limit and with millisecond backoff. */
    static NotionClient client(FakeNotionServer server) {
        return NotionClient.create(NotionClientOptions.builder()
                .baseUrl(server.baseUrl())
                .token(FakeServerOptions.DEFAULT_TOKEN)
                .requestsPerSecond(0)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(10))
                .build());
    }

    /** Runs an export to its end and keeps its events. */
    static Run export(NotionSync sync, ExportSpec spec) {
        return new Run(sync.export(spec).collectList().block(Duration.ofSeconds(60)));
    }

    /** The events of one export. */
    record Run(List<ExportEvent> events) {

        ExportEvent.Summary summary() {
            return ((ExportEvent.Finished) events.get(events.size() - 1)).summary();
        }

        List<ExportEvent> reasons(String reason) {
            return events.stream().filter(event -> reason.equals(reason(event))).toList();
        }

        /** The reason of a failure or skip, and {@code unchanged} for an object replayed from the export state. */
        static String reason(ExportEvent event) {
            if (event instanceof ExportEvent.PageFailed failed) {
                return failed.reason();
            }
            if (event instanceof ExportEvent.PageExported exported) {
                return exported.unchanged() ? ExportEvent.Reasons.UNCHANGED : null;
            }
            return event instanceof ExportEvent.Skipped skipped ? skipped.reason() : null;
        }

        static String id(ExportEvent event) {
            if (event instanceof ExportEvent.PageFailed failed) {
                return failed.id();
            }
            if (event instanceof ExportEvent.PageExported exported) {
                return exported.id();
            }
            return event instanceof ExportEvent.Skipped skipped ? skipped.id() : null;
        }
    }
}
