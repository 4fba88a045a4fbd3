package dev.notionsync.cli;

import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ExportCommandTests {

    private static FakeNotionServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = FakeNotionServer.start(Workspace.generate(WorkspaceSpec.small().withPages(3).withDatabases(0)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aRefusedTokenGivesOneClearLineAndItsExitCode() {
        CliRun run = CliRun.of("export", "--api-url", server.baseUrl(), "--token", "secret_wrong_token",
                "--out", dir.resolve("out").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAUTHORIZED);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("401").doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("secret_wrong_token");
    }

    @Test
    void anUnreachableApiGivesItsOwnExitCode() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        CliRun run = CliRun.of("export", "--api-url", "http://127.0.0.1:" + closedPort, "--token", "t",
                "--max-retries", "0", "--out", dir.resolve("out").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err()).contains("cannot reach the Notion API").doesNotContain("\tat ");
    }

    @Test
    void anUnwritableOutputFolderGivesItsOwnExitCode() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");

        CliRun run = CliRun.of("export", "--api-url", server.baseUrl(), "--token",
                FakeServerOptions.DEFAULT_TOKEN, "--out", file.resolve("out").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OUTPUT);
        assertThat(run.err()).contains("not-a-folder").doesNotContain("\tat ");
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    @Test
    void badArgumentsGiveTheUsageExitCode() {
        assertThat(CliRun.of("export", "--formats", "pdf", "--token", "t").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.of("export", "--rate-limit", "fast").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.of("export", "--comments", "some", "--token", "t").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.of("export", "--api-url", "ftp://x", "--token", "t").exitCode())
                .isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aMalformedRootIsAUsageErrorBeforeAnyRequest() {
        server.resetCounters();

        CliRun run = CliRun.of("export", "--api-url", server.baseUrl(), "--token", FakeServerOptions.DEFAULT_TOKEN,
                "--root", "https://www.notion.so/Workspace/Some-Page-0123abcd?pvs=4",
                "--out", dir.resolve("out").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().lines().findFirst()).hasValueSatisfying(line -> assertThat(line)
                .contains("--root 'https://www.notion.so/Workspace/Some-Page-0123abcd?pvs=4' is not a Notion id")
                .contains("32 hex digits"));
        assertThat(run.err()).doesNotContain("\tat ");
        assertThat(server.requestCount()).isZero();
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aPastedLinkOrAnUndashedIdIsAcceptedAsRoot() throws IOException {
        String page = server.workspace().pageIds()
                .filter(id -> server.workspace().page(id).orElseThrow().path("parent").path("type").asText()
                        .equals("workspace"))
                .findFirst().orElseThrow();
        String undashed = page.replace("-", "");

        for (String root : new String[] {"https://www.notion.so/Workspace/Some-Page-" + undashed + "?pvs=4",
            "https://app.notion.com/p/some-page-" + undashed, undashed.toUpperCase(java.util.Locale.ROOT)}) {
            Path out = dir.resolve("out-" + Integer.toHexString(root.hashCode()));
            CliRun run = CliRun.of("export", "--api-url", server.baseUrl(), "--token",
                    FakeServerOptions.DEFAULT_TOKEN, "--formats", "json", "--root", root, "--out", out.toString());

            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
            assertThat(Files.readString(out.resolve("json/index.json"))).contains(page);
        }
    }

    @Test
    void aMissingTokenSaysHowToProvideOne() {
        CliRun run = CliRun.of("export", "--token", "", "--out", dir.resolve("out").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("NOTION_TOKEN").contains("--demo");
    }

    @Test
    void theDemoExportsWithoutAToken() {
        CliRun run = CliRun.of("export", "--demo", "--out", dir.resolve("demo").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Export in ").contains("API requests");
        assertThat(dir.resolve("demo/json/index.json")).exists();
        assertThat(dir.resolve("demo/markdown/Team Handbook.md")).exists();
    }

    @Test
    void csvCellsThatLookLikeFormulasAreNeutralisedUnlessCsvRawIsGiven() throws IOException {
        String safe = csvWithPhoneNumbers(dir.resolve("safe"));
        String raw = csvWithPhoneNumbers(dir.resolve("raw"), "--csv-raw");

        // the coverage database's phone numbers start with +, which a spreadsheet reads as a formula
        assertThat(safe).contains(",'+44 20 7946 000").doesNotContain(",+44 20 7946 000");
        assertThat(raw).contains(",+44 20 7946 000").doesNotContain("'+44");
    }

    private static String csvWithPhoneNumbers(Path out, String... extra) throws IOException {
        String[] args = {"export", "--api-url", server.baseUrl(), "--token", FakeServerOptions.DEFAULT_TOKEN,
            "--formats", "csv", "--progress", "none", "--out", out.toString()};
        String[] all = Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        CliRun run = CliRun.of(all);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        try (Stream<Path> files = Files.list(out.resolve("csv"))) {
            for (Path file : files.toList()) {
                String csv = Files.readString(file);
                if (csv.contains("Telephone")) {
                    return csv;
                }
            }
        }
        throw new AssertionError("no CSV with a Telephone column in " + out);
    }
}
