package dev.notionsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.notionsync.core.export.NotionSync;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Broken answers and chatty servers never cost a backup its files, nor leak the token. */
class NeverLoseABackupTests {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    // shaped like a real token, so that it is also caught by pattern, not only as the token in use
    private static final String TOKEN = "ntn_" + "4kT9wQ2xZp7LmN3vB8cR1sD6fG0hJ5yU";

    @TempDir
    Path dir;

    @Test
    void aRerunWhoseSearchAnswersMalformedFailsAndRemovesNothing() throws IOException {
        try (FakeNotionServer server = FakeNotionServer.start(workspace())) {
            Path out = dir.resolve("out");
            CliRun first = export(server, out, FakeServerOptions.DEFAULT_TOKEN);
            assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.OK);
            Map<String, String> pages = pages(out);
            assertThat(pages).hasSizeGreaterThan(20);
            String index = Files.readString(out.resolve("json/index.json"));
            String htmlIndex = Files.readString(out.resolve("html/index.html"));

            server.faults().malformedNext(1, "POST /v1/search", "")
                    .malformedNext(Integer.MAX_VALUE, "POST /v1/search", "{\"object\":\"list\"}");
            CliRun rerun = export(server, out, FakeServerOptions.DEFAULT_TOKEN);

            assertThat(rerun.exitCode()).as(rerun.err()).isNotEqualTo(ExitCodes.OK);
            assertThat(rerun.err()).contains("failed: search (malformed_response)");
            JsonNode report = MAPPER.readTree(out.resolve(NotionSync.REPORT_FILE).toFile());
            assertThat(report.path("summary").path("failures").path("malformed_response").asLong()).isEqualTo(1);
            assertThat(report.path("summary").path("skipped").has("removed")).isFalse();
            assertThat(out.resolve(".notion-sync/removed")).doesNotExist();
            assertThat(pages(out)).isEqualTo(pages);
            // objects this run could not reach are replayed from the state: the indexes still list every one
            assertThat(Files.readString(out.resolve("json/index.json"))).isEqualTo(index);
            assertThat(Files.readString(out.resolve("html/index.html"))).isEqualTo(htmlIndex);
        }
    }

    @Test
    void aServerEchoingTheTokenLeavesItInNoMessageReportOrStderr() throws IOException {
        try (FakeNotionServer server = FakeNotionServer.start(workspace(),
                FakeServerOptions.builder().token(TOKEN).build())) {
            Workspace workspace = server.workspace();
            String page = workspace.pageIds().filter(id -> workspace.page(id).isPresent()).findFirst().orElseThrow();
            server.faults().echoTokenNext(Integer.MAX_VALUE, 400, "/v1/blocks/" + page + "/children")
                    .echoTokenNext(Integer.MAX_VALUE, 400, "/v1/pages/" + page);
            Path out = dir.resolve("echo");

            CliRun failedPage = export(server, out, TOKEN);

            assertThat(failedPage.exitCode()).isEqualTo(ExitCodes.PARTIAL);
            assertThat(failedPage.err()).contains("failed: ").contains("Authorization: Bearer <redacted>");
            assertNoToken(failedPage, out);

            server.faults().clear();
            server.faults().echoTokenNext(Integer.MAX_VALUE, 503, "/v1/users/me");
            CliRun stopped = export(server, out, TOKEN);

            assertThat(stopped.exitCode()).isNotEqualTo(ExitCodes.OK);
            assertThat(stopped.err()).contains("gave up after 1 retries").contains("Bearer <redacted>");
            JsonNode report = MAPPER.readTree(out.resolve(NotionSync.REPORT_FILE).toFile());
            assertThat(report.path("error").asText()).contains("Bearer <redacted>");
            assertNoToken(stopped, out);
        }
    }

    private static void assertNoToken(CliRun run, Path out) throws IOException {
        assertThat(run.err()).doesNotContain(TOKEN).doesNotContain(TOKEN.substring(4));
        assertThat(run.out()).doesNotContain(TOKEN);
        assertThat(Files.readString(out.resolve(NotionSync.REPORT_FILE))).doesNotContain(TOKEN)
                .doesNotContain(TOKEN.substring(4));
    }

    private static Workspace workspace() {
        return Workspace.generate(WorkspaceSpec.small().withHostileTitles(false));
    }

    private static CliRun export(FakeNotionServer server, Path out, String token) {
        return CliRun.of("export", "--api-url", server.baseUrl(), "--token", token, "--rate-limit", "0",
                "--max-retries", "1", "--formats", "json,markdown,html", "--progress", "none", "--concurrency", "1",
                "--out", out.toString());
    }

    /** Every Markdown and HTML page of an export, by path; the indexes list this run's objects, so they are left out. */
    private static Map<String, String> pages(Path out) throws IOException {
        Map<String, String> pages = new TreeMap<>();
        List<Path> files = new ArrayList<>();
        for (String format : List.of("markdown", "html")) {
            try (var walk = Files.walk(out.resolve(format))) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        for (Path file : files) {
            String name = out.relativize(file).toString().replace('\\', '/');
            if (name.endsWith(".md") || name.endsWith(".html") && !name.equals("html/index.html")) {
                pages.put(name, ExportTrees.unsigned(Files.readString(file)));
            }
        }
        return pages;
    }
}
