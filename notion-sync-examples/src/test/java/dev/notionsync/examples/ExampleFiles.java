package dev.notionsync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notionsync.core.export.ExportEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What both examples leave on disk. */
final class ExampleFiles {

    private ExampleFiles() {
    }

    static void assertExported(Path out, ExportEvent.Summary summary) throws IOException {
        assertThat(out.resolve("html/index.html")).isRegularFile();
        for (String ext : new String[] {".json", ".md", ".html", ".csv"}) {
            assertThat(count(out, ext)).as("%s files", ext).isPositive();
        }
        assertThat(count(out, ".md")).as("one Markdown file per page").isGreaterThanOrEqualTo(summary.pages());
        assertThat(count(out, "")).as("every file written").isGreaterThanOrEqualTo(summary.files());
    }

    static String line(String printed, String prefix) {
        return printed.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> l.substring(prefix.length()))
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + printed));
    }

    private static long count(Path out, String extension) throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(extension))
                    .count();
        }
    }
}
