package dev.notionsync.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command, run against the jar Maven packaged: {@code java -jar notion-sync.jar export --demo}.
 * Runs after {@code package} (failsafe), so a class missing from the shaded jar fails the build.
 */
class DemoPackagedTests {

    @TempDir
    Path dir;

    @Test
    void theDemoExportRunsFromThePackagedJar() throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("notion-sync.jar", "target/notion-sync.jar"));
        Path out = dir.resolve("demo-export");
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString(), "export", "--demo", "--out", out.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.txt").toFile())
                .start();
        boolean ended = process.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = Files.readString(dir.resolve("output.txt"));

        assertThat(ended).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("Export in ").doesNotContain("Exception");
        for (String file : List.of("json/index.json", "markdown/Team Handbook.md", "html/index.html",
                "html/Team Handbook.html", "export-report.json")) {
            assertThat(out.resolve(file)).exists();
        }
        try (Stream<Path> csv = Files.list(out.resolve("csv"))) {
            assertThat(csv.count()).isGreaterThan(0);
        }
    }
}
