package dev.notionsync.writers;

import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionClientOptions;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.ExportSpec;
import dev.notionsync.core.export.ExportVerifier;
import dev.notionsync.core.export.NotionSync;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two fresh exports of one workspace give the same tree, file by file, whatever the concurrency and the order the
 * crawl finds pages in: same-title pages keep their names (oldest first), and so do the links to them, the CSV rows,
 * the JSON index and the HTML index and sidebar. The workspace ({@code Workspace.generateWithLinks}) has many
 * same-title pages found in every order: listed, only below another page, only through a link.
 */
class DeterministicTreeTests {

    private static final int PAGES = 40;
    private static final Pattern HOST = Pattern.compile("127\\.0\\.0\\.1:[0-9]+");
    private static final Pattern SIGNED = Pattern.compile(
            "X-Amz-Date=[0-9TZ]+&X-Amz-Signature=[0-9a-f]+|\"expiry_time\" : \"[^\"]+\"");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 22, 33})
    void twoFreshExportsAtConcurrency1And8AreTheSameTree(long seed) {
        Map<String, String> one = compared(() -> Workspace.generateWithLinks(seed, PAGES), "links seed " + seed);
        // same-title pages are there, so the order mattered before names were settled
        assertThat(one.keySet()).anyMatch(path -> path.matches("markdown/Meeting notes [0-9a-f]{8,32}\\.md"))
                .contains("html/assets/site-data.js", "html/index.html", "json/index.json");
    }

    @Test
    void csvRowsComeInTheSameOrderAtConcurrency1And8() {
        Map<String, String> one = compared(() -> Workspace.generate(new WorkspaceSpec(5, 6, 4, 2, 2, 40, false, false, 30, 1)), "small");
        assertThat(one.keySet()).anyMatch(path -> path.startsWith("csv/") && path.endsWith(".csv"));
    }

    /** Two fresh exports, at concurrency 1 and 8, compared file by file; then a rerun of the second one. */
    private Map<String, String> compared(Supplier<Workspace> workspace, String label) {
        Map<String, String> one;
        Map<String, String> eight;
        try (FakeNotionServer server = FakeNotionServer.start(workspace.get())) {
            run(server, dir.resolve("c1"), 1);
            one = tree(dir.resolve("c1"));
        }
        try (FakeNotionServer server = FakeNotionServer.start(workspace.get())) {
            // a few slow answers shuffle the order in which pages are found and written
            server.faults().stallNext(6, Duration.ofMillis(30));
            run(server, dir.resolve("c8"), 8);
            eight = tree(dir.resolve("c8"));
            // a rerun with nothing changed keeps every name and writes nothing
            assertThat(run(server, dir.resolve("c8"), 8).files()).isZero();
        }
        List<String> differing = Stream.concat(one.keySet().stream(), eight.keySet().stream()).distinct()
                .filter(path -> !one.getOrDefault(path, "").equals(eight.getOrDefault(path, ""))).sorted().toList();
        System.out.printf("fresh exports %s: %d files, %d differ%n", label, one.size(), differing.size());
        assertThat(differing).isEmpty();
        // renamed files leave nothing behind: no file under an old name, and the state knows which file is whose
        assertThat(ExportVerifier.of(dir.resolve("c1")).verify().problems()).isEmpty();
        assertThat(ExportVerifier.of(dir.resolve("c8")).verify().problems()).isEmpty();
        return one;
    }

    /** A fresh export (or a rerun) with every writer. */
    static ExportEvent.Summary run(FakeNotionServer server, Path out, int concurrency) {
        NotionClient client = NotionClient.create(NotionClientOptions.builder().baseUrl(server.baseUrl())
                .token(FakeServerOptions.DEFAULT_TOKEN).requestsPerSecond(0).build());
        try (client) {
            return NotionSync.create(client).export(ExportSpec.builder().outputDir(out).concurrency(concurrency)
                            .writers(JsonWriter.create(), MarkdownWriter.create(), HtmlWriter.create(),
                                    CsvWriter.create())
                            .build())
                    .ofType(ExportEvent.Finished.class).blockLast().summary();
        }
    }

    /**
     * Every file of an export but the report and the export state, by path, with its content. The JSON keeps the file
     * URLs as Notion gave them, signed for this run (the fake server's port, the time): those are masked.
     */
    static Map<String, String> tree(Path out) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(out)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                String path = out.relativize(file).toString().replace('\\', '/');
                if (!path.startsWith(".notion-sync/") && !path.equals(NotionSync.REPORT_FILE)) {
                    files.put(path, SIGNED.matcher(HOST.matcher(Files.readString(file, StandardCharsets.ISO_8859_1))
                            .replaceAll("host")).replaceAll("signed"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
