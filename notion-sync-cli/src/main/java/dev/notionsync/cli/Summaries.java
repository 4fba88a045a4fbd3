package dev.notionsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.NotionSync;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The end-of-run summary. */
final class Summaries {

    private Summaries() {
    }

    /**
     * Prints the summary: what the export holds (the same figures as {@code export-report.json} and the HTML
     * index), how much of it was fetched and how much replayed unchanged, files changed and left alone, the traffic,
     * and failures and skips by reason.
     */
    static void print(ExportEvent.Summary summary, Path outputDir, PrintWriter out) {
        out.printf("Export in %s: %,d pages (%,d database rows), %,d databases, %,d blocks%n",
                outputDir.toAbsolutePath().normalize(), summary.pages(), summary.rows(), summary.databases(),
                summary.blocks());
        out.printf("Pages and databases: %,d exported (fetched this run), %,d unchanged (replayed from the last "
                + "run)%n", summary.exported(), summary.unchanged());
        out.printf("Files: %,d changed, %,d unchanged   API requests: %,d (%.2f per page)   retries: %,d   "
                + "throttled: %,d%n", summary.files(), summary.filesUnchanged(), summary.apiRequests(),
                summary.requestsPerPage(), summary.retries(), summary.throttled());
        out.printf("Failures: %,d%s   Skipped: %,d%s%n", summary.failureCount(), breakdown(summary.failures()),
                summary.skippedCount(), breakdown(summary.skipped()));
        long held = summary.skipped().getOrDefault(ExportEvent.Reasons.REMOVAL_HELD, 0L);
        if (held > 0) {
            out.printf("Kept: %,d objects this run did not reach were not moved aside: nothing proved them gone, or "
                    + "removing them all would be a mass removal (see the report; --allow-mass-removal)%n", held);
        }
        out.printf("Report: %s%n", outputDir.resolve(NotionSync.REPORT_FILE).toAbsolutePath().normalize());
        out.printf("Time: %.1f s%n", summary.duration().toMillis() / 1000.0);
        out.flush();
    }

    /**
     * Reads the figures back from the report an interrupted export wrote: the engine has no stream left to hand
     * them over on, and the report is the record the user keeps anyway.
     */
    static Optional<ExportEvent.Summary> fromReport(Path outputDir) {
        try {
            JsonNode summary = new ObjectMapper().readTree(outputDir.resolve(NotionSync.REPORT_FILE).toFile())
                    .path("summary");
            if (!summary.isObject()) {
                return Optional.empty();
            }
            return Optional.of(new ExportEvent.Summary(summary.path("pages").asLong(), summary.path("rows").asLong(),
                    summary.path("databases").asLong(), summary.path("blocks").asLong(),
                    summary.path("files").asLong(), summary.path("api_requests").asLong(),
                    summary.path("retries").asLong(), summary.path("throttled").asLong(),
                    counts(summary.path("failures")), counts(summary.path("skipped")),
                    Duration.ofMillis(summary.path("duration_ms").asLong())));
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    private static Map<String, Long> counts(JsonNode node) {
        Map<String, Long> counts = new TreeMap<>();
        node.properties().forEach(field -> counts.put(field.getKey(), field.getValue().asLong()));
        return counts;
    }

    private static String breakdown(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "";
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + ": " + entry.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
    }
}
