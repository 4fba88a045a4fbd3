package dev.notionsync.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evaluates {@code export.groovy} as {@code groovy export.groovy DIR} would, against the fake server. */
class GroovyExampleTests {

    @TempDir
    Path dir;

    @Test
    void scriptExportsTheDemoWorkspace() throws IOException {
        Path out = dir.resolve("backup");
        StringWriter printed = new StringWriter();
        Object result;
        try (FakeNotionServer server = FakeNotionServer.start(Workspace.demo())) {
            Binding binding = new Binding();
            binding.setVariable("NOTION_API_URL", server.baseUrl());
            binding.setVariable("NOTION_TOKEN", FakeServerOptions.DEFAULT_TOKEN);
            binding.setVariable("NOTION_RATE_LIMIT", "0");
            binding.setVariable("args", new String[] {out.toString()});
            binding.setVariable("out", new PrintWriter(printed, true));
            result = evaluate(binding);
        }

        assertThat(result).isInstanceOf(ExportEvent.Finished.class);
        ExportEvent.Summary summary = ((ExportEvent.Finished) result).summary();
        assertThat(summary.pages()).isPositive();
        assertThat(summary.databases()).isPositive();
        assertThat(summary.files()).isPositive();
        assertThat(summary.failureCount()).isZero();
        ExampleFiles.assertExported(out, summary);

        String text = printed.toString();
        assertThat(ExampleFiles.line(text, "Some pages: ").split(", ")).hasSize(5);
        assertThat(text).contains("Started[", "PageExported[", "PageWritten[", "Finished[");
        assertThat(ExampleFiles.line(text, "Exported ")).contains(summary.pages() + " pages");
    }

    @Test
    void scriptRefusesToRunWithoutAToken() {
        Binding binding = new Binding();
        binding.setVariable("NOTION_TOKEN", "");
        binding.setVariable("out", new PrintWriter(new StringWriter(), true));

        assertThatThrownBy(() -> evaluate(binding))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NOTION_TOKEN");
    }

    private static Object evaluate(Binding binding) throws IOException {
        try (InputStream script = Objects.requireNonNull(
                GroovyExampleTests.class.getResourceAsStream("export.groovy"), "export.groovy on the classpath")) {
            String source = new String(script.readAllBytes(), StandardCharsets.UTF_8);
            return new GroovyShell(binding).evaluate(source, "export.groovy");
        }
    }
}
