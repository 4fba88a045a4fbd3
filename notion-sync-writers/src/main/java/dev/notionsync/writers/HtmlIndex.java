package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.export.PageExport;
import dev.notionsync.core.model.Block;
import dev.notionsync.core.model.Database;
import dev.notionsync.core.model.Page;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The entries of {@code html/index.html}: one JSON line per page, row and database in a {@link LineSpool} while the
 * export runs; at the end they are read back (id, kind, title, name and parent only) to build the tree. Parents come
 * from each object's {@code parent}; a page inside a block belongs to the page whose {@code child_page} block it is;
 * a row belongs to its data source's database. Thread-safe.
 */
final class HtmlIndex implements AutoCloseable {

    private static final Comparator<Entry> ORDER = Comparator
            .comparing((Entry e) -> e.label().toLowerCase(Locale.ROOT)).thenComparing(Entry::name);

    private final LineSpool lines;

    private HtmlIndex(LineSpool lines) {
        this.lines = lines;
    }

    /**
     * Creates the temporary file.
     *
     * @param dir the {@code html/} folder, which exists
     * @return the index
     * @throws UncheckedIOException if the file cannot be created
     */
    static HtmlIndex open(Path dir) {
        return new HtmlIndex(LineSpool.create(dir, "index"));
    }

    /** An object of the tree. */
    private record Entry(String id, String kind, String title, String name, String parent, String source) {

        String label() {
            return title.isBlank() ? "Untitled" : title.strip();
        }
    }

    /**
     * Adds an object whose page was written.
     *
     * @param export the object
     * @param name its base name
     * @throws UncheckedIOException if the temporary file cannot be written
     */
    synchronized void add(PageExport export, String name) {
        ObjectNode line = JsonFileWriter.MAPPER.createObjectNode();
        line.put("id", export.id());
        line.put("kind", export.kind().name());
        line.put("title", export.title());
        line.put("name", name);
        if (export.source() instanceof Page page) {
            JsonNode database = page.parent().get("database_id");
            line.put("parent", page.isRow() && database != null ? database.asText() : page.parentId().orElse(null));
            line.put("source", page.dataSourceId().orElse(null));
        } else {
            line.put("parent", ((Database) export.source()).parentId().orElse(null));
        }
        ArrayNode children = line.putArray("children");
        for (Block block : export.blocks()) {
            if ("child_page".equals(block.type()) || "child_database".equals(block.type())) {
                children.add(block.id());
            }
        }
        lines.append(line);
    }

    /**
     * Writes the index page.
     *
     * @param out the page's writer
     * @param databaseOf the database of each data source, by normalised id
     * @throws IOException if reading the temporary file or writing fails
     */
    synchronized void write(Writer out, Map<String, String> databaseOf) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, String> container = new HashMap<>();
        try (BufferedReader reader = lines.read()) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode json = JsonFileWriter.MAPPER.readTree(line);
                Entry entry = new Entry(json.path("id").asText(), json.path("kind").asText(),
                        json.path("title").asText(""), json.path("name").asText(), json.path("parent").asText(null),
                        json.path("source").asText(null));
                entries.put(RowSpool.key(entry.id()), entry);
                String holder = RowSpool.key(entry.id());
                json.path("children").forEach(child -> container.put(RowSpool.key(child.asText()), holder));
            }
        }
        Map<String, List<Entry>> children = new HashMap<>();
        List<Entry> roots = new ArrayList<>();
        long[] counts = new long[3];
        for (Entry entry : entries.values()) {
            counts[PageExport.Kind.valueOf(entry.kind()).ordinal()]++;
            String parent = parent(entry, container, databaseOf);
            if (parent != null && entries.containsKey(parent) && !parent.equals(RowSpool.key(entry.id()))) {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(entry);
            } else {
                roots.add(entry);
            }
        }
        out.write(Html.head("Index", "Index"));
        out.write("<h1>Exported pages</h1>\n<p class=\"summary\">" + counts[0] + " pages, " + counts[2]
                + " databases, " + counts[1] + " rows</p>\n");
        Set<String> shown = new HashSet<>();
        list(out, roots, children, shown);
        List<Entry> unreached = entries.values().stream().filter(e -> !shown.contains(RowSpool.key(e.id()))).toList();
        if (!unreached.isEmpty()) {
            // only a parent cycle, which Notion does not allow, leaves entries here; show them rather than lose them
            out.write("<h2>Other pages</h2>\n");
            list(out, unreached, Map.of(), shown);
        }
        out.write(Html.TAIL);
        out.flush();
    }

    private static String parent(Entry entry, Map<String, String> container, Map<String, String> databaseOf) {
        if (PageExport.Kind.ROW.name().equals(entry.kind())) {
            if (entry.parent() != null) {
                return RowSpool.key(entry.parent());
            }
            return entry.source() == null ? null : databaseOf.get(RowSpool.key(entry.source()));
        }
        String holder = container.get(RowSpool.key(entry.id()));
        return holder != null ? holder : entry.parent() == null ? null : RowSpool.key(entry.parent());
    }

    private static void list(Writer out, List<Entry> items, Map<String, List<Entry>> children, Set<String> shown)
            throws IOException {
        List<Entry> sorted = new ArrayList<>(items);
        sorted.sort(ORDER);
        out.write("<ul class=\"tree\">\n");
        for (Entry entry : sorted) {
            if (!shown.add(RowSpool.key(entry.id()))) {
                continue;
            }
            out.write("<li class=\"" + entry.kind().toLowerCase(Locale.ROOT) + "\">"
                    + Html.link(MarkdownText.segment(entry.name() + ".html"),
                    Html.escape(entry.label())));
            List<Entry> below = children.getOrDefault(RowSpool.key(entry.id()), List.of());
            List<Entry> pages = below.stream().filter(e -> !PageExport.Kind.ROW.name().equals(e.kind())).toList();
            List<Entry> rows = below.stream().filter(e -> PageExport.Kind.ROW.name().equals(e.kind())).toList();
            if (!pages.isEmpty()) {
                out.write('\n');
                list(out, pages, children, shown);
            }
            if (!rows.isEmpty()) {
                out.write("\n<details><summary>" + rows.size() + (rows.size() == 1 ? " row" : " rows")
                        + "</summary>\n");
                list(out, rows, children, shown);
                out.write("</details>\n");
            }
            out.write("</li>\n");
        }
        out.write("</ul>\n");
    }

    /** Closes and deletes the temporary file. */
    @Override
    public synchronized void close() {
        lines.close();
    }
}
