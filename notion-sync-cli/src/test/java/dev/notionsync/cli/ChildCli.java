package dev.notionsync.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI in a child JVM on the test's class path, so a test can {@code kill -9} it at a chosen moment: the only
 * way to prove that a crash loses nothing, since an in-process run cannot be killed without killing the test.
 */
final class ChildCli {

    private ChildCli() {
    }

    /** The command line that runs the CLI with these arguments in a child JVM. */
    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), NotionSyncCli.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Runs the CLI and kills it (SIGKILL) once its standard error has shown {@code count} lines starting with
     * {@code prefix} (the {@code --progress lines} output), or when it ends by itself.
     *
     * @return how many such lines it printed before it died
     */
    static int runAndKill(String prefix, int count, String... args) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(command(args)).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int seen = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getErrorStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(prefix) && ++seen >= count) {
                    child.destroyForcibly();
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        return seen;
    }
}
