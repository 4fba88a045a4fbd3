package dev.notionsync.writers;

import dev.notionsync.core.export.ExportWriter;

/**
 * Writes every exported page, database row and database as a Markdown file, {@code markdown/<name>.md}, where the
 * name comes from the export's shared naming policy.
 *
 * <p>A document starts with YAML front matter (when the export spec asks for it: id, url, times, title, parent and
 * every property), then the title and the content. Links to other exported objects are relative links to their
 * files, links to downloaded files point to the local copy, and blocks that cannot be rendered leave a visible
 * placeholder and an {@code unsupported_block} event. Files are written one at a time, atomically, on
 * {@code Schedulers.boundedElastic()}.
 *
 * <pre>{@code
 * ExportSpec spec = ExportSpec.builder()
 *         .outputDir(Path.of("backup"))
 *         .writers(JsonWriter.create(), MarkdownWriter.create())
 *         .build();
 * }</pre>
 *
 * @since 0.1
 */
public interface MarkdownWriter extends ExportWriter {

    /** The writer's name, also the folder it writes to. */
    String NAME = "markdown";

    /**
     * Returns a Markdown writer.
     *
     * @return the writer
     */
    static MarkdownWriter create() {
        return new MarkdownFileWriter();
    }
}
