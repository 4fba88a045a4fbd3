package dev.notionsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.NotionSync;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Reruns into an existing export fetch only what changed, and end up where a fresh export would. */
class IncrementalTests {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+\\.md)\\)");

    private FakeNotionServer server;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        server = FakeNotionServer.start(Workspace.generate(WorkspaceSpec.small().withHostileTitles(false)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRerunWithNothingChangedMakesOnlyListingRequests() {
        Path out = dir.resolve("out");
        ExportEvent.Summary first = ExportTrees.export(server, ExportTrees.spec(out).build());
        Map<String, String> before = ExportTrees.tree(out);
        server.resetCounters();

        ExportEvent.Summary second = ExportTrees.export(server, ExportTrees.spec(out).build());

        Map<String, Long> routes = server.requestCountsByRoute();
        assertThat(routes).doesNotContainKeys("GET /v1/blocks/{id}/children", "GET /v1/comments",
                "GET /v1/pages/{id}/properties/{property_id}", "GET /v1/data_sources/{id}");
        assertThat(second.apiRequests()).isLessThan(first.apiRequests() / 3);
        // every object comes from the export state (placeholders of linked databases are skips, not databases)
        assertThat(second.unchanged()).isEqualTo(first.pages() + first.databases());
        assertThat(second.skipped()).doesNotContainKey(ExportEvent.Reasons.UNCHANGED);
        assertThat(second.pages()).isEqualTo(first.pages());
        assertThat(ExportTrees.differences(before, ExportTrees.tree(out))).isEmpty();
    }

    @Test
    void editsDeletionsAndAdditionsMatchAFreshExport() throws IOException {
        Path out = dir.resolve("out");
        server.resetCounters();
        ExportTrees.export(server, ExportTrees.spec(out).build());
        long firstChildrenRequests = server.requestCountsByRoute().get("GET /v1/blocks/{id}/children");
        Workspace workspace = server.workspace();
        List<String> pages = workspace.pageIds()
                // generated pages (kind 01 in the fake server's ids) all start with a text block to edit
                .filter(id -> id.startsWith("01", 9) && workspace.page(id).isPresent())
                .filter(id -> workspace.page(id).get().path("parent").path("type").asText().equals("page_id"))
                .toList();
        String edited = pages.get(0);
        String deleted = pages.get(1);
        String trashed = pages.get(2);
        workspace.editPageText(edited, "Edited after the first export");
        workspace.deletePage(deleted);
        workspace.trashPage(trashed);
        String added = workspace.addPage(pages.get(3), "Added after the first export", "Brand new text");
        server.resetCounters();

        ExportEvent.Summary rerun = ExportTrees.export(server, ExportTrees.spec(out).build());
        long childrenRequests = server.requestCountsByRoute().getOrDefault("GET /v1/blocks/{id}/children", 0L);
        Path fresh = dir.resolve("fresh");
        ExportTrees.export(server, ExportTrees.spec(fresh).build());

        assertThat(rerun.skipped().get(ExportEvent.Reasons.REMOVED)).isGreaterThanOrEqualTo(2L);
        // only the edited page, the new page and the parents whose children changed are fetched again
        assertThat(childrenRequests).as("block children fetched again").isLessThan(firstChildrenRequests / 5);
        Map<String, JsonNode> incremental = exported(out);
        Map<String, JsonNode> full = exported(fresh);
        Set<String> onlyIncremental = new TreeSet<>(incremental.keySet());
        onlyIncremental.removeAll(full.keySet());
        Set<String> onlyFull = new TreeSet<>(full.keySet());
        onlyFull.removeAll(incremental.keySet());
        assertThat(onlyIncremental).as("only in the rerun").isEmpty();
        assertThat(onlyFull).as("only in the fresh export").isEmpty();
        assertThat(incremental.keySet()).contains(norm(edited), norm(added))
                .doesNotContain(norm(deleted), norm(trashed));
        List<String> differing = incremental.keySet().stream()
                .filter(id -> !incremental.get(id).equals(full.get(id)))
                .map(id -> id + ": " + ExportTrees.differences(Map.of("json", pretty(full.get(id))),
                        Map.of("json", pretty(incremental.get(id)))))
                .toList();
        assertThat(differing).isEmpty();
        assertThat(Files.readString(markdownOf(out, edited))).contains("Edited after the first export");
        assertThat(brokenLinks(out)).isEmpty();
    }

    @Test
    void aSecondExportIntoAFolderInUseRefuses() {
        Path out = dir.resolve("out");
        server.faults().stallNext(50, Duration.ofSeconds(1));
        Sinks.One<ExportEvent> started = Sinks.one();
        Disposable first = NotionSync.create(ExportTrees.client(server)).export(ExportTrees.spec(out).build())
                .doOnNext(event -> {
                    if (event instanceof ExportEvent.Started) {
                        started.tryEmitValue(event);
                    }
                })
                .subscribe(event -> { }, error -> { });
        try {
            StepVerifier.create(started.asMono().then(NotionSync.create(ExportTrees.client(server))
                            .export(ExportTrees.spec(out).build())
                            .then()))
                    .expectErrorSatisfies(error -> assertThat(error.getMessage())
                            .contains("another export is running"))
                    .verify(Duration.ofSeconds(60));
        } finally {
            first.dispose();
        }
    }

    /** Exported JSON by normalised id, signatures cut. */
    private static Map<String, JsonNode> exported(Path out) throws IOException {
        Map<String, JsonNode> byId = new HashMap<>();
        try (Stream<Path> files = Files.list(out.resolve("json"))) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.equals("index.json") || name.equals("users.json")) {
                    continue;
                }
                JsonNode json = MAPPER.readTree(ExportTrees.unsigned(Files.readString(file)));
                JsonNode object = json.has("page") ? json.get("page") : json.get("database");
                byId.put(norm(object.path("id").asText()), json);
            }
        }
        return byId;
    }

    private static String pretty(JsonNode json) {
        return json.toPrettyString();
    }

    private static Path markdownOf(Path out, String id) throws IOException {
        JsonNode index = MAPPER.readTree(out.resolve("json/index.json").toFile());
        for (JsonNode entry : index.path("objects")) {
            if (norm(entry.path("id").asText()).equals(norm(id))) {
                return out.resolve(entry.path("files").path("markdown").asText());
            }
        }
        throw new AssertionError("not in the index: " + id);
    }

    static List<String> brokenLinks(Path out) throws IOException {
        List<String> broken = new ArrayList<>();
        try (Stream<Path> files = Files.list(out.resolve("markdown"))) {
            for (Path file : files.toList()) {
                Matcher links = LINK.matcher(Files.readString(file));
                while (links.find()) {
                    String target = URLDecoder.decode(links.group(1).replace("+", "%2B"),
                            StandardCharsets.UTF_8);
                    if (!target.contains("://") && !Files.exists(file.getParent().resolve(target))) {
                        broken.add(file.getFileName() + " -> " + target);
                    }
                }
            }
        }
        return broken;
    }

    private static String norm(String id) {
        return id.replace("-", "");
    }
}
