package dev.notionsync.core.export;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Export-level meters, recorded into the registry the caller gave the client (never the global one): objects
 * by kind and status (exported or unchanged), blocks, files changed and unchanged by writer and the bytes
 * downloaded, failures and skips by reason, throttling waits. Request-level meters come from the client itself.
 */
final class ExportMeters {

    private ExportMeters() {
    }

    static void record(MeterRegistry meters, ExportEvent event, Path outputDir) {
        if (event instanceof ExportEvent.PageExported exported) {
            Counter.builder("notion.export.objects")
                    .description("Pages, rows and databases in the export, fetched or unchanged")
                    .tag("kind", exported.kind().name().toLowerCase(Locale.ROOT))
                    .tag("status", exported.unchanged() ? ExportEvent.Reasons.UNCHANGED : "exported")
                    .register(meters).increment();
            Counter.builder("notion.export.blocks").description("Blocks exported").register(meters)
                    .increment(exported.blocks());
        } else if (event instanceof ExportEvent.PageWritten written && !written.changed()) {
            Counter.builder("notion.export.files.unchanged")
                    .description("Files already on disk with the same content, left alone, by writer")
                    .tag("writer", written.writer()).register(meters).increment();
        } else if (event instanceof ExportEvent.PageWritten written) {
            Counter.builder("notion.export.files").description("Files created or changed, by writer")
                    .tag("writer", written.writer()).register(meters).increment();
            if ("attachments".equals(written.writer())) {
                Counter.builder("notion.export.attachment.bytes").description("Bytes of downloaded attachments")
                        .baseUnit("bytes").register(meters).increment(size(outputDir.resolve(written.file())));
            }
        } else if (event instanceof ExportEvent.PageFailed failed) {
            Counter.builder("notion.export.failures").description("Objects that could not be exported, by reason")
                    .tag("reason", failed.reason()).register(meters).increment();
        } else if (event instanceof ExportEvent.Skipped skipped) {
            Counter.builder("notion.export.skipped").description("Objects left out, by reason")
                    .tag("reason", skipped.reason()).register(meters).increment();
        }
    }

    private static double size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            // a file moved away meanwhile only makes the byte count short; it must not fail the export
            return 0;
        }
    }
}
