package dev.notionsync.writers;

import dev.notionsync.core.export.ExportWriter;

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
 *       readers skip the mark. Values are written as they are: a value starting with {@code =} is not defused.</li>
 * </ul>
 * A database and its rows arrive in any order, so rows wait in temporary files (one compact JSON line each) and
 * the CSV files are written when the stream completes, with the titles of related pages known by then. Rows keep
 * their order of arrival.
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
     * Returns a CSV writer.
     *
     * @return the writer
     */
    static CsvWriter create() {
        return new CsvFileWriter();
    }
}
