package dev.notionsync.cli;

import dev.notionsync.core.NotionClientOptions;
import dev.notionsync.core.RateLimit;
import dev.notionsync.core.export.ExportSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code notion-sync.yaml}: precedence of flags, environment, profile and defaults, and every malformed file. */
class ConfigFileTests {

    private static final String FILE = """
            defaults:
              out: default-out
              concurrency: 2
              comments: none
              formats: [json]
            profiles:
              acme:
                token_env: ACME_TOKEN
                out: acme-out
                comments: all
                rate_limit: 1.5
              beta:
                token_file: beta.token
            """;

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();

    @AfterEach
    void restoreEnvironment() {
        ConfigEnvironment.reset();
    }

    @Test
    void flagsBeatTheEnvironmentWhichBeatsTheProfileWhichBeatsTheDefaults() throws IOException {
        Path config = write("notion-sync.yaml", FILE);
        env.put("ACME_TOKEN", "secret_acme");

        ExportCommand profile = layered(config, "--profile", "acme");
        assertThat(profile.out).isEqualTo(dir.resolve("acme-out"));
        assertThat(profile.content.comments).isEqualTo("all");
        assertThat(profile.content.concurrency).as("from the defaults").isEqualTo(2);
        assertThat(profile.content.formats).containsExactly("json");
        assertThat(profile.connection.token).isEqualTo("secret_acme");
        assertThat(profile.connection.rateLimit).isEqualTo(RateLimit.fixed(1.5));

        ExportCommand defaults = layered(config);
        assertThat(defaults.out).isEqualTo(dir.resolve("default-out"));
        assertThat(defaults.content.comments).isEqualTo("none");

        env.put("NOTION_API_KEY", "secret_alias");
        assertThat(layered(config, "--profile", "acme").connection.token).isEqualTo("secret_alias");
        env.put("NOTION_TOKEN", "secret_env");
        assertThat(layered(config, "--profile", "acme").connection.token).isEqualTo("secret_env");

        ExportCommand flags = layered(config, "--profile", "acme", "--out", "flag-out", "--token", "secret_flag",
                "--concurrency", "9", "--rate-limit", "auto");
        assertThat(flags.out).isEqualTo(Path.of("flag-out"));
        assertThat(flags.connection.token).isEqualTo("secret_flag");
        assertThat(flags.content.concurrency).isEqualTo(9);
        assertThat(flags.connection.rateLimit).isEqualTo(RateLimit.adaptive());
        assertThat(flags.content.comments).isEqualTo("all");
    }

    @Test
    void aTokenFileIsReadRelativeToTheConfigFile() throws IOException {
        Path config = write("notion-sync.yaml", FILE);
        write("beta.token", "secret_beta\n");

        assertThat(layered(config, "--profile", "beta").connection.token).isEqualTo("secret_beta");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top-level key | profils: {}                                          | 1 | unknown key 'profils'
            unknown setting       | defaults:\\n  outt: x                                 | 2 | unknown key 'outt'
            wrong type            | defaults:\\n  concurrency: many                       | 2 | concurrency must be a whole number
            list for a value      | defaults:\\n  out: [a, b]                             | 2 | out must be a single value
            bad YAML              | defaults:\\n  out: [a\\n  formats: json              | 3 | not valid YAML
            bad rate              | defaults:\\n  rate_limit: fast                        | 2 | rate_limit 'fast' is neither auto
            bad format            | defaults:\\n  formats: [json, pdf]                    | 2 | unknown format 'pdf'
            bad comments          | defaults:\\n  comments: some                          | 2 | unknown comments scope
            both token sources    | profiles:\\n  a:\\n    token_env: X\\n    token_file: f | 4 | both token_env and token_file
            unset token_env       | profiles:\\n  a:\\n    token_env: NOT_SET_ANYWHERE    | 3 | token_env NOT_SET_ANYWHERE is not set
            missing token file    | profiles:\\n  a:\\n    token_file: nowhere.token      | 3 | cannot be read
            profiles not a map    | profiles: [a]                                        | 1 | profiles must be a map
            bad max_outage        | defaults:\\n  max_outage: soon                      | 2 | max_outage 'soon' is not a positive duration
            bad connect_timeout   | defaults:\\n  connect_timeout: 10                 | 2 | connect_timeout '10' is not a positive duration
            bad read_timeout      | profiles:\\n  a:\\n    read_timeout: 0s          | 3 | read_timeout '0s' is not a positive duration
            bad api_url           | profiles:\\n  a:\\n    api_url: ftp://x            | 3 | api_url 'ftp://x' must start with http://
            bad progress          | defaults:\\n  progress: bar                         | 2 | unknown progress mode 'bar'
            bad root              | defaults:\\n  roots: [nope]                         | 2 | roots: 'nope' is not a Notion id or link
            """)
    void aMalformedFileIsOneLineNamingTheFileTheLineAndTheProblem(String name, String yaml, int line,
            String problem) throws IOException {
        Path config = write("bad.yaml", yaml.replace("\\n", "\n"));

        CliRun run = CliRun.of("config", "check", "--config", config.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().strip()).doesNotContain("\n").startsWith("notion-sync: " + config + ":" + line + ":")
                .contains(problem);
    }

    @Test
    void anUnknownProfileAndAProfileWithoutTokenSourceAreUsageErrors() throws IOException {
        Path config = write("notion-sync.yaml", FILE);

        CliRun unknown = CliRun.of("export", "--config", config.toString(), "--profile", "gamma");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err().strip()).isEqualTo("notion-sync: " + config + ": unknown profile 'gamma' (known: "
                + "acme, beta)");

        Path noSource = write("none.yaml", "profiles:\n  a:\n    out: x\n");
        CliRun check = CliRun.of("config", "check", "--config", noSource.toString());
        assertThat(check.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(check.err()).contains("profile a: no token source");
    }

    @Test
    void aTokenInTheFileIsRefusedUnlessOnlyItsOwnerCanReadIt() throws IOException {
        Path config = write("notion-sync.yaml", "profiles:\n  acme:\n    token: secret_inline\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));

        CliRun refused = CliRun.of("config", "check", "--config", config.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains(config + ":3: profile acme: a token written in the file is refused")
                .contains("chmod 600").doesNotContain("secret_inline");

        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        CliRun accepted = CliRun.of("config", "check", "--config", config.toString());
        assertThat(accepted.exitCode()).as(accepted.err()).isEqualTo(ExitCodes.OK);
        assertThat(accepted.out()).contains("ok, 1 profile(s): acme");
        assertThat(layered(config, "--profile", "acme").connection.token).isEqualTo("secret_inline");
    }

    @Test
    void theExportOptionsOfAProfileReachTheSpecAndTheClient() throws IOException {
        Path config = write("notion-sync.yaml", FILE);
        env.put("ACME_TOKEN", "secret_acme");

        ExportCommand command = layered(config, "--profile", "acme");
        NotionClientOptions options = command.connection.toOptions().build();

        assertThat(options.token()).isEqualTo("secret_acme");
        assertThat(ExportSpec.Comments.valueOf(command.content.comments.toUpperCase(java.util.Locale.ROOT)))
                .isEqualTo(ExportSpec.Comments.ALL);
    }

    @Test
    void theTimeoutsComeFromTheProfileUnlessAFlagGivesThem() throws IOException {
        Path config = write("timeouts.yaml", """
                defaults:
                  connect_timeout: 2s
                profiles:
                  acme:
                    token_env: ACME_TOKEN
                    read_timeout: 5m
                """);
        env.put("ACME_TOKEN", "secret_acme");

        NotionClientOptions profile = layered(config, "--profile", "acme").connection.toOptions().build();
        assertThat(profile.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(profile.responseTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(profile.requestTimeout()).as("a whole attempt may take as long as one silence")
                .isEqualTo(Duration.ofMinutes(5));

        NotionClientOptions flags = layered(config, "--profile", "acme", "--connect-timeout", "500ms",
                "--read-timeout", "30s").connection.toOptions().build();
        assertThat(flags.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(flags.responseTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(flags.requestTimeout()).isEqualTo(NotionClientOptions.DEFAULT_REQUEST_TIMEOUT);

        NotionClientOptions defaults = layered(write("notion-sync.yaml", FILE), "--profile", "acme").connection
                .toOptions().build();
        assertThat(defaults.connectTimeout()).isEqualTo(NotionClientOptions.DEFAULT_CONNECT_TIMEOUT);
        assertThat(defaults.responseTimeout()).isEqualTo(NotionClientOptions.DEFAULT_RESPONSE_TIMEOUT);
    }

    private ExportCommand layered(Path config, String... args) {
        ConfigEnvironment.useForTests(env);
        ExportCommand command = new ExportCommand();
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        CommandLine.ParseResult parsed = new CommandLine(command).parseArgs(all);
        ConfigLayering.apply(command, ConfigLayering.find(command.config.file), command.config.profile, parsed);
        return command;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
