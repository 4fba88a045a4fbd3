package dev.notionsync.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionClientOptions;
import dev.notionsync.core.model.Page;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same workspace exported under each supported Notion-Version: every row keeps every property value, equal to
 * the 2026-03-11 export's, and 2026-12-01 (whose list answers carry only titles) costs no more requests.
 */
class VersionExportTests {

    private static final String BASELINE = "2026-03-11";
    private static final AtomicInteger RUNS = new AtomicInteger();

    @TempDir
    static Path out;
    private static FakeNotionServer server;
    private static Result baseline;
    private static Result baselineListingRows;

    @BeforeAll
    static void start() {
        server = FakeNotionServer.start(Workspace.generate(WorkspaceSpec.small()));
        baseline = export(BASELINE, false);
        baselineListingRows = export(BASELINE, true);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}, search lists rows: {1}")
    @CsvSource({"2025-09-03, false", "2026-03-11, false", "2026-12-01, false", "2025-09-03, true",
            "2026-03-11, true", "2026-12-01, true"})
    void everyRowIsExportedWithEveryPropertyValue(String version, boolean searchListsRows) {
        Result result = export(version, searchListsRows);

        Workspace workspace = server.workspace();
        long rows = workspace.dataSourceIds().mapToLong(id -> workspace.rowIds(id).size()).sum();
        assertThat(result.rows()).hasSize((int) rows);
        result.rows().forEach((id, properties) -> {
            String dataSource = result.dataSources().get(id);
            int schema = workspace.dataSource(dataSource).orElseThrow().get("properties").size();
            assertThat(properties.size()).as("properties of row %s", id).isEqualTo(schema);
        });
        assertThat(result.rows()).isEqualTo(baseline.rows());
    }

    @ParameterizedTest(name = "search lists rows: {0}")
    @CsvSource({"false", "true"})
    void version20261201CostsNoMoreRequestsThan20260311(boolean searchListsRows) {
        Result latest = export("2026-12-01", searchListsRows);
        Result previous = searchListsRows ? baselineListingRows : baseline;

        System.out.printf("requests on the small workspace (search lists rows: %s): %s %d, 2026-12-01 %d, "
                + "2025-09-03 %d%n", searchListsRows, BASELINE, previous.requests(), latest.requests(),
                export("2025-09-03", searchListsRows).requests());
        assertThat(latest.requests()).isLessThanOrEqualTo(previous.requests());
        assertThat(latest.byRoute().getOrDefault("GET /v1/pages/{id}", 0L))
                .isEqualTo(previous.byRoute().getOrDefault("GET /v1/pages/{id}", 0L));
    }

    /** One export: rows by id with their normalized property values, the request count and counts by route. */
    private record Result(Map<String, JsonNode> rows, Map<String, String> dataSources, long requests,
            Map<String, Long> byRoute) {
    }

    private static Result export(String version, boolean searchListsRows) {
        server.workspace().searchListsRows(searchListsRows);
        try {
            server.resetCounters();
            NotionClient client = NotionClient.create(NotionClientOptions.builder()
                    .baseUrl(server.baseUrl())
                    .token(FakeServerOptions.DEFAULT_TOKEN)
                    .notionVersion(version)
                    .requestsPerSecond(0)
                    .backoff(Duration.ofMillis(1), Duration.ofMillis(10))
                    .build());
            NotionSyncTests.Collecting writer = new NotionSyncTests.Collecting();
            NotionSync.create(client).export(ExportSpec.builder()
                            .outputDir(out.resolve(version + "-" + RUNS.incrementAndGet()))
                            .writers(writer)
                            // one object at a time: which references are met before their rows' query (and so
                            // cost a GET) depends on timing otherwise, and request counts would differ run to run
                            .concurrency(1)
                            .build())
                    .blockLast(Duration.ofSeconds(60));
            long requests = server.requestCount();
            Map<String, Long> byRoute = new TreeMap<>(server.requestCountsByRoute());
            Map<String, JsonNode> rows = new TreeMap<>();
            Map<String, String> dataSources = new TreeMap<>();
            for (PageExport export : writer.exports) {
                if (export.source() instanceof Page page && page.isRow()) {
                    ObjectNode properties = page.properties().deepCopy();
                    unsign(properties);
                    rows.put(FileNames.normalizeId(page.id()), properties);
                    dataSources.put(FileNames.normalizeId(page.id()), page.dataSourceId().orElseThrow());
                }
            }
            return new Result(rows, dataSources, requests, byRoute);
        } finally {
            server.workspace().searchListsRows(false);
        }
    }

    /** Drops what differs between two reads of the same file: the URL's signature and its expiry time. */
    private static void unsign(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("expiry_time");
            JsonNode url = object.get("url");
            if (url != null && url.isTextual() && url.asText().contains("/files/")) {
                object.put("url", url.asText().replaceFirst("\\?.*$", ""));
            }
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
            unsign(it.next());
        }
    }
}
