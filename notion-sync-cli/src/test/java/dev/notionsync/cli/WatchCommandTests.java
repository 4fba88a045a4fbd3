package dev.notionsync.cli;

import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.WebhookSender;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code notion-sync watch}: the command keeps a Markdown export in step with signed webhook events. */
class WatchCommandTests {

    @TempDir
    Path dir;

    @Test
    void watchUpdatesTheMarkdownOfAnEditedPage() throws Exception {
        Workspace workspace = Workspace.generate(new WorkspaceSpec(11, 12, 3, 0, 0, 0, false, false, 0, 0));
        Path out = dir.resolve("backup");
        Path secret = dir.resolve("webhook-secret");
        Files.writeString(secret, "secret_cli_token\n");
        try (FakeNotionServer server = FakeNotionServer.start(workspace)) {
            StringWriter err = new StringWriter();
            CommandLine commandLine = NotionSyncCli.commandLine();
            commandLine.setOut(new PrintWriter(new StringWriter(), true));
            commandLine.setErr(new PrintWriter(err, true));
            AtomicInteger code = new AtomicInteger(-1);
            Thread watch = new Thread(() -> code.set(commandLine.execute("watch", "--out", out.toString(),
                    "--listen", "127.0.0.1:0", "--api-url", server.baseUrl(), "--token", FakeServerOptions.DEFAULT_TOKEN,
                    "--rate-limit", "0", "--debounce", "100ms", "--formats", "markdown",
                    "--webhook-secret-file", secret.toString())));
            watch.start();
            try {
                await(() -> err.toString().contains("Reconciled the whole export"), err);
                Matcher port = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/").matcher(err.toString());
                assertThat(port.find()).isTrue();
                String page = workspace.pageIds().filter(id -> !markdownContaining(out, workspace.title(id)).isEmpty())
                        .findFirst().orElseThrow();
                try (WebhookSender sender = server.sendWebhooks("http://127.0.0.1:" + port.group(1) + "/hook",
                        "secret_cli_token")) {
                    workspace.editPageText(page, "Edited while notion-sync watch runs");
                    await(() -> !markdownContaining(out, "Edited while notion-sync watch runs").isEmpty(), err);
                    assertThat(sender.acknowledged()).isEqualTo(1);
                }
                await(() -> err.toString().contains("Fetched 1 changed objects"), err);
            } finally {
                watch.interrupt();
                watch.join(10_000);
            }
            assertThat(watch.isAlive()).isFalse();
        }
    }

    @Test
    void aMalformedListenAddressIsOneUsageLine() {
        CliRun run = CliRun.of("watch", "--out", dir.toString(), "--listen", "localhost:http", "--token", "t");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--listen 'localhost:http' is not HOST:PORT").doesNotContain("Exception");
    }

    private static String markdownContaining(Path out, String text) {
        if (!Files.isDirectory(out.resolve("markdown"))) {
            return "";
        }
        try (Stream<Path> files = Files.walk(out.resolve("markdown"))) {
            return files.filter(file -> file.toString().endsWith(".md")).filter(file -> {
                try {
                    return Files.readString(file).contains(text);
                } catch (IOException e) {
                    return false;
                }
            }).map(Path::toString).findFirst().orElse("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void await(BooleanSupplier condition, StringWriter err) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out; the watch said:\n" + err);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
