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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Links on a workspace made to break them ({@code Workspace.generateWithLinks}): targets found before, after and only
 * through the link, pages that are not shared, block anchors, every form of Notion URL. Whatever the order of the
 * crawl, every link to an exported object is local and no local link dangles; a rerun writes nothing.
 */
class LinkResolutionTests {

    private static final int PAGES = 24;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}, concurrency {1}")
    @CsvSource({"11, 1", "11, 8", "22, 1", "22, 8", "33, 1", "33, 8"})
    void everyLinkToAnExportedObjectIsLocalAndNoneDangles(long seed, int concurrency) {
        try (FakeNotionServer server = FakeNotionServer.start(Workspace.generateWithLinks(seed, PAGES))) {
            // a few slow answers shuffle the order in which pages are found and written
            server.faults().stallNext(6, Duration.ofMillis(30));
            ExportEvent.Summary summary = export(server, dir.resolve("out"), concurrency);
            ExportLinks links = ExportLinks.of(dir.resolve("out"));
            System.out.printf("links seed %d concurrency %d: %s; files written %d%n", seed, concurrency, links,
                    summary.files());
            assertThat(links.dangling()).isEmpty();
            assertThat(links.notionToExported()).isEmpty();
            // every linking page has a link_to_page, a mention and five URL forms to exported pages
            assertThat(links.local()).isGreaterThan(PAGES * 2 * 3);
            // the pages that are not shared stay links to Notion
            assertThat(links.notion()).isGreaterThanOrEqualTo(PAGES * 2 * 2);
            // every link to a block lands on an anchor in the Markdown file it opens, whatever order the linking
            // and the linked page were written in; verify checks the anchors of Markdown and HTML alike
            List<String> blockLinks = blockLinks(dir.resolve("out/markdown"));
            assertThat(blockLinks).hasSizeGreaterThanOrEqualTo(PAGES);
            assertThat(blockLinks).allSatisfy(link -> assertThat(link).endsWith("anchor there"));
            assertThat(ExportVerifier.of(dir.resolve("out")).verify().problems()).isEmpty();
        }
    }

    /** Every Markdown link to a block of another file, with whether that file holds the block's anchor. */
    private static List<String> blockLinks(Path markdown) {
        Pattern link = Pattern.compile("\\]\\(([^)#\\s]+\\.md)#([0-9a-f]{32})\\)");
        List<String> found = new java.util.ArrayList<>();
        for (Map.Entry<String, String> file : tree(markdown).entrySet()) {
            Matcher matcher = link.matcher(file.getValue());
            while (matcher.find()) {
                Path target = markdown.resolve(URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8));
                boolean there = Files.exists(target) && read(target).contains("<a id=\"" + matcher.group(2) + "\"></a>");
                found.add(file.getKey() + " -> " + matcher.group() + (there ? ": anchor there" : ": no anchor"));
            }
        }
        return found;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aRerunWritesNothingAndEveryFileCountsOnce() {
        Map<String, String> first;
        Map<String, String> second;
        ExportEvent.Summary firstRun;
        ExportEvent.Summary rerun;
        Set<Path> firstWritten;
        try (FakeNotionServer server = FakeNotionServer.start(Workspace.generateWithLinks(44, PAGES))) {
            server.faults().stallNext(8, Duration.ofMillis(30));
            List<ExportEvent> events = run(server, dir.resolve("a"), ExportSpec.DEFAULT_CONCURRENCY);
            firstRun = summary(events);
            firstWritten = events.stream().filter(ExportEvent.PageWritten.class::isInstance)
                    .map(ExportEvent.PageWritten.class::cast).filter(ExportEvent.PageWritten::changed)
                    .map(ExportEvent.PageWritten::file).collect(Collectors.toSet());
            first = tree(dir.resolve("a"));
        }
        try (FakeNotionServer server = FakeNotionServer.start(Workspace.generateWithLinks(44, PAGES))) {
            server.faults().stallNext(3, Duration.ofMillis(45));
            export(server, dir.resolve("b"), ExportSpec.DEFAULT_CONCURRENCY);
            second = tree(dir.resolve("b"));
            rerun = export(server, dir.resolve("b"), ExportSpec.DEFAULT_CONCURRENCY);
        }
        System.out.printf("fresh exports: %d files each, %d differ; first run files written %d; rerun files written"
                + " %d, unchanged %d%n", first.size(), differing(first, second), firstRun.files(), rerun.files(),
                rerun.filesUnchanged());
        // same-title pages are named oldest first once the crawl is done, whatever order it found them in
        assertThat(second).isEqualTo(first);
        assertThat(rerun.files()).isZero();
        // a file written for a page and again for its links is one file; so is one written again under a new name
        // (the file under the old name is gone)
        firstWritten.removeIf(file -> !Files.exists(dir.resolve("a").resolve(file)));
        assertThat(firstRun.files()).isEqualTo(firstWritten.size());
    }

    private static long differing(Map<String, String> a, Map<String, String> b) {
        return Stream.concat(a.keySet().stream(), b.keySet().stream()).distinct()
                .filter(key -> !a.getOrDefault(key, "").equals(b.getOrDefault(key, ""))).count();
    }

    private static ExportEvent.Summary export(FakeNotionServer server, Path out, int concurrency) {
        return summary(run(server, out, concurrency));
    }

    private static ExportEvent.Summary summary(List<ExportEvent> events) {
        return events.stream().filter(ExportEvent.Finished.class::isInstance).map(ExportEvent.Finished.class::cast)
                .findFirst().orElseThrow().summary();
    }

    private static List<ExportEvent> run(FakeNotionServer server, Path out, int concurrency) {
        NotionClient client = NotionClient.create(NotionClientOptions.builder().baseUrl(server.baseUrl())
                .token(FakeServerOptions.DEFAULT_TOKEN).requestsPerSecond(0).build());
        try (client) {
            return NotionSync.create(client).export(ExportSpec.builder().outputDir(out)
                    .concurrency(concurrency)
                    .writers(JsonWriter.create(), MarkdownWriter.create(), HtmlWriter.create(), CsvWriter.create())
                    .build()).collectList().block();
        }
    }

    /** Every file of an export but the report and the export state, by path, with its content. */
    private static Map<String, String> tree(Path out) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(out)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                String path = out.relativize(file).toString().replace('\\', '/');
                if (!path.startsWith(".notion-sync/") && !path.equals(NotionSync.REPORT_FILE)) {
                    files.put(path, Files.readString(file, StandardCharsets.ISO_8859_1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
