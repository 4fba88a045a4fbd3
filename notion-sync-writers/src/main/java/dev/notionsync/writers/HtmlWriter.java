package dev.notionsync.writers;

import dev.notionsync.core.export.ExportWriter;

/**
 * Writes a browsable offline copy of the export as HTML, {@code html/<name>.html} for every page, row and database
 * (names from the export's shared naming policy), with {@code html/index.html} and {@code html/style.css}.
 *
 * <ul>
 *   <li>A page or row: the Markdown of {@link MarkdownWriter} without front matter, converted with flexmark (GFM
 *       tables, strikethrough, task lists); the properties as a small table below the title; comments at the end.
 *       Links between exported objects point to their {@code .html} pages, files to the local copies in
 *       {@code ../files/}.</li>
 *   <li>A database: its title, description, and for each data source a table of its rows (one column per property,
 *       the title linking to the row's page) with the schema below.</li>
 *   <li>{@code index.html}: the tree of exported pages and databases, with the rows listed under their database.</li>
 * </ul>
 * Every page is safe to open: text from Notion is always escaped, links whose scheme could run a script
 * ({@code javascript:}, {@code vbscript:}, {@code data:} except images) are not clickable, and a Content Security
 * Policy forbids scripts. Databases, rows and the index are written when the stream completes, because a database
 * and its rows arrive in any order; until then rows and index entries wait in temporary files.
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
