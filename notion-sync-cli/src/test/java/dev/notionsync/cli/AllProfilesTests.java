package dev.notionsync.cli;

import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code export --all-profiles}: each profile against its own workspace, with its own token and summary. */
class AllProfilesTests {

    @TempDir
    Path dir;

    @AfterEach
    void restoreEnvironment() {
        ConfigEnvironment.reset();
    }

    @Test
    void everyProfileIsExportedFromItsOwnServerWithItsOwnTokenAndTheExitCodeIsTheWorst() throws IOException {
        try (FakeNotionServer acme = FakeNotionServer.start(Workspace.demo(),
                FakeServerOptions.builder().token("secret_acme").build());
             FakeNotionServer beta = FakeNotionServer.start(Workspace.demo(),
                     FakeServerOptions.builder().token("secret_beta").build())) {
            ConfigEnvironment.useForTests(Map.of("ACME_TOKEN", "secret_acme", "BETA_TOKEN", "secret_beta"));
            Path config = Files.writeString(dir.resolve("notion-sync.yaml"), """
                    defaults:
                      formats: [json]
                      rate_limit: 0
                      progress: none
                    profiles:
                      acme:
                        token_env: ACME_TOKEN
                        api_url: %s
                        out: acme
                      beta:
                        token_env: BETA_TOKEN
                        api_url: %s
                        out: beta
                    """.formatted(acme.baseUrl(), beta.baseUrl()));

            CliRun run = CliRun.of("export", "--config", config.toString(), "--all-profiles");

            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
            assertThat(run.out()).contains("Profile acme (exit 0):").contains("Profile beta (exit 0):")
                    .contains("Export in " + dir.resolve("acme")).contains("Export in " + dir.resolve("beta"));
            assertThat(dir.resolve("acme/json/index.json")).exists();
            assertThat(dir.resolve("beta/json/index.json")).exists();
            assertThat(acme.requestCount()).isPositive();
            assertThat(beta.requestCount()).isPositive();

            ConfigEnvironment.useForTests(Map.of("ACME_TOKEN", "secret_acme", "BETA_TOKEN", "wrong"));
            CliRun refused = CliRun.of("export", "--config", config.toString(), "--all-profiles");
            assertThat(refused.exitCode()).isEqualTo(ExitCodes.UNAUTHORIZED);
            assertThat(refused.out()).contains("Profile acme (exit 0):").contains("Profile beta (exit 3):");
            assertThat(refused.err()).contains("[beta] ");
        }
    }

    @Test
    void progressIsLiveOneWholeLineAtATimePrefixedWithItsProfile() throws Exception {
        try (FakeNotionServer acme = FakeNotionServer.start(Workspace.demo());
             FakeNotionServer beta = FakeNotionServer.start(Workspace.demo())) {
            ConfigEnvironment.useForTests(Map.of("NOTION_TOKEN", FakeServerOptions.DEFAULT_TOKEN));
            Path config = Files.writeString(dir.resolve("notion-sync.yaml"), """
                    defaults:
                      formats: [json, markdown]
                      rate_limit: 0
                      progress: lines
                    profiles:
                      acme:
                        api_url: %s
                        out: acme
                      beta:
                        api_url: %s
                        out: beta
                    """.formatted(acme.baseUrl(), beta.baseUrl()));
            // beta's workspace goes down after a few requests and stays down until the test has seen its line
            beta.faults().outageAfter(10, Duration.ofDays(365));
            StringWriter err = new StringWriter();
            StringWriter out = new StringWriter();
            CommandLine commandLine = NotionSyncCli.commandLine();
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() ->
                    commandLine.execute("export", "--config", config.toString(), "--all-profiles"));
            try {
                // acme's progress shows while beta is held, whichever of the two lines comes first on a busy machine
                WatchCommandTests.await(() -> err.toString().contains("[beta]   Notion unavailable, retrying in")
                        && err.toString().contains("[acme] exported page "), err);
                assertThat(run).as("beta is still held by its outage").isNotDone();
            } finally {
                beta.faults().endOutage();
            }

            assertThat(run.get(60, TimeUnit.SECONDS)).as(err.toString()).isEqualTo(ExitCodes.OK);
            assertThat(err.toString().lines()).as(err.toString()).allMatch(line -> line.matches(
                    "\\[(acme|beta)] (exported [a-z_]+ \\S+ .*|unchanged .*|progress: \\d+% .*"
                            + "|  Notion unavailable.*|  Notion is back after .*)"));
            assertThat(err.toString()).contains("[beta]   Notion is back after ").contains("[beta] exported page ");
            assertThat(out.toString()).contains("Profile acme (exit 0):").contains("Profile beta (exit 0):");
        }
    }
}
