package dev.notionsync.core.export;

import dev.notionsync.core.NotionClient;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Listing first, then the walk: a page a listing returned is never fetched by id, a rerun with nothing changed costs
 * only the listings, and pages search misses are still found by the walk.
 */
class ListingTests {

    /** Routes that list: search, users, queries; a database search lists unchanged is not fetched either. */
    private static final Set<String> LISTING = Set.of("GET /v1/users/me", "GET /v1/users", "POST /v1/search",
            "POST /v1/data_sources/{id}/query");

    @TempDir
    Path dir;
    private Workspace workspace;
    private FakeNotionServer server;
    private NotionClient client;

    @BeforeEach
    void start() {
        // 150 pages: search takes two requests, and the walk meets deep pages long before search reaches them
        workspace = Workspace.generate(WorkspaceSpec.small().withPages(150).withBlocksPerPage(3).withCoverage(false)
                .withHostileTitles(false));
        server = FakeNotionServer.start(workspace);
        client = Exports.client(server);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private Exports.Run export(Path out, int concurrency) {
        return Exports.export(NotionSync.create(client), ExportSpec.builder().outputDir(out)
                .writers(new TextWriter()).concurrency(concurrency).build());
    }

    private Set<String> regularPages() {
        Set<String> rows = workspace.dataSourceIds().flatMap(source -> workspace.rowIds(source).stream())
                .collect(Collectors.toSet());
        return workspace.pageIds().filter(id -> !rows.contains(id)).collect(Collectors.toSet());
    }

    /** The page GETs of the request log (property items excluded), by normalized id. */
    private List<String> pageGets() {
        return server.requestLog().stream()
                .filter(line -> line.startsWith("GET /v1/pages/") && !line.contains("/properties/"))
                .map(line -> FileNames.normalizeId(line.substring("GET /v1/pages/".length())))
                .toList();
    }

    @Test
    void aPageListedBySearchIsNeverFetchedById() {
        Exports.Run run = export(dir.resolve("out"), 4);

        assertThat(pageGets()).isEmpty();
        assertThat(run.events()).filteredOn(ExportEvent.PageExported.class::isInstance)
                .extracting(event -> FileNames.normalizeId(((ExportEvent.PageExported) event).id()))
                .containsAll(regularPages().stream().map(FileNames::normalizeId).toList());
    }

    @Test
    void aRerunWithNothingChangedMakesOnlyTheListingRequestsAndWritesNoFile() throws IOException {
        Path out = dir.resolve("out");
        Exports.Run first = export(out, 4);
        Map<String, Long> firstRoutes = server.requestCountsByRoute();
        Map<String, String> before = tree(out, true);
        server.resetCounters();

        Exports.Run second = export(out, 4);

        Map<String, Long> routes = server.requestCountsByRoute();
        assertThat(routes.keySet()).isSubsetOf(LISTING);
        // the same listing as the first run's, nothing more
        for (String route : routes.keySet()) {
            assertThat(routes.get(route)).as(route).isEqualTo(firstRoutes.get(route));
        }
        assertThat(second.events()).filteredOn(ExportEvent.PageWritten.class::isInstance)
                .allMatch(event -> !((ExportEvent.PageWritten) event).changed());
        assertThat(second.summary().unchanged()).isEqualTo(first.summary().pages() + first.summary().databases());
        assertThat(tree(out, true)).isEqualTo(before);
    }

    @Test
    void aPageSearchMissesIsStillExportedAndFetchedOnce() {
        workspace.searchMissesDeepPages(true);

        Exports.Run run = export(dir.resolve("out"), 4);

        Set<String> exported = run.events().stream().filter(ExportEvent.PageExported.class::isInstance)
                .map(event -> FileNames.normalizeId(((ExportEvent.PageExported) event).id()))
                .collect(Collectors.toSet());
        Set<String> pages = regularPages().stream().map(FileNames::normalizeId).collect(Collectors.toSet());
        assertThat(exported).containsAll(pages);
        List<String> gets = pageGets();
        assertThat(gets).isNotEmpty().doesNotHaveDuplicates();
        assertThat(pages).containsAll(gets);
    }

    @Test
    void aRowAPageMentionsComesWithItsQueryHoweverLateTheQueryAnswers() {
        String source = workspace.dataSourceIds().findFirst().orElseThrow();
        List<String> rows = workspace.rowIds(source).subList(0, 3);
        workspace.addRootPageMentioning("Mentions rows", rows);
        // the queries answer long after search and the mentioning page: the walk meets the rows first
        server.faults().stallNext(Integer.MAX_VALUE, Duration.ofSeconds(3), "/query");

        Exports.Run run = export(dir.resolve("out"), 4);

        assertThat(pageGets()).as("pages fetched by id").isEmpty();
        assertThat(run.events()).filteredOn(ExportEvent.PageExported.class::isInstance)
                .extracting(event -> FileNames.normalizeId(((ExportEvent.PageExported) event).id()))
                .containsAll(rows.stream().map(FileNames::normalizeId).toList());
    }

    @Test
    void aPageEditedBetweenRunsIsRefetchedAndOnlyIt() {
        Path out = dir.resolve("out");
        export(out, 4);
        String edited = regularPages().stream().sorted().skip(40).findFirst().orElseThrow();
        // search lags behind the edit: the walk finds the page through its parent and fetches it
        workspace.searchLags(true);
        workspace.editPageText(edited, "Edited between runs");
        server.resetCounters();

        Exports.Run second = export(out, 4);

        String id = FileNames.normalizeId(edited);
        List<String> content = server.requestLog().stream()
                .filter(line -> line.startsWith("GET /v1/blocks/"))
                .toList();
        assertThat(content).isNotEmpty().allMatch(line -> FileNames.normalizeId(line).contains(id));
        // its comments, and its own GET since search does not list it yet
        assertThat(server.requestCountsByRoute().get("GET /v1/comments")).isEqualTo(1L);
        assertThat(pageGets()).containsExactly(id);
        assertThat(second.events()).filteredOn(ExportEvent.PageExported.class::isInstance)
                .filteredOn(event -> !((ExportEvent.PageExported) event).unchanged())
                .extracting(event -> FileNames.normalizeId(((ExportEvent.PageExported) event).id()))
                .containsExactly(id);
    }

    @Test
    void twoFreshExportsAtConcurrencyEightWithStallsAreByteIdentical() {
        server.faults().stallNext(40, Duration.ofMillis(30));
        Path one = dir.resolve("one");
        export(one, 8);
        server.faults().stallNext(40, Duration.ofMillis(30));
        Path two = dir.resolve("two");
        export(two, 8);

        assertThat(tree(one, false)).isNotEmpty().isEqualTo(tree(two, false));
    }

    /** Every exported file (state and report apart) with its content, and its modification time if asked. */
    private static Map<String, String> tree(Path root, boolean times) {
        try (Stream<Path> files = Files.walk(root)) {
            Map<String, String> tree = new TreeMap<>();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = root.relativize(file).toString().replace('\\', '/');
                if (!name.startsWith(StateDirectory.NAME) && !name.equals(NotionSync.REPORT_FILE)) {
                    tree.put(name, new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1)
                            + (times ? "@" + Files.getLastModifiedTime(file).toMillis() : ""));
                }
            }
            return tree;
        } catch (IOException error) {
            throw new UncheckedIOException(error);
        }
    }
}
