package dev.notionsync.core.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.Secrets;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;

/**
 * The export report, {@code export-report.json}: every object once, as exported (fetched in this run), unchanged
 * (replayed from the export state), skipped or failed with its reason, and the run's figures, the same as the
 * {@link ExportEvent.Summary}. Entries are appended to a temporary log as events pass, so the report costs no memory per object;
 * the final file is assembled from the log at the end and written atomically.
 */
final class ReportFile {

    /** The report's file name inside the output folder. */
    static final String NAME = "export-report.json";
    /** The report's status when the export was cancelled before its end. */
    static final String INTERRUPTED = "interrupted";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path outputDir;
    private final Path log;
    private final String token;
    private final Instant started = Instant.now();
    private BufferedWriter writer;

    private ReportFile(Path outputDir, Path log, String token, BufferedWriter writer) {
        this.outputDir = outputDir;
        this.log = log;
        this.token = token;
        this.writer = writer;
    }

    /**
     * @param outputDir the output folder
     * @param token the token of the export's client, kept out of every message of the report
     */
    static ReportFile open(Path outputDir, String token) {
        try {
            Path dir = StateDirectory.of(outputDir);
            Path log = dir.resolve(ExportFiles.temporaryName("report"));
            return new ReportFile(outputDir, log, token, Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + outputDir + ": " + e.getMessage(), e);
        }
    }

    synchronized void record(ExportEvent event) {
        ObjectNode entry;
        if (event instanceof ExportEvent.PageExported exported) {
            entry = MAPPER.createObjectNode().put("id", exported.id())
                    .put("status", exported.unchanged() ? ExportEvent.Reasons.UNCHANGED : "exported")
                    .put("kind", exported.kind().name().toLowerCase(Locale.ROOT))
                    .put("title", exported.title()).put("blocks", exported.blocks());
        } else if (event instanceof ExportEvent.PageFailed failed) {
            entry = MAPPER.createObjectNode().put("id", failed.id()).put("status", "failed")
                    .put("reason", failed.reason()).put("message", redact(failed.message()));
        } else if (event instanceof ExportEvent.Skipped skipped) {
            entry = MAPPER.createObjectNode().put("id", skipped.id()).put("status", "skipped")
                    .put("reason", skipped.reason()).put("message", redact(skipped.message()));
        } else {
            return;
        }
        if (writer == null) {
            return;
        }
        assert OffTheEventLoop.check("the export report");
        try {
            writer.write(entry.toString());
            writer.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export report: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the report.
     *
     * @param summary the run's figures
     * @param error the failure that ended the run, or null when it finished
     * @return the report's path
     */
    Path finish(ExportEvent.Summary summary, Throwable error) throws IOException {
        return write(summary, error == null ? "finished" : "stopped", error);
    }

    private synchronized Path write(ExportEvent.Summary summary, String status, Throwable error) throws IOException {
        if (writer == null) {
            return outputDir.resolve(NAME);
        }
        writer.close();
        writer = null;
        Path target = outputDir.resolve(NAME);
        try {
            ExportFiles.write(target, out -> {
                try (JsonGenerator json = new JsonFactory(MAPPER).createGenerator(out, JsonEncoding.UTF8);
                     BufferedReader lines = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
                    json.useDefaultPrettyPrinter();
                    json.writeStartObject();
                    json.writeStringField("object", "export_report");
                    json.writeStringField("status", status);
                    if (error != null) {
                        json.writeStringField("error", redact(String.valueOf(error.getMessage())));
                    }
                    json.writeStringField("started", started.toString());
                    json.writeStringField("ended", Instant.now().toString());
                    json.writeFieldName("summary");
                    json.writeTree(summary(summary));
                    json.writeArrayFieldStart("objects");
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (!line.isBlank()) {
                            json.writeTree(MAPPER.readTree(line));
                        }
                    }
                    json.writeEndArray();
                    json.writeEndObject();
                }
            });
        } catch (IOException | RuntimeException failure) {
            // the failure to write the report stays the one reported, not a failure to remove its log
            try {
                Files.deleteIfExists(log);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
        Files.deleteIfExists(log);
        return target;
    }

    /**
     * Writes the report of an export that was cancelled, with status {@code interrupted}; a failure to write it is
     * dropped, as the cancelling caller can do nothing about it and the next run starts over.
     *
     * @param summary the figures of what was done
     */
    void interrupted(ExportEvent.Summary summary) {
        try {
            write(summary, INTERRUPTED, null);
        } catch (IOException | UncheckedIOException ignored) {
            // the temporary log is removed by the next run
        }
    }

    synchronized void discard() {
        try {
            if (writer != null) {
                writer.close();
                writer = null;
            }
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // the next run removes leftover temporary files
        }
    }

    /** A second line of defence: messages are redacted where they arise, but the report is shared and kept. */
    private String redact(String message) {
        return Secrets.redact(message, token);
    }

    private static ObjectNode summary(ExportEvent.Summary summary) {
        ObjectNode node = MAPPER.createObjectNode()
                .put("pages", summary.pages())
                .put("rows", summary.rows())
                .put("databases", summary.databases())
                .put("exported", summary.exported())
                .put("unchanged", summary.unchanged())
                .put("blocks", summary.blocks())
                .put("files_changed", summary.files())
                .put("files_unchanged", summary.filesUnchanged())
                .put("api_requests", summary.apiRequests())
                .put("api_requests_per_page", Math.round(summary.requestsPerPage() * 100) / 100.0)
                .put("retries", summary.retries())
                .put("throttled", summary.throttled())
                .put("duration_ms", summary.duration().toMillis());
        ObjectNode failures = node.putObject("failures");
        summary.failures().forEach(failures::put);
        ObjectNode skipped = node.putObject("skipped");
        summary.skipped().forEach(skipped::put);
        return node;
    }
}
