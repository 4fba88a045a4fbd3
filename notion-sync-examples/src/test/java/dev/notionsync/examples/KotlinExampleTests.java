package dev.notionsync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code KotlinExport.kt} against the fake server with the demo workspace. */
class KotlinExampleTests {

    @TempDir
    Path dir;

    @Test
    void exportsTheDemoWorkspaceWithCoroutines() throws IOException {
        Path out = dir.resolve("backup");
        ExportEvent.Summary summary;
        String printed;
        try (FakeNotionServer server = FakeNotionServer.start(Workspace.demo())) {
            PrintStream stdout = System.out;
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            try {
                summary = KotlinExport.exportWorkspace(server.baseUrl(), FakeServerOptions.DEFAULT_TOKEN, out, 0);
            } finally {
                System.setOut(stdout);
            }
            printed = buffer.toString(StandardCharsets.UTF_8);
        }

        assertThat(summary.pages()).isPositive();
        assertThat(summary.databases()).isPositive();
        assertThat(summary.rows()).isPositive();
        assertThat(summary.files()).isPositive();
        assertThat(summary.failureCount()).isZero();
        ExampleFiles.assertExported(out, summary);

        assertThat(printed).contains("Connected as ");
        assertThat(ExampleFiles.line(printed, "Some pages: ").split(", ")).hasSize(5);
        assertThat(printed.lines().filter(line -> line.startsWith("exported ")).count())
                .isEqualTo(summary.pages() + summary.databases());
    }
}
