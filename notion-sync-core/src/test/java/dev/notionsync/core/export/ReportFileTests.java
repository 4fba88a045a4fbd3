package dev.notionsync.core.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportFileTests {

    @TempDir
    Path out;

    @Test
    void messagesAndTheEndingErrorAreRedactedInTheReport() throws IOException {
        String token = "plain-token-of-any-shape";
        ReportFile report = ReportFile.open(out, token);
        report.record(new ExportEvent.PageFailed("p1", "bad_request", "echoed " + token));
        report.record(new ExportEvent.Skipped("p2", "unshared", "echoed Bearer abc.def"));
        ExportEvent.Summary summary = new ExportEvent.Summary(0, 0, 0, 0, 0, 0, 0, 0, Map.of(), Map.of(),
                Duration.ZERO);

        Path file = report.finish(summary, new IllegalStateException("stopped: ntn_" + "x".repeat(30)));

        String text = Files.readString(file);
        assertThat(text).doesNotContain(token).doesNotContain("abc.def").doesNotContain("ntn_x")
                .contains("echoed <redacted>").contains("Bearer <redacted>").contains("stopped: <redacted>");
    }
}
