package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.util.ast.Node;
import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionClientOptions;
import dev.notionsync.core.export.ExportContext;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.ExportSpec;
import dev.notionsync.core.export.ExportWriter;
import dev.notionsync.core.export.NotionSync;
import dev.notionsync.core.export.PageExport;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fake server's full-coverage workspace exported through {@link NotionSync} with all four writers: every object
 * in every format, every data source as a CSV, and every relative link of the Markdown and HTML resolving.
 */
class AllFormatsExportTests {

    @TempDir
    static Path dir;
    private static FakeNotionServer server;
    private static Path out;
    private static List<ExportEvent> events;
    private static ExportContext context;
    private static final List<JsonNode> objects = new ArrayList<>();

    @BeforeAll
    static void export() throws IOException {
        server = FakeNotionServer.start(Workspace.generate(WorkspaceSpec.small()));
        NotionClient client = NotionClient.create(NotionClientOptions.builder().baseUrl(server.baseUrl())
                .token(FakeServerOptions.DEFAULT_TOKEN).requestsPerSecond(0).build());
        out = dir.resolve("export");
        ExportWriter capture = new ExportWriter() {
            @Override
            public String name() {
                return "capture";
            }

            @Override
            public Flux<ExportEvent> write(Flux<PageExport> exports, ExportContext exportContext) {
                context = exportContext;
                return exports.thenMany(Flux.empty());
            }
        };
        events = exportAll(client, out, capture);
        JsonFileWriter.MAPPER.readTree(out.resolve("json/index.json").toFile()).path("objects").forEach(objects::add);
    }

    /** Exports with the four writers, and any more given, into a folder; returns every event. */
    static List<ExportEvent> exportAll(NotionClient client, Path out, ExportWriter... more) {
        List<ExportWriter> writers = new ArrayList<>(List.of(JsonWriter.create(), MarkdownWriter.create(),
                HtmlWriter.create(), CsvWriter.create()));
        writers.addAll(List.of(more));
        return NotionSync.create(client).export(ExportSpec.builder().outputDir(out)
                .writers(writers.toArray(ExportWriter[]::new)).build()).collectList().block();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theExportFinishesWithoutFailures() {
        assertThat(events).last().isInstanceOfSatisfying(ExportEvent.Finished.class,
                finished -> assertThat(finished.summary().failures()).isEmpty());
        assertThat(events).noneMatch(ExportEvent.PageFailed.class::isInstance);
    }

    @Test
    void everyExportedObjectHasJsonMarkdownAndHtml() {
        // the placeholder of a linked database is announced as a skip, not as an exported object, and is listed
        long exported = events.stream().filter(event -> event instanceof ExportEvent.PageExported
                || event instanceof ExportEvent.Skipped skip
                && ExportEvent.Reasons.LINKED_DATABASE.equals(skip.reason())).count();
        assertThat(objects).hasSize((int) exported).hasSizeGreaterThan(100);
        for (JsonNode object : objects) {
            for (String format : List.of("json", "markdown", "html")) {
                assertThat(out.resolve(object.path("files").path(format).asText())).as(object.toString())
                        .isRegularFile();
            }
        }
        assertThat(out.resolve("html/index.html")).content().contains(">Coverage: every property type</a>");
    }

    @Test
    void everyDataSourceHasACsvWithOneRecordPerRow() throws IOException {
        Map<String, Integer> rowsBySource = new HashMap<>();
        for (JsonNode object : objects) {
            if ("row".equals(object.path("kind").asText())) {
                JsonNode page = JsonFileWriter.MAPPER.readTree(out.resolve(object.path("files").path("json").asText())
                        .toFile()).path("page");
                rowsBySource.merge(page.path("parent").path("data_source_id").asText(), 1, Integer::sum);
            }
        }
        int sources = 0;
        int records = 0;
        for (JsonNode object : objects) {
            if (!"database".equals(object.path("kind").asText())) {
                continue;
            }
            JsonNode database = JsonFileWriter.MAPPER.readTree(out.resolve(object.path("files").path("json").asText())
                    .toFile());
            List<String> csvLinks = csvLinks(out.resolve(object.path("files").path("markdown").asText()));
            assertThat(csvLinks).hasSize(database.path("data_sources").size());
            for (int i = 0; i < csvLinks.size(); i++) {
                String source = database.path("data_sources").get(i).path("id").asText();
                Path csv = out.resolve("markdown").resolve(csvLinks.get(i)).normalize();
                String text = Files.readString(csv, StandardCharsets.UTF_8);
                assertThat(text).startsWith("\uFEFF");
                List<List<String>> parsed = CsvRecords.parse(text.substring(1));
                int expected = rowsBySource.getOrDefault(source, 0);
                assertThat(parsed).as(csv.toString()).hasSize(expected + 1);
                for (List<String> record : parsed.subList(1, parsed.size())) {
                    assertThat(csv.getParent().resolve(record.get(record.size() - 1)).normalize()).isRegularFile();
                }
                sources++;
                records += expected;
            }
        }
        assertThat(sources).isGreaterThanOrEqualTo(3);
        assertThat(records).isEqualTo(rowsBySource.values().stream().mapToInt(Integer::intValue).sum());
        System.out.printf("CSV: %d data sources, %d rows%n", sources, records);
    }

    @Test
    void everyRelativeLinkResolvesExceptToObjectsTheExportReportedAsMissing() {
        Set<Path> missing = new HashSet<>();
        for (ExportEvent event : events) {
            String id = event instanceof ExportEvent.Skipped skipped ? skipped.id()
                    : event instanceof ExportEvent.PageFailed failed ? failed.id() : null;
            if (id != null) {
                context.names().name(id).ifPresent(name -> {
                    missing.add(out.resolve("markdown").resolve(name + ".md"));
                    missing.add(out.resolve("html").resolve(name + ".html"));
                });
            }
        }
        for (String format : List.of("markdown", "html")) {
            String extension = format.equals("html") ? ".html" : ".md";
            List<OutputLinks.Relative> links = OutputLinks.in(out.resolve(format), extension);
            List<OutputLinks.Relative> broken = links.stream().filter(link -> !link.resolves()).toList();
            assertThat(links).hasSizeGreaterThan(50);
            assertThat(broken).allSatisfy(link -> assertThat(missing).as(link.toString()).contains(link.target()));
            System.out.printf("%s: %d relative links, %d resolve, %d point to objects reported as not exported%n",
                    format, links.size(), links.size() - broken.size(), broken.size());
        }
    }

    private static List<String> csvLinks(Path markdown) throws IOException {
        List<String> links = new ArrayList<>();
        collect(Flexmark.parse(Files.readString(markdown)), links);
        return links;
    }

    private static void collect(Node node, List<String> links) {
        if (node instanceof Link link && link.getUrl().toString().startsWith("../csv/")) {
            links.add(URLDecoder.decode(link.getUrl().unescape(), StandardCharsets.UTF_8));
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            collect(child, links);
        }
    }
}
