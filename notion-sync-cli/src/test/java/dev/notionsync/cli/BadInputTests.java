package dev.notionsync.cli;

import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command against the mistakes a new user makes: one clear line on stderr, the documented exit code, no stack
 * trace, nothing written outside the output folder. The cases {@code ExportCommandTests}, {@code ConfigFileTests},
 * {@code SharedOptionsTests}, {@code RestoreLimitsTests} and {@code EndToEndTests} (hostile titles) cover are not
 * repeated here.
 */
class BadInputTests {

    private static final String PARENT = "0123456789abcdef0123456789abcdef";

    private static FakeNotionServer server;
    private static String closedPort;
    private static ServerSocket silent;

    @TempDir
    static Path shared;
    private static Path exported;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        server = FakeNotionServer.start(Workspace.generate(WorkspaceSpec.small().withPages(3).withDatabases(0)));
        exported = CliRun.jsonExport(server.baseUrl(), shared.resolve("exported"));
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = "http://127.0.0.1:" + socket.getLocalPort();
        }
        // never accept()ed: the kernel takes the connection and the request, and no answer ever comes
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        silent.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            export: --out is a file         | 6 | --out {file} is a file, not a folder | export --api-url {api} --token {token} --out {file}
            export: empty --out             | 2 | --out needs a folder name           | export --api-url {api} --token {token} --out {empty}
            export: --metrics is a folder   | 2 | --metrics {export} is a folder      | export --api-url {api} --token {token} --out {out} --metrics {export}
            watch: negative --max-file-size | 2 | --max-file-size must be 1 (MB) or more, not -5 | watch --api-url {api} --token {token} --out {out} --listen 127.0.0.1:0 --max-file-size -5
            export: two profile choices     | 2 | --all-profiles exports every profile; drop --profile acme | export --config {config} --all-profiles --profile acme
            watch: --out is a file          | 6 | --out {file} is a file, not a folder | watch --api-url {api} --token {token} --out {file} --listen 127.0.0.1:0
            watch: refused token            | 3 | Notion refused the token (401       | watch --api-url {api} --token secret_wrong --out {out} --listen 127.0.0.1:0 --formats json
            restore: refused token          | 3 | Notion refused the token (401       | restore --api-url {api} --token secret_wrong --from {export} --parent {parent}
            restore: unreachable API        | 4 | cannot reach the Notion API         | restore --api-url {dead} --token {token} --max-retries 0 --from {export} --parent {parent}
            restore: unknown host           | 4 | cannot reach the Notion API         | restore --api-url http://notion-sync.invalid --token {token} --max-retries 0 --from {export} --parent {parent}
            export: refused port            | 4 | connection refused by {deadHost}: the host is reachable, but nothing accepts connections on port | export --api-url {dead} --token {token} --max-retries 0 --out {out}
            export: one-digit port          | 4 | connection refused by 127.0.0.1:1: the host is reachable | export --api-url http://127.0.0.1:1 --token {token} --max-retries 0 --out {out}
            export: unknown host            | 4 | unknown host no-such-host.invalid: the name does not resolve | export --api-url http://no-such-host.invalid --token {token} --max-retries 0 --connect-timeout 1s --read-timeout 2s --out {out}
            export: server never answers    | 4 | {silentHost} accepted the connection but sent no answer within the read timeout of 300ms | export --api-url {silent} --token {token} --max-retries 0 --read-timeout 300ms --out {out}
            verify --online: never answers  | 4 | sent no answer within the read timeout of 300ms | verify {export} --online --api-url {silent} --token {token} --max-retries 0 --read-timeout 300ms
            export: malformed --read-timeout | 2 | Invalid value for option '--read-timeout': '10x' is not a positive duration | export --api-url {api} --token {token} --read-timeout 10x --out {out}
            restore: zero --connect-timeout | 2 | Invalid value for option '--connect-timeout': '0s' is not a positive duration | restore --api-url {api} --token {token} --connect-timeout 0s --from {export} --parent {parent}
            watch: endless --read-timeout   | 2 | Invalid value for option '--read-timeout': '9999999999999h' is longer than any wait | watch --api-url {api} --token {token} --out {out} --listen 127.0.0.1:0 --read-timeout 9999999999999h
            restore: malformed parent       | 2 | parent is not a page id or URL      | restore --api-url {api} --token {token} --from {export} --parent ../../etc/passwd
            restore: --from is a file       | 2 | is not a JSON export                | restore --api-url {api} --token {token} --from {file} --parent {parent}
            verify: DIR is a file           | 2 | {file} is not a folder              | verify {file}
            verify --online: refused token  | 3 | Notion refused the token (401       | verify {export} --online --api-url {api} --token secret_wrong
            verify --online: unreachable    | 4 | cannot reach the Notion API         | verify {export} --online --api-url {dead} --token {token} --max-retries 0
            """)
    void aMistakeIsOneLineItsExitCodeAndNothingWrittenOutsideTheFolder(String name, int exitCode, String problem,
            String command) throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "not a folder");
        Files.writeString(dir.resolve("notion-sync.yaml"), "profiles:\n  acme:\n    token_env: ACME_TOKEN\n");
        Set<String> before = tree(dir);
        Set<String> exportBefore = tree(exported);

        CliRun run = CliRun.of(Stream.of(fill(command, file).split(" ")).map(arg -> arg.equals("{empty}") ? "" : arg)
                .toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
        List<String> errors = run.err().lines().filter(line -> line.startsWith("notion-sync:")).toList();
        assertThat(errors).as(run.err()).hasSize(1);
        assertThat(errors.get(0)).contains(fill(problem, file)).doesNotContain("secret_wrong");
        // besides that line only the usage hint, and watch's line saying where it listens
        assertThat(run.err().lines()).as(run.err()).allMatch(line -> line.startsWith("notion-sync:")
                || line.startsWith("Try 'notion-sync ") || line.startsWith("Listening for Notion webhooks"));
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(file).hasContent("not a folder");
        Set<String> written = tree(dir);
        written.removeAll(before);
        assertThat(written).as("written outside --out").allMatch(path -> path.startsWith("out"));
        assertThat(tree(exported)).as("the export restored from or verified").isEqualTo(exportBefore);
    }

    private String fill(String template, Path file) {
        String silentHost = "127.0.0.1:" + silent.getLocalPort();
        return template.replace("{api}", server.baseUrl()).replace("{dead}", closedPort)
                .replace("{deadHost}", closedPort.substring("http://".length()))
                .replace("{silentHost}", silentHost).replace("{silent}", "http://" + silentHost)
                .replace("{token}", FakeServerOptions.DEFAULT_TOKEN).replace("{out}", dir.resolve("out").toString())
                .replace("{file}", file.toString()).replace("{export}", exported.toString())
                .replace("{parent}", PARENT).replace("{config}", dir.resolve("notion-sync.yaml").toString());
    }

    private static Set<String> tree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.map(path -> root.relativize(path).toString()).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
