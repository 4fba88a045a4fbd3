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
        Files.createDirectories(dir.resolve("files/cd"));
        for (String path : List.of(HtmlSite.SONG_PATH, HtmlSite.CLIP_PATH, HtmlSite.REPORT_PATH)) {
            Files.write(dir.resolve(path), new byte[] {1, 2, 3});
        }
        context = TestContext.of(dir, HtmlWriter.create(), CsvWriter.create());
        events = HtmlWriter.create().write(Flux.fromIterable(HtmlSite.all()), context).collectList().block();
        CsvWriter.create().write(Flux.fromIterable(HtmlSite.all()), context).blockLast();
    }

    /** A page without its blocks' anchors, which {@link #everyBlockCarriesItsIdSoBlockLinksLandOnIt} checks. */
    private String html(String id) throws IOException {
        return raw(id).replaceAll("<a id=\"[0-9a-f]{32}\"></a>", "").replaceAll(" id=\"[0-9a-f]{32}\"", "");
    }

    private String raw(String id) throws IOException {
        return Files.readString(dir.resolve("html").resolve(context.names().name(id).orElseThrow() + ".html"));
    }

    @Test
    void everyBlockCarriesItsIdSoBlockLinksLandOnIt() throws IOException {
        int blocks = 0;
        for (PageExport page : HtmlSite.all()) {
            if (page.kind() == PageExport.Kind.DATABASE) {
                continue;
            }
            String html = raw(page.id());
            for (dev.notionsync.core.model.Block block : page.blocks()) {
                if (block.depth() > 0 || "paragraph".equals(block.type())
                        && block.content().path("rich_text").isEmpty()) {
                    continue; // nested blocks are checked with their parent's render; an empty paragraph renders nothing
                }
                String anchor = block.id().replace("-", "");
                assertThat(html).as("anchor of %s block %s", block.type(), block.id())
                        .containsPattern("<[a-z0-9]+ id=\"" + anchor + "\"|<a id=\"" + anchor + "\"></a>");
                blocks++;
            }
        }
        assertThat(blocks).isGreaterThan(10);
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
        // the files of the whole site are announced too, as files of no object
        assertThat(events).allMatch(event -> event instanceof ExportEvent.PageWritten
                || event instanceof ExportEvent.OutputWritten);
        assertThat(events.stream().filter(ExportEvent.OutputWritten.class::isInstance)
                .map(event -> ((ExportEvent.OutputWritten) event).file().toString().replace('\\', '/')))
                .contains("html/index.html", "html/assets/site-data.js", "html/assets/style.css",
                        "html/assets/site.js", "html/assets/katex/katex.min.js");
        assertThat(pages()).hasSize(HtmlSite.all().size() + 1);
        assertThat(dir.resolve("html/assets/style.css")).content().contains("max-width").contains("border-collapse");
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
                .contains("<div class=\"math math-display\">&lt;script&gt;alert(4)&lt;/script&gt;</div>")
                .contains("&lt;img src=x onerror=alert(3)&gt;");
        for (Path file : pages()) {
            String text = withoutAssetScripts(Files.readString(file)).toLowerCase(Locale.ROOT);
            assertThat(text).as(file.toString()).doesNotContain("<script").doesNotContain("<img src=x")
                    .doesNotContain("<iframe src").doesNotContain("<i>row");
        }
    }

    /** A page without the script elements that load the site's own files from {@code assets/}. */
    private static String withoutAssetScripts(String page) {
        return page.replaceAll("<script defer src=\"assets/[a-z/.-]+\\.js\"></script>", "");
    }

    @Test
    void everyPageDeclaresItsCharsetAndAllowsScriptsFromTheExportOnly() throws IOException {
        for (Path file : pages()) {
            String page = Files.readString(file);
            assertThat(page).as(file.toString()).contains("<meta charset=\"utf-8\">")
                    .contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
                    .contains("script-src 'self';").contains("style-src 'self';").doesNotContain("unsafe-")
                    .contains("<script defer src=\"assets/site-data.js\"></script>")
                    .contains("<script defer src=\"assets/site.js\"></script>")
                    .contains("<nav id=\"sidebar\"");
            assertThat(withoutAssetScripts(page)).as(file.toString()).doesNotContain("<script")
                    .doesNotContainPattern("(?i)<[^>]*\\son[a-z]+=").doesNotContain("style=");
        }
    }

    @Test
    void equationsKeepEveryBackslashForKatex() throws IOException {
        String child = html(HtmlSite.CHILD);
        assertThat(child).contains("<div class=\"math math-display\">" + HtmlSite.INTEGRAL + "</div>");
        for (String latex : HtmlSite.INLINE_MATH) {
            assertThat(child).contains("<span class=\"math math-inline\">" + Html.escape(latex) + "</span>");
        }
        assertThat(child).contains("<link rel=\"stylesheet\" href=\"assets/katex/katex.min.css\">")
                .contains("<script defer src=\"assets/katex/katex.min.js\"></script>");
        assertThat(html(HtmlSite.ROW_1)).as("a page without math does not load KaTeX").doesNotContain("katex");
        assertThat(dir.resolve("html/assets/katex/katex.min.js")).content().contains("katex");
        assertThat(dir.resolve("html/assets/katex/fonts/KaTeX_Main-Regular.woff2")).isNotEmptyFile();
    }

    @Test
    void blocksKeepTheirStructureMediaGetPlayersAndDatesAreReadable() throws IOException {
        String child = html(HtmlSite.CHILD);
        assertThat(child).contains("<details class=\"toggle\"><summary>More</summary>\n<p>Hidden inside</p>")
                .contains("<details class=\"toggle-heading\"><summary><h2 id=\"folded\">Folded</h2></summary>\n"
                        + "<p>Under the heading</p>")
                .containsPattern("<div class=\"columns\">\\s*<div class=\"column\">\\s*<p>Left side</p>\\s*</div>"
                        + "\\s*<div class=\"column\">\\s*<p>Right side</p>")
                .contains("<audio controls preload=\"metadata\" src=\"../" + HtmlSite.SONG_PATH + "\"></audio>")
                .contains("<figcaption>Our song</figcaption>")
                .contains("<video controls preload=\"metadata\" src=\"../" + HtmlSite.CLIP_PATH + "\"></video>")
                .contains("<iframe class=\"pdf\" src=\"../" + HtmlSite.REPORT_PATH + "\"")
                .contains("<a class=\"file-link\" href=\"https://www.youtube.com/watch?v=x\">"
                        + "https://www.youtube.com/watch?v=x</a>")
                .containsPattern("<div class=\"bookmark\"><a href=\"https://example.com/b\">A bookmark</a>.*</div>\n"
                        + "<div class=\"indent\">\n<p>Below the bookmark</p>")
                .contains("<figcaption>The report</figcaption>")
                .contains("<p class=\"bg-yellow\"><span class=\"c-red\">Red words</span>"
                        + "<time datetime=\"2024-05-01\">May 1, 2024</time></p>")
                .contains("<div class=\"cover\"><img src=\"https://example.com/cover.jpg\" alt=\"\"></div>")
                .contains("<div class=\"page-icon\"><span class=\"icon\">🐈</span></div>\n<h1>Child</h1>");
    }

    @Test
    void theSidebarDataListsEveryObjectOnceUnderItsParentAsInertText() throws IOException {
        String data = Files.readString(dir.resolve("html/assets/site-data.js"));
        assertThat(data).startsWith("window.NOTION_SYNC_SITE = {\"pages\": [").endsWith("]};\n")
                .doesNotContain("<").doesNotContain(">")
                .contains("[\"" + MarkdownText.segment(context.names().name(HtmlSite.HOSTILE).orElseThrow() + ".html")
                        + "\",\"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\",\"page\",0]")
                .contains("[\"Home.html\",\"Home\",\"page\",-1]");
        List<String> lines = Stream.of(data.split("\n")).map(line -> line.replaceFirst(",$", "")).toList();
        int home = lines.indexOf(lines.stream().filter(l -> l.startsWith("[\"Home.html\"")).findFirst().orElseThrow());
        int tasks = lines.indexOf(lines.stream().filter(l -> l.contains("\"Tasks\"")).findFirst().orElseThrow());
        assertThat(lines.get(tasks)).endsWith(",\"database\"," + (home - 1) + "]");
        assertThat(lines.stream().filter(l -> l.contains("\"row\"," + (tasks - 1) + "]"))).hasSize(3);
        assertThat(lines).hasSize(HtmlSite.all().size() + 2);
        assertThat(dir.resolve("html/assets/site.js")).content().contains("NOTION_SYNC_SITE")
                .contains("textContent").doesNotContain("innerHTML");
    }

    @Test
    void linksWithScriptSchemesAreNotClickable() throws IOException {
        String home = html(HtmlSite.HOME);
        // links with such schemes are written as their text, as in Markdown
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
        assertThat(index).contains("<p class=\"summary\">6 pages (3 database rows), 1 database</p>");
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
                .contains("<td><a href=\"Row%20two.html\">Row two</a></td>");
        assertThat(dir.resolve("csv/Task list.csv")).exists();
    }

    @Test
    void aRowRelatedToALaterRowNamesItInItsProperties() throws IOException {
        assertThat(html(HtmlSite.ROW_1)).contains("<table class=\"properties\">")
                .contains("<th scope=\"row\">Related</th><td><a href=\"Row%20two.html\">Row two</a></td>")
                .contains("<a href=\"https://example.com/1\">https://example.com/1</a>")
                .contains("<th scope=\"row\">Notes</th><td><strong>Bold &lt;note&gt;</strong></td>")
                .contains("<th scope=\"row\">Due</th><td><time datetime=\"2024-06-01\">Jun 1, 2024</time></td>")
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
