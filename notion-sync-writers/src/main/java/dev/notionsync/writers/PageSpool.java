package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.export.FileNames;
import dev.notionsync.core.export.PageExport;
import dev.notionsync.core.model.Block;
import dev.notionsync.core.model.Comment;
import dev.notionsync.core.model.Page;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whole pages kept until the stream completes, one line of compact JSON each in a {@link LineSpool}: for pages that
 * are better rendered once every title of the export is known. Only their ids stay in memory. Thread-safe.
 */
final class PageSpool implements AutoCloseable {

    private final LineSpool lines;
    private final Set<String> ids = new HashSet<>();

    private PageSpool(LineSpool lines) {
        this.lines = lines;
    }

    /**
     * Creates the temporary file.
     *
     * @param dir the folder, which exists
     * @return the spool
     * @throws UncheckedIOException if the file cannot be created
     */
    static PageSpool open(Path dir) {
        return new PageSpool(LineSpool.create(dir, "pages"));
    }

    /**
     * Returns whether a page relates to pages whose titles are not confirmed yet ({@link FileNames#confirmedTitle}),
     * so rendered now it would show their ids only, and rendered later their titles: such a page is better kept
     * here until the stream completes, so its output does not depend on the order of the crawl.
     *
     * @param page the page or row
     * @param names the export's names
     * @return whether it should wait
     */
    static boolean waitsForTitles(Page page, FileNames names) {
        for (JsonNode property : page.properties()) {
            if ("relation".equals(property.path("type").asText())) {
                for (JsonNode related : property.path("relation")) {
                    String id = related.path("id").asText("");
                    if (!id.isEmpty() && names.confirmedTitle(id).filter(t -> !t.isBlank()).isEmpty()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Keeps a page or row.
     *
     * @param export the page
     * @throws UncheckedIOException if the temporary file cannot be written
     */
    synchronized void add(PageExport export) {
        ObjectNode line = JsonFileWriter.MAPPER.createObjectNode();
        line.set("page", export.source().json());
        ArrayNode blocks = line.putArray("blocks");
        for (Block block : export.blocks()) {
            blocks.addObject().put("depth", block.depth()).set("block", block.json());
        }
        ArrayNode comments = line.putArray("comments");
        export.comments().forEach(comment -> comments.add(comment.json()));
        ObjectNode files = line.putObject("files");
        export.files().forEach(files::put);
        lines.append(line);
        ids.add(RowSpool.key(export.id()));
    }

    /**
     * Returns whether a page waits here.
     *
     * @param id the page id
     * @return whether it was added
     */
    synchronized boolean contains(String id) {
        return ids.contains(RowSpool.key(id));
    }

    /**
     * Reads the pages back, in the order they were added.
     *
     * @param consumer receives each page
     * @throws IOException if the temporary file cannot be read
     */
    void forEach(PageConsumer consumer) throws IOException {
        BufferedReader reader;
        synchronized (this) {
            reader = lines.read();
        }
        try (reader) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode json = JsonFileWriter.MAPPER.readTree(line);
                List<Block> blocks = new ArrayList<>();
                json.path("blocks").forEach(b -> blocks.add(new Block((ObjectNode) b.get("block"),
                        b.path("depth").asInt())));
                List<Comment> comments = new ArrayList<>();
                json.path("comments").forEach(c -> comments.add(new Comment((ObjectNode) c)));
                Map<String, String> files = new LinkedHashMap<>();
                json.path("files").properties().forEach(e -> files.put(e.getKey(), e.getValue().asText()));
                consumer.accept(new PageExport(new Page((ObjectNode) json.get("page")), blocks, List.of(), comments,
                        files));
            }
        }
    }

    /** Receives spooled pages. */
    @FunctionalInterface
    interface PageConsumer {
        /**
         * Takes one page.
         *
         * @param page the page
         * @throws IOException when handling it fails
         */
        void accept(PageExport page) throws IOException;
    }

    /** Closes and deletes the temporary file. */
    @Override
    public synchronized void close() {
        lines.close();
    }
}
