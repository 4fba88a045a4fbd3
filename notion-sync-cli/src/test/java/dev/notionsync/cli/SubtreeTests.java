package dev.notionsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --root} exports the subtree and nothing else, unless {@code --follow-links} asks for more. */
class SubtreeTests {

    private static FakeNotionServer server;
    private static Workspace workspace;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        workspace = Workspace.generate(WorkspaceSpec.small().withPages(30).withCoverage(false)
                .withHostileTitles(false).withFilesPerPage(0));
        server = FakeNotionServer.start(workspace);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aRootExportsItsSubtreeAndReferencesOutsideStayLinksToNotion() throws IOException {
        Subtree subtree = biggestSubtreeWithOutsideReferences();
        Path out = dir.resolve("out");

        CliRun run = CliRun.of("export", "--api-url", server.baseUrl(), "--token", FakeServerOptions.DEFAULT_TOKEN, "--rate-limit", "0",
                "--formats", "json,markdown", "--no-attachments", "--root", subtree.root(), "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(exportedIds(out)).containsExactlyInAnyOrderElementsOf(subtree.objects());
        String markdown = allMarkdown(out);
        for (String outside : subtree.outside()) {
            assertThat(markdown).contains("(https://www.notion.so/" + outside.replace("-", "") + ")");
        }
    }

    @Test
    void followLinksExportsTheReferencesOutsideTheSubtreeToo() throws IOException {
        Subtree subtree = biggestSubtreeWithOutsideReferences();
        Path out = dir.resolve("out");

        CliRun run = CliRun.of("export", "--api-url", server.baseUrl(), "--token", FakeServerOptions.DEFAULT_TOKEN, "--rate-limit", "0",
                "--formats", "json", "--no-attachments", "--root", subtree.root(), "--follow-links",
                "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(exportedIds(out)).containsAll(subtree.objects()).containsAll(subtree.outside());
    }

    /** The pages and databases below a root, as the workspace model holds them, and what they mention outside. */
    private record Subtree(String root, Set<String> objects, Set<String> outside) {
    }

    private static Subtree biggestSubtreeWithOutsideReferences() {
        return workspace.pageIds()
                .filter(id -> workspace.page(id).map(page -> !page.path("in_trash").asBoolean()
                        && "page_id".equals(page.path("parent").path("type").asText())).orElse(false))
                .map(SubtreeTests::subtree)
                .filter(subtree -> !subtree.outside().isEmpty() && subtree.objects().size() > 1)
                .max(Comparator.comparingInt((Subtree subtree) -> subtree.objects().size())
                        .thenComparing(Subtree::root))
                .orElseThrow();
    }

    private static Subtree subtree(String root) {
        Set<String> objects = new HashSet<>();
        Set<String> referenced = new HashSet<>();
        Deque<String> pages = new ArrayDeque<>(List.of(root));
        while (!pages.isEmpty()) {
            String page = pages.pop();
            objects.add(page);
            workspace.page(page).ifPresent(json -> references(json.path("properties"), referenced));
            Deque<String> blocks = new ArrayDeque<>(List.of(page));
            while (!blocks.isEmpty()) {
                for (ObjectNode block : workspace.children(blocks.pop())) {
                    String id = block.path("id").asText();
                    String type = block.path("type").asText();
                    if ("child_page".equals(type)) {
                        pages.push(id);
                    } else if ("child_database".equals(type)) {
                        workspace.database(id).ifPresent(database -> {
                            objects.add(id);
                            database.path("data_sources").forEach(source -> workspace
                                    .rowIds(source.path("id").asText()).stream()
                                    .filter(row -> workspace.page(row)
                                            .map(json -> !json.path("in_trash").asBoolean()).orElse(false))
                                    .forEach(pages::push));
                        });
                    } else {
                        references(block.path(type), referenced);
                        if (block.path("has_children").asBoolean()) {
                            blocks.push(id);
                        }
                    }
                }
            }
        }
        referenced.removeAll(objects);
        return new Subtree(root, objects, referenced);
    }

    /** Mentioned pages and databases, and link_to_page targets. */
    private static void references(JsonNode node, Set<String> found) {
        if (node.isObject()) {
            String mentioned = node.path("mention").path(node.path("mention").path("type").asText()).path("id")
                    .asText("");
            String type = node.path("mention").path("type").asText();
            if ("mention".equals(node.path("type").asText()) && ("page".equals(type) || "database".equals(type))
                    && !mentioned.isEmpty()) {
                found.add(mentioned);
            }
            for (String key : List.of("page_id", "database_id")) {
                if (node.path(key).isTextual() && node.has("type") && key.equals(node.path("type").asText())) {
                    found.add(node.path(key).asText());
                }
            }
            node.elements().forEachRemaining(child -> references(child, found));
        } else if (node.isArray()) {
            node.forEach(child -> references(child, found));
        }
    }

    private static Set<String> exportedIds(Path out) throws IOException {
        JsonNode index = new ObjectMapper().readTree(out.resolve("json/index.json").toFile());
        Set<String> ids = new HashSet<>();
        index.path("objects").forEach(entry -> ids.add(entry.path("id").asText()));
        return ids;
    }

    private static String allMarkdown(Path out) throws IOException {
        try (Stream<Path> files = Files.list(out.resolve("markdown"))) {
            return files.filter(file -> file.toString().endsWith(".md")).sorted().map(file -> {
                try {
                    return Files.readString(file);
                } catch (IOException error) {
                    throw new UncheckedIOException(error);
                }
            }).collect(Collectors.joining("\n"));
        }
    }
}
