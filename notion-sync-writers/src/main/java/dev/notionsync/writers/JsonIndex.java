package dev.notionsync.writers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.export.ExportContext;
import dev.notionsync.core.export.ExportFiles;
import dev.notionsync.core.export.ExportWriter;
import dev.notionsync.core.export.PageExport;
import dev.notionsync.core.model.Database;
import dev.notionsync.core.model.Page;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The entries of {@code json/index.json}, one JSON line per exported object in a {@link LineSpool} while the export
 * runs, so memory does not grow with the workspace; {@link #copyTo(OutputStream)} streams them into the index at
 * the end.
 */
final class JsonIndex implements AutoCloseable {

    /** Folder and extension of each format whose files the index lists. */
    private static final Map<String, String> FORMATS = Map.of(
            JsonWriter.NAME, ".json", MarkdownWriter.NAME, ".md", "html", ".html");

    private final LineSpool lines;
    private final Map<String, String> formats = new LinkedHashMap<>();
    /** Objects renamed after the crawl (few): their last entry wins. */
    private final Set<String> renamed = new HashSet<>();

    private JsonIndex(LineSpool lines, ExportContext context) {
        this.lines = lines;
        formats.put(JsonWriter.NAME, FORMATS.get(JsonWriter.NAME));
        for (ExportWriter writer : context.spec().writers()) {
            String extension = FORMATS.get(writer.name());
            if (extension != null) {
                formats.putIfAbsent(writer.name(), extension);
            }
        }
    }

    /**
     * Creates the temporary file in {@code json/}.
     *
     * @param context the export
     * @return the index
     * @throws UncheckedIOException if the folder or file cannot be created
     */
    static JsonIndex open(ExportContext context) {
        Path dir = ExportFiles.inside(context.outputDir(), JsonWriter.NAME);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + dir + ": " + FileSink.reason(e), e);
        }
        return new JsonIndex(LineSpool.create(dir, "index"), context);
    }

    /**
     * Appends the entry of an object whose JSON file was written.
     *
     * @param export the object
     * @param name its base name
     * @throws UncheckedIOException if the temporary file cannot be written: the index would be incomplete
     */
    void add(PageExport export, String name) {
        ObjectNode entry = JsonFileWriter.MAPPER.createObjectNode();
        entry.put("id", export.id());
        entry.put("object", export.source().object());
        entry.put("kind", export.kind().name().toLowerCase(Locale.ROOT));
        entry.put("title", export.title());
        String parent = export.source() instanceof Page page ? page.parentId().orElse(null)
                : ((Database) export.source()).parentId().orElse(null);
        entry.put("parent_id", parent);
        ObjectNode files = entry.putObject("files");
        formats.forEach((format, extension) -> files.put(format, format + "/" + name + extension));
        JsonAttachments.addTo(entry, export);
        lines.append(entry);
    }

    /**
     * Writes {@code {"object": "export_index", "objects": [...]}} with every entry added, one per line.
     *
     * @param out the index file's stream
     * @throws IOException if reading the temporary file or writing fails
     */
    void copyTo(OutputStream out) throws IOException {
        // sorted (each line starts with the id), so two exports of one workspace give the same index whatever
        // order the objects arrived in; an object renamed after the crawl came again, and its last entry wins
        List<String> sorted = new ArrayList<>();
        Map<String, String> renamedEntries = new HashMap<>();
        try (BufferedReader reader = lines.read()) {
            String line;
            while ((line = reader.readLine()) != null) {
                String id = idOf(line);
                if (renamed.contains(id)) {
                    renamedEntries.put(id, line);
                } else {
                    sorted.add(line);
                }
            }
        }
        sorted.addAll(renamedEntries.values());
        Collections.sort(sorted);
        Writer writer = FileSink.text(out);
        writer.write("{\n  \"object\" : \"export_index\",\n  \"objects\" : [");
        boolean first = true;
        for (String line : sorted) {
            writer.write(first ? "\n    " : ",\n    ");
            writer.write(line);
            first = false;
        }
        writer.write(first ? "]\n}\n" : "\n  ]\n}\n");
        writer.flush();
    }

    /**
     * Notes that an object came again under a new name ({@link PageExport#isRenamed()}): its last entry replaces the
     * others.
     *
     * @param id the object id as its entry holds it
     */
    synchronized void renamed(String id) {
        renamed.add(id);
    }

    /** The id an entry line starts with ({@code {"id":"..."}}, as {@link #add} writes it). */
    private static String idOf(String line) {
        int start = line.indexOf(":\"") + 2;
        int end = line.indexOf('"', start);
        return start < 2 || end < 0 ? line : line.substring(start, end);
    }

    /** Closes and deletes the temporary file. */
    @Override
    public void close() {
        lines.close();
    }
}
