package dev.notionsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.ext.yaml.front.matter.YamlFrontMatterExtension;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.util.ast.Block;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI exports a generated workspace from the fake server, and nothing is lost on the way. */
class EndToEndTests {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final WorkspaceSpec SPEC = WorkspaceSpec.small();

    @TempDir
    static Path dir;
    private static FakeNotionServer server;
    private static Path out;
    private static CliRun run;
    private static final Map<String, JsonNode> exported = new HashMap<>();
    private static final Map<String, String> markdownText = new HashMap<>();
    private static final Map<String, String> htmlText = new HashMap<>();

    @BeforeAll
    static void export() throws IOException {
        server = FakeNotionServer.start(Workspace.generate(SPEC));
        out = dir.resolve("export");
        run = CliRun.of("export", "--api-url", server.baseUrl(), "--token", FakeServerOptions.DEFAULT_TOKEN,
                "--rate-limit", "0", "--out", out.toString());
        Parser parser = Parser.builder(new MutableDataSet().set(Parser.EXTENSIONS,
                List.of(TablesExtension.create(), YamlFrontMatterExtension.create()))).build();
        try (Stream<Path> files = Files.list(out.resolve("json"))) {
            for (Path file : files.filter(f -> !f.getFileName().toString().equals("index.json")
                    && !f.getFileName().toString().equals("users.json")).toList()) {
                JsonNode json = MAPPER.readTree(file.toFile());
                JsonNode object = json.has("page") ? json.get("page") : json.get("database");
                exported.put(object.path("id").asText(), json);
                String name = file.getFileName().toString().replaceFirst("\\.json$", ".md");
                Path markdown = out.resolve("markdown").resolve(name);
                Path html = out.resolve("html").resolve(name.replaceFirst("\\.md$", ".html"));
                if (Files.exists(html)) {
                    htmlText.put(object.path("id").asText(), htmlText(Files.readString(html)));
                }
                if (Files.exists(markdown)) {
                    markdownText.put(object.path("id").asText(), text(parser.parse(Files.readString(markdown))));
                }
            }
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theExportSucceedsOrNamesWhatItCouldNotRead() {
        assertThat(run.exitCode()).as(run.err()).isIn(ExitCodes.OK, ExitCodes.PARTIAL);
        assertThat(run.err()).doesNotContain("\tat ");
        assertThat(run.out()).contains("Export in ");
    }

    @Test
    void everyReadablePageIsExportedInJsonMarkdownAndHtml() {
        Workspace workspace = server.workspace();
        List<String> expected = workspace.pageIds()
                .filter(id -> workspace.page(id).isPresent())
                .filter(id -> !workspace.page(id).get().path("in_trash").asBoolean(false))
                .toList();

        assertThat(expected).isNotEmpty();
        assertThat(exported.keySet()).containsAll(expected);
        assertThat(markdownText.keySet()).containsAll(expected);
        assertThat(htmlText.keySet()).containsAll(expected);
    }

    @Test
    void everyPageTitleAndEveryBlockTextIsInTheJsonTheMarkdownAndTheHtml() {
        Workspace workspace = server.workspace();
        int checked = 0;
        for (String id : workspace.pageIds().toList()) {
            if (!exported.containsKey(id)) {
                continue;
            }
            String json = exported.get(id).toString();
            String markdown = markdownText.get(id);
            String title = spaces(workspace.title(id));
            assertThat(markdown).as("title of %s", id).contains(title);
            for (String text : texts(workspace, id)) {
                assertThat(json).as("JSON of page %s", id).contains(MAPPER.valueToTree(text).toString()
                        .replaceAll("^\"|\"$", ""));
                assertThat(markdown).as("Markdown of page %s", id).contains(spaces(text));
                assertThat(htmlText.get(id)).as("HTML of page %s", id).contains(spaces(text));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(50);
    }

    @Test
    void aRelationWithMoreThan25EntriesIsCompleteInTheJson() throws Exception {
        String longestPage = null;
        int longest = 0;
        for (JsonNode json : exported.values()) {
            for (JsonNode value : json.path("page").path("properties")) {
                if ("relation".equals(value.path("type").asText()) && value.path("relation").size() > longest) {
                    longest = value.path("relation").size();
                    longestPage = json.path("page").path("id").asText();
                }
            }
        }
        HttpResponse<String> truncated = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/v1/pages/" + longestPage))
                .header("Authorization", "Bearer " + FakeServerOptions.DEFAULT_TOKEN)
                .header("Notion-Version", "2026-03-11")
                .build(), HttpResponse.BodyHandlers.ofString());
        int served = 0;
        for (JsonNode value : MAPPER.readTree(truncated.body()).path("properties")) {
            if ("relation".equals(value.path("type").asText())) {
                served = Math.max(served, value.path("relation").size());
            }
        }

        assertThat(served).as("the page object carries a truncated relation").isEqualTo(25);
        assertThat(longest).as("the export carries the complete relation").isGreaterThan(25);
    }

    @Test
    void hostileTitlesProduceSafeFilesInsideTheOutputFolder() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        Path root = out.toAbsolutePath().normalize();
        assertThat(files).allSatisfy(file -> assertThat(file.toAbsolutePath().normalize()).startsWith(root));
        assertThat(files).allSatisfy(file -> {
            String name = file.getFileName().toString();
            assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
            assertThat(name.replaceFirst("\\.[a-z]+$", "")).doesNotMatch("(?i)(CON|PRN|AUX|NUL|COM\\d|LPT\\d)");
            assertThat(name).doesNotContainPattern("[<>:\"\\\\|?*]");
        });
        assertThat(out.resolve("markdown/etc_passwd.md")).exists();
        assertThat(out.resolve("markdown/CON_.md")).exists();
        assertThat(dir.resolve("etc")).doesNotExist();
    }

    /** What a browser shows of an HTML page: tags dropped, entities decoded, whitespace collapsed. */
    private static String htmlText(String html) {
        String text = html.replaceAll("(?s)<head>.*?</head>", " ").replaceAll("<[^>]+>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
        return spaces(text);
    }

    /** The literal text of a parsed Markdown document: what a reader sees, escapes removed. */
    private static String text(Node document) {
        StringBuilder text = new StringBuilder();
        for (Node node : document.getDescendants()) {
            if (node instanceof Block) {
                text.append('\n');
            }
            if (node instanceof Text || node instanceof Code) {
                text.append(node.getChars().unescape());
            } else if (node instanceof FencedCodeBlock code) {
                text.append(code.getContentChars());
            }
        }
        return spaces(text.toString());
    }

    private static String spaces(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /** The text segments of every block of a page (not of its child pages), as Notion stores them. */
    private static List<String> texts(Workspace workspace, String pageId) {
        List<String> texts = new ArrayList<>();
        collect(workspace, pageId, texts);
        return texts;
    }

    private static void collect(Workspace workspace, String parentId, List<String> texts) {
        for (ObjectNode block : workspace.children(parentId)) {
            String type = block.path("type").asText();
            JsonNode content = block.path(type);
            for (JsonNode segment : content.path("rich_text")) {
                String text = segment.path("plain_text").asText();
                if ("text".equals(segment.path("type").asText()) && text.strip().length() >= 3
                        && !"code".equals(type) && !"equation".equals(type)) {
                    texts.add(text);
                }
            }
            if (block.path("has_children").asBoolean() && !type.equals("child_page")
                    && !type.equals("child_database") && !type.equals("synced_block")) {
                collect(workspace, block.path("id").asText(), texts);
            }
        }
    }
}
