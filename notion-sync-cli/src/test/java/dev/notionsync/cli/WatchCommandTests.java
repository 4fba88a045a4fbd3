package dev.notionsync.cli;

import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.WebhookSender;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

    private static final String TOKEN = "secret_cli_token";

    /** The CLI's watch on a thread of the test; interrupting the thread stops it. */
    private record Watch(Thread thread, StringWriter err) {

        static Watch start(String... args) {
            StringWriter err = new StringWriter();
            CommandLine commandLine = NotionSyncCli.commandLine();
            commandLine.setOut(new PrintWriter(new StringWriter(), true));
            commandLine.setErr(new PrintWriter(err, true));
            Thread thread = new Thread(() -> commandLine.execute(args));
            thread.start();
            await(() -> err.toString().contains("Listening for Notion webhooks"), err);
            return new Watch(thread, err);
        }

        String url() {
            return url(err.toString());
        }

        static String url(String said) {
            Matcher port = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/").matcher(said);
            assertThat(port.find()).isTrue();
            return "http://127.0.0.1:" + port.group(1) + "/hook";
        }

        void stop() throws InterruptedException {
            thread.interrupt();
            thread.join(10_000);
            assertThat(thread.isAlive()).isFalse();
        }
    }

    private String[] args(FakeNotionServer server, Path out, Path secret, String debounce, String... more) {
        List<String> args = new ArrayList<>(List.of("watch", "--out", out.toString(), "--listen", "127.0.0.1:0",
                "--api-url", server.baseUrl(), "--token", FakeServerOptions.DEFAULT_TOKEN, "--rate-limit", "0",
                "--debounce", debounce, "--formats", "markdown", "--webhook-secret-file", secret.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static Workspace small() {
        return Workspace.generate(new WorkspaceSpec(11, 12, 3, 0, 0, 0, false, false, 0, 0));
    }

    private static String exportedPage(Workspace workspace, Path out) {
        return workspace.pageIds().filter(id -> !markdownContaining(out, workspace.title(id)).isEmpty())
                .findFirst().orElseThrow();
    }

    @Test
    void watchUpdatesTheMarkdownOfAnEditedPage() throws Exception {
        Workspace workspace = small();
        Path out = dir.resolve("backup");
        Path secret = Files.writeString(dir.resolve("webhook-secret"), TOKEN + "\n");
        try (FakeNotionServer server = FakeNotionServer.start(workspace)) {
            Watch watch = Watch.start(args(server, out, secret, "100ms"));
            try {
                await(() -> watch.err().toString().contains("Reconciled the whole export"), watch.err());
                String page = exportedPage(workspace, out);
                try (WebhookSender sender = server.sendWebhooks(watch.url(), TOKEN)) {
                    workspace.editPageText(page, "Edited while notion-sync watch runs");
                    await(() -> !markdownContaining(out, "Edited while notion-sync watch runs").isEmpty(),
                            watch.err());
                    assertThat(sender.acknowledged()).isEqualTo(1);
                }
                await(() -> watch.err().toString().contains("Fetched 1 changed objects"), watch.err());
            } finally {
                watch.stop();
            }
        }
    }

    @Test
    void anEventAcknowledgedBeforeAKillIsAppliedAtTheNextStart() throws Exception {
        Workspace workspace = small();
        Path out = dir.resolve("backup");
        Path secret = Files.writeString(dir.resolve("webhook-secret"), TOKEN + "\n");
        try (FakeNotionServer server = FakeNotionServer.start(workspace)) {
            assertThat(CliRun.of("export", "--out", out.toString(), "--api-url", server.baseUrl(), "--token",
                    FakeServerOptions.DEFAULT_TOKEN, "--rate-limit", "0", "--formats", "markdown").exitCode())
                    .isEqualTo(ExitCodes.OK);
            String page = exportedPage(workspace, out);
            // a child JVM that acknowledges and would fetch only an hour later: killed in between
            Process child = new ProcessBuilder(ChildCli.command(args(server, out, secret, "1h",
                    "--no-reconcile-at-start"))).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line = lines.readLine();
                while (line != null && !line.startsWith("Listening for Notion webhooks")) {
                    line = lines.readLine();
                }
                assertThat(line).isNotNull();
                try (WebhookSender sender = server.sendWebhooks(Watch.url(line), TOKEN)) {
                    workspace.editPageText(page, "Acknowledged, then kill -9");
                    await(() -> sender.acknowledged() == 1, new StringWriter());
                }
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                child.destroyForcibly();
            }
            assertThat(markdownContaining(out, "Acknowledged, then kill -9")).isEmpty();

            Watch restarted = Watch.start(args(server, out, secret, "100ms", "--no-reconcile-at-start"));
            try {
                assertThat(restarted.err().toString()).contains("applying 1 pending events");
                await(() -> !markdownContaining(out, "Acknowledged, then kill -9").isEmpty(), restarted.err());
            } finally {
                restarted.stop();
            }
        }
    }

    @Test
    void aProfileGivesTheWatchItsTokenServerFolderAndExportOptions() throws Exception {
        Workspace workspace = small();
        Path secret = Files.writeString(dir.resolve("webhook-secret"), TOKEN + "\n");
        try (FakeNotionServer server = FakeNotionServer.start(workspace)) {
            ConfigEnvironment.useForTests(Map.of("ACME_TOKEN", FakeServerOptions.DEFAULT_TOKEN));
            Path config = Files.writeString(dir.resolve("notion-sync.yaml"), """
                    profiles:
                      acme:
                        token_env: ACME_TOKEN
                        api_url: %s
                        out: acme-backup
                        formats: [markdown]
                        front_matter: false
                        rate_limit: 0
                    """.formatted(server.baseUrl()));
            Path out = dir.resolve("acme-backup");

            Watch watch = Watch.start("watch", "--config", config.toString(), "--profile", "acme", "--listen",
                    "127.0.0.1:0", "--debounce", "100ms", "--webhook-secret-file", secret.toString());
            try {
                await(() -> watch.err().toString().contains("Reconciled the whole export"), watch.err());
            } finally {
                watch.stop();
            }
            List<Path> markdown;
            try (Stream<Path> files = Files.walk(out.resolve("markdown"))) {
                markdown = files.filter(file -> file.toString().endsWith(".md")).toList();
            }
            assertThat(markdown).isNotEmpty();
            assertThat(markdown).allSatisfy(file -> assertThat(Files.readString(file)).doesNotStartWith("---"));
            assertThat(out.resolve("json")).doesNotExist();
        } finally {
            ConfigEnvironment.reset();
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
        } catch (IOException | UncheckedIOException e) {
            // a temporary file of a write in progress vanished while the folder was walked: look again next poll
            return "";
        }
    }

    /** Polls {@code condition} for up to 30 s; on a timeout, fails with what the CLI said on stderr. */
    static void await(BooleanSupplier condition, StringWriter err) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out; stderr said:\n" + err);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
