package dev.notionsync.writers;

import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.ExportFiles;
import dev.notionsync.core.export.ExportWriter;
import dev.notionsync.core.export.PageExport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTML writer on {@link HtmlSite}, written together with the CSV writer it links to. */
class HtmlWriterTests {

    @TempDir
    Path dir;
    private TestContext context;
    private List<ExportEvent> events;

    @BeforeEach
    void export() throws IOException {
        Files.createDirectories(dir.resolve("files/ab"));
        Files.write(dir.resolve(HtmlSite.IMAGE_PATH), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        context = TestContext.of(dir, HtmlWriter.create(), CsvWriter.create());
        events = HtmlWriter.create().write(Flux.fromIterable(HtmlSite.all()), context).collectList().block();
        CsvWriter.create().write(Flux.fromIterable(HtmlSite.all()), context).blockLast();
    }

    private String html(String id) throws IOException {
        return Files.readString(dir.resolve("html").resolve(context.names().name(id).orElseThrow() + ".html"));
    }

    private List<Path> pages() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("html"))) {
            return files.filter(f -> f.toString().endsWith(".html")).sorted().toList();
        }
    }

    @Test
    void writesEveryPageRowAndDatabaseWithAnIndexAndAStyleSheet() throws IOException {
        assertThat(HtmlWriter.create().name()).isEqualTo("html");
        List<String> written = events.stream().filter(ExportEvent.PageWritten.class::isInstance)
                .map(e -> ((ExportEvent.PageWritten) e).id()).toList();
        assertThat(written).containsExactlyInAnyOrderElementsOf(HtmlSite.all().stream().map(PageExport::id).toList());
        assertThat(events).allMatch(ExportEvent.PageWritten.class::isInstance);
        assertThat(pages()).hasSize(HtmlSite.all().size() + 1);
        assertThat(dir.resolve("html/style.css")).content().contains("max-width").contains("border-collapse");
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith(ExportFiles.TEMP_PREFIX)))
                    .as("temporary files").isEmpty();
        }
    }

    @Test
    void aScriptTitleIsTextEverywhere() throws IOException {
        String page = html(HtmlSite.HOSTILE);
        assertThat(page).contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>")
                .contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>")
                .contains("&lt;iframe src=javascript:alert(8)&gt;")
                .contains("<strong>&lt;b&gt;Mallory&lt;/b&gt;</strong>");
        assertThat(Files.readString(dir.resolve("html/index.html")))
                .contains(">&lt;script&gt;alert(1)&lt;/script&gt;</a>");
        assertThat(html(HtmlSite.HOME)).contains(">&lt;script&gt;alert(1)&lt;/script&gt;</a>")
                .contains("\\lt script\\gt alert(4)\\lt /script\\gt")
                .contains("&lt;img src=x onerror=alert(3)&gt;");
        for (Path file : pages()) {
            String text = Files.readString(file).toLowerCase(Locale.ROOT);
            assertThat(text).as(file.toString()).doesNotContain("<script").doesNotContain("<img src=x")
                    .doesNotContain("<iframe").doesNotContain("<i>row");
        }
    }

    @Test
    void everyPageDeclaresItsCharsetAndForbidsScripts() throws IOException {
        for (Path file : pages()) {
            assertThat(Files.readString(file)).as(file.toString()).contains("<meta charset=\"utf-8\">")
                    .contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
                    .contains("script-src 'none'");
        }
    }

    @Test
    void linksWithScriptSchemesAreNotClickable() throws IOException {
        String home = html(HtmlSite.HOME);
        // the Markdown writes links with such schemes as text, so they reach the HTML as text
        assertThat(home).contains("</a>click meshoutvb</p>");
        assertThat(html(HtmlSite.DATABASE)).contains("javascript:alert(6)");
        Pattern href = Pattern.compile("(?i)\\s(?:href|src)\\s*=\\s*\"\\s*([a-z]+):");
        for (Path file : pages()) {
            Matcher matcher = href.matcher(Files.readString(file));
            while (matcher.find()) {
                assertThat(matcher.group(1).toLowerCase(Locale.ROOT)).as(file.toString())
                        .isIn("http", "https", "mailto", "tel");
            }
        }
    }

    @Test
    void markdownLinksBecomeHtmlLinksAndEveryRelativeLinkResolves() throws IOException {
        String child = context.names().name(HtmlSite.CHILD).orElseThrow();
        assertThat(html(HtmlSite.HOME)).contains("href=\"" + child + ".html\"")
                .contains("<img src=\"../" + HtmlSite.IMAGE_PATH + "\" alt=\"A cat\"")
                .contains("href=\"#intro\"").contains("href=\"#intro-1\"")
                .contains("<h1 id=\"intro\">Intro</h1>").contains("<h1 id=\"intro-1\">Intro</h1>");
        assertThat(html(HtmlSite.CHILD)).contains("href=\"Home.html\"");

        List<OutputLinks.Relative> links = OutputLinks.in(dir.resolve("html"), ".html");
        assertThat(links).hasSizeGreaterThan(20);
        assertThat(links).allSatisfy(link -> assertThat(link.resolves()).as(link.toString()).isTrue());
        assertThat(links).noneMatch(link -> link.url().replaceFirst("#.*", "").endsWith(".md"));
    }

    @Test
    void theIndexListsEveryObjectUnderItsParent() throws IOException {
        String index = Files.readString(dir.resolve("html/index.html"));
        for (PageExport export : HtmlSite.all()) {
            String name = context.names().name(export.id()).orElseThrow();
            assertThat(index).contains("href=\"" + MarkdownText.segment(name + ".html") + "\"");
        }
        assertThat(index).contains("3 pages, 1 databases, 3 rows");
        // Home holds Child, the hostile page and the database, and the database holds its three rows
        int home = index.indexOf(">Home</a>");
        int tasks = index.indexOf(">Tasks</a>");
        assertThat(home).isPositive().isLessThan(index.indexOf(">Child</a>"));
        assertThat(index.indexOf("<ul", home)).isLessThan(tasks);
        assertThat(index.substring(tasks)).contains("<details><summary>3 rows</summary>")
                .contains(">Row one</a>").contains(">Row two</a>");
    }

    @Test
    void theDatabasePageHasATableWithOneRowPerExportedRow() throws IOException {
        String page = html(HtmlSite.DATABASE);
        String body = page.substring(page.indexOf("<tbody>"), page.indexOf("</tbody>"));
        List<String> rows = new ArrayList<>(List.of(body.split("<tr>")));
        rows.remove(0);
        assertThat(rows).hasSize(3);
        assertThat(page).contains("<th>Name</th><th>Status</th><th>Link</th><th>Related</th>")
                .contains("<p>What we do</p>").contains("3 rows · <a href=\"../csv/Task%20list.csv\">CSV</a>")
                .contains("<a href=\"Row%20one.html\">Row one</a>")
                .contains("<td><a href=\"Row%20two.html\">Row two</a></td></tr>");
        assertThat(dir.resolve("csv/Task list.csv")).exists();
    }

    @Test
    void aRowRelatedToALaterRowNamesItInItsProperties() throws IOException {
        assertThat(html(HtmlSite.ROW_1)).contains("<table class=\"properties\">")
                .contains("<th scope=\"row\">Related</th><td><a href=\"Row%20two.html\">Row two</a></td>")
                .contains("<a href=\"https://example.com/1\">https://example.com/1</a>")
                .contains("<a href=\"index.html\">Index</a> › <a href=\"Tasks.html\">Tasks</a>");
    }

    @Test
    void bothWritersAskForOneExportAtATime() {
        for (ExportWriter writer : List.of(HtmlWriter.create(), CsvWriter.create())) {
            List<Long> requests = new ArrayList<>();
            Flux<PageExport> exports = Flux.fromIterable(HtmlSite.all()).doOnRequest(requests::add);
            writer.write(exports, TestContext.of(dir.resolve(writer.name() + "-demand"), writer)).blockLast();
            assertThat(requests).as(writer.name()).isNotEmpty().containsOnly(1L);
        }
    }

    @Test
    void temporaryFilesAreRemovedWhenTheStreamFails() throws IOException {
        Path failed = dir.resolve("failed");
        TestContext broken = TestContext.of(failed, HtmlWriter.create());
        Flux<PageExport> exports = Flux.fromIterable(HtmlSite.all())
                .concatWith(Flux.error(new IllegalStateException("x")));
        StepVerifier.create(HtmlWriter.create().write(exports, broken).filter(e -> false))
                .expectErrorMessage("x")
                .verify();
        try (Stream<Path> files = Files.list(failed.resolve("html"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .noneMatch(f -> f.startsWith(ExportFiles.TEMP_PREFIX)).doesNotContain("index.html");
        }
    }
}
