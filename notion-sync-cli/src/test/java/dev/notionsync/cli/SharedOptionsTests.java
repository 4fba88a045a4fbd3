package dev.notionsync.cli;

import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The option groups every command shares: the same options with the same help, and the same precedence (flags,
 * environment, profile, defaults) for {@code export}, {@code watch} and {@code restore}.
 */
class SharedOptionsTests {

    private static final List<String> CONNECTION = List.of("--token", "--api-url", "--notion-version",
            "--rate-limit", "--max-retries", "--max-outage", "--connect-timeout", "--read-timeout");
    private static final List<String> CONFIGURATION = List.of("--config", "--profile");
    private static final List<String> CONTENT = List.of("--formats", "--comments", "--no-front-matter", "--csv-raw",
            "--no-attachments", "--max-file-size", "--concurrency");
    private static final String PARENT = "0123456789abcdef0123456789abcdef";

    private static FakeNotionServer server;

    @TempDir
    static Path shared;
    private static Path exported;

    @TempDir
    Path dir;

    @BeforeAll
    static void export() {
        server = FakeNotionServer.start(Workspace.generate(WorkspaceSpec.small().withPages(3).withDatabases(0)));
        exported = CliRun.jsonExport(server.baseUrl(), shared.resolve("exported"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void restoreEnvironment() {
        ConfigEnvironment.reset();
    }

    @ParameterizedTest
    @ValueSource(strings = {"watch", "restore", "verify"})
    void theConnectionAndConfigurationOptionsAreThoseOfExport(String name) {
        assertSameOptions(name, CONNECTION);
        assertSameOptions(name, CONFIGURATION);
    }

    @Test
    void watchWritesWithTheContentOptionsOfExport() {
        assertSameOptions("watch", CONTENT);
    }

    @Test
    void restoreTakesTheTokenAliasFromTheEnvironment() {
        ConfigEnvironment.useForTests(Map.of("NOTION_API_KEY", FakeServerOptions.DEFAULT_TOKEN));

        CliRun run = CliRun.of("restore", "--from", exported.toString(), "--parent", PARENT, "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("Plan: ");
    }

    @Test
    void restoreTakesItsTokenAndFolderFromAProfile() throws IOException {
        ConfigEnvironment.useForTests(Map.of("ACME_TOKEN", FakeServerOptions.DEFAULT_TOKEN));
        Path config = Files.writeString(dir.resolve("notion-sync.yaml"), """
                profiles:
                  acme:
                    token_env: ACME_TOKEN
                    api_url: %s
                    out: %s
                """.formatted(server.baseUrl(), exported));

        CliRun run = CliRun.of("restore", "--config", config.toString(), "--profile", "acme", "--parent", PARENT,
                "--dry-run");
        CliRun noProfile = CliRun.of("restore", "--config", config.toString(), "--parent", PARENT, "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("Plan: ");
        assertThat(noProfile.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noProfile.err()).startsWith("notion-sync: Missing required option: '--from=DIR'");
    }

    @Test
    void verifyOnlineTakesItsTokenFromAProfile() throws IOException {
        ConfigEnvironment.useForTests(Map.of("ACME_TOKEN", FakeServerOptions.DEFAULT_TOKEN));
        Path config = Files.writeString(dir.resolve("notion-sync.yaml"), """
                profiles:
                  acme:
                    token_env: ACME_TOKEN
                    api_url: %s
                """.formatted(server.baseUrl()));

        CliRun run = CliRun.of("verify", exported.toString(), "--online", "--config", config.toString(), "--profile",
                "acme");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains(exported + ": ").endsWith("clean" + System.lineSeparator());
    }

    @ParameterizedTest
    @ValueSource(strings = {"export", "watch --listen 127.0.0.1:0", "restore --parent " + PARENT})
    void aMalformedConfigurationIsOneLineNamingTheFileAndTheLine(String command) throws IOException {
        Path config = Files.writeString(dir.resolve("bad.yaml"), "defaults:\n  formats: [json, pdf]\n");

        CliRun run = CliRun.of((command + " --config " + config).split(" "));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().strip()).doesNotContain("\n").isEqualTo("notion-sync: " + config
                + ":2: defaults: unknown format 'pdf' (known: json, markdown, html, csv)");
    }

    private static void assertSameOptions(String name, List<String> options) {
        CommandSpec export = command("export");
        CommandSpec command = command(name);
        for (String option : options) {
            OptionSpec own = command.findOption(option);
            assertThat(own).as(name + " " + option).isNotNull();
            OptionSpec exports = export.findOption(option);
            assertThat(own.description()).as(name + " " + option).isEqualTo(exports.description());
            assertThat(own.defaultValue()).as(name + " " + option).isEqualTo(exports.defaultValue());
        }
    }

    private static CommandSpec command(String name) {
        CommandLine root = NotionSyncCli.commandLine();
        return root.getSubcommands().get(name).getCommandSpec();
    }
}
