package dev.notionsync.writers;

import dev.notionsync.core.export.ExportWriter;

import java.util.Objects;

/**
 * Writes the rows of every data source as a CSV file, {@code csv/<name>.csv}, where the name is the one the
 * export's naming policy gives the data source (its title, else its database's), so the link that the Markdown
 * document of the database holds resolves.
 *
 * <ul>
 *   <li>The header holds the schema's properties in schema order, then any property the rows hold that the schema
 *       does not, then {@code markdown}: the path of the row's Markdown document relative to the CSV file
 *       ({@code ../markdown/<name>.md}; empty when the export writes no Markdown). Without a schema (the database
 *       could not be read) the header is the union of the rows' property names.</li>
 *   <li>One record per row, every property value as text: names for selects, people and users; dates as
 *       {@code start → end (time zone)}; files as local paths ({@code ../files/...}) or URLs; related pages as
 *       {@code Title (id)}; lists joined with {@code ", "}; unknown property types as compact JSON.</li>
 *   <li>RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled. UTF-8 with a byte
 *       order mark, because Excel reads a CSV file without one in the system's legacy code page; most other
 *       readers skip the mark. NUL characters are dropped.</li>
 *   <li>Formula injection (CWE-1236) is neutralised as OWASP recommends: a cell, header included, that starts with
 *       {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a single quote in front
 *       ({@code '=HYPERLINK(...)}), so Excel, LibreOffice and Google Sheets show it as text instead of evaluating
 *       it. The value of a number (a number property, or a formula or rollup whose result is a number) is left
 *       alone, so {@code -5} stays a number. Programs that read the files and want the values exactly as Notion
 *       has them turn this off with {@link CsvOptions.Builder#neutralizeFormulas(boolean)} ({@code --csv-raw} in
 *       the CLI).</li>
 * </ul>
 * A database and its rows arrive in any order, so rows wait in temporary files (one compact JSON line each) and
 * the CSV files are written when the stream completes, with the titles of related pages known by then.
 *
 * <p>Rows are in one stable order, whatever order the crawl (and its concurrency) delivered them in: by the row's
 * {@code created_time}, oldest first, then by id (lowercase, without dashes) for rows created in the same minute.
 * So a rerun without edits writes the same bytes, and the file is not rewritten.
 *
 * <pre>{@code
 * ExportSpec spec = ExportSpec.builder()
 *         .outputDir(Path.of("backup"))
 *         .writers(MarkdownWriter.create(), CsvWriter.create())
 *         .build();
 * }</pre>
 *
 * @since 0.1
 */
public interface CsvWriter extends ExportWriter {

    /** The writer's name, also the folder it writes to. */
    String NAME = "csv";

    /**
     * Returns a CSV writer with the {@link CsvOptions#DEFAULT default options}: formulas neutralised.
     *
     * @return the writer
     */
    static CsvWriter create() {
        return create(CsvOptions.DEFAULT);
    }

    /**
     * Returns a CSV writer with options.
     *
     * @param options how to write the files
     * @return the writer
     * @throws NullPointerException if {@code options} is null
     */
    static CsvWriter create(CsvOptions options) {
        return new CsvFileWriter(Objects.requireNonNull(options, "options"));
    }
}
