package dev.notionsync.writers;

import dev.notionsync.core.export.ExportWriter;

/**
 * Writes a browsable offline site of the export, {@code html/<name>.html} for every page, row and database (names
 * from the export's shared naming policy), with {@code html/index.html} and the static files in {@code html/assets/}.
 *
 * <ul>
 *   <li>A page or row: rendered straight from its block tree and rich text (no Markdown step): cover and icon,
 *       the title, the properties as a table, the blocks (toggles and toggle headings as {@code <details>}, columns
 *       side by side, audio, video and PDFs with players, captions as {@code <figcaption>}, colours as CSS
 *       classes, readable dates), comments at the end. Equations keep their LaTeX source and are typeset by KaTeX,
 *       copied from its WebJar into {@code assets/katex/}. Links between exported objects point to their
 *       {@code .html} pages, files to the local copies in {@code ../files/}.</li>
 *   <li>A database: its title, description, and for each data source a table of its rows (one column per property,
 *       the title linking to the row's page) with the schema below.</li>
 *   <li>{@code index.html}: the tree of exported pages and databases, with the rows listed under their database.</li>
 *   <li>On every page a sidebar with the same tree and a title search, drawn by {@code assets/site.js} from
 *       {@code assets/site-data.js}, which is written once at the end; it works from {@code file://}.</li>
 * </ul>
 * Every page is safe to open: text from Notion is always escaped, links whose scheme could run a script
 * ({@code javascript:}, {@code vbscript:}, {@code data:} except images) are not clickable, and a Content Security
 * Policy allows scripts, styles, fonts and frames from the export's own files only, never inline script. Databases,
 * rows and the index are written when the stream completes, because a database and its rows arrive in any order;
 * until then rows and index entries wait in temporary files.
 *
 * <pre>{@code
 * ExportSpec spec = ExportSpec.builder()
 *         .outputDir(Path.of("backup"))
 *         .writers(MarkdownWriter.create(), HtmlWriter.create(), CsvWriter.create())
 *         .build();
 * }</pre>
 *
 * @since 0.1
 */
public interface HtmlWriter extends ExportWriter {

    /** The writer's name, also the folder it writes to. */
    String NAME = "html";

    /**
     * Returns an HTML writer.
     *
     * @return the writer
     */
    static HtmlWriter create() {
        return new HtmlFileWriter();
    }
}
