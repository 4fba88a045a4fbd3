package dev.notionsync.writers;

import dev.notionsync.core.export.ExportWriter;

/**
 * Writes a lossless JSON copy of every exported object, {@code json/<name>.json}, where the name comes from the
 * export's shared naming policy.
 *
 * <ul>
 *   <li>A page or row: {@code {"object": "page_export", "page": ..., "blocks": [...], "comments": [...]}}, with
 *       every block as Notion returned it plus a {@code children} array when it has children.</li>
 *   <li>A database: {@code {"object": "database_export", "database": ..., "data_sources": [...]}}, each data source
 *       with its schema.</li>
 *   <li>When the stream completes: {@code json/index.json}, one entry per exported object (id, object, kind, title,
 *       parent id, and the files each format wrote for it), and {@code json/users.json}.</li>
 * </ul>
 * Raw JSON is never altered, so block and property types this library does not know pass through. Memory stays
 * bounded: files are streamed, and index entries wait in a temporary file until the end.
 *
 * @since 0.1
 */
public interface JsonWriter extends ExportWriter {

    /** The writer's name, also the folder it writes to. */
    String NAME = "json";

    /**
     * Returns a JSON writer.
     *
     * @return the writer
     */
    static JsonWriter create() {
        return new JsonFileWriter();
    }
}
