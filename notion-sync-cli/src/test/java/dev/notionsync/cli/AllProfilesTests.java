package dev.notionsync.cli;

import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

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
}
