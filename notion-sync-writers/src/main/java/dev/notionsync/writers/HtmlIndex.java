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
 * The entries of {@code html/index.html} and of the sidebar's {@code assets/site-data.js}: one JSON line per page, row and database in a {@link LineSpool} while the
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

    /** An object of the tree; a placeholder stands for a linked database the API cannot read. */
    private record Entry(String id, String kind, String title, String name, String parent, String source,
            boolean placeholder) {

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
        line.put("placeholder", export.isPlaceholder());
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

    /** The objects as a tree: roots and children sorted by title, and what it holds. */
    private record Tree(Map<String, Entry> entries, List<Entry> roots, Map<String, List<Entry>> children,
            Counts counts) {

        List<Entry> below(Entry entry) {
            List<Entry> below = new ArrayList<>(children.getOrDefault(RowSpool.key(entry.id()), List.of()));
            below.sort(ORDER);
            return below;
        }
    }

    private Tree tree(Map<String, String> databaseOf) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, String> container = new HashMap<>();
        try (BufferedReader reader = lines.read()) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode json = JsonFileWriter.MAPPER.readTree(line);
                Entry entry = new Entry(json.path("id").asText(), json.path("kind").asText(),
                        json.path("title").asText(""), json.path("name").asText(), json.path("parent").asText(null),
                        json.path("source").asText(null), json.path("placeholder").asBoolean());
                entries.put(RowSpool.key(entry.id()), entry);
                String holder = RowSpool.key(entry.id());
                json.path("children").forEach(child -> container.put(RowSpool.key(child.asText()), holder));
            }
        }
        Map<String, List<Entry>> children = new HashMap<>();
        List<Entry> roots = new ArrayList<>();
        Counts counts = Counts.of(entries.values());
        for (Entry entry : entries.values()) {
            String parent = parent(entry, container, databaseOf);
            if (parent != null && entries.containsKey(parent) && !parent.equals(RowSpool.key(entry.id()))) {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(entry);
            } else {
                roots.add(entry);
            }
        }
        roots.sort(ORDER);
        return new Tree(entries, roots, children, counts);
    }

    /**
     * What the index holds, counted as the export's summary counts: pages with rows among them, databases, and
     * apart from them the placeholders of linked databases (which the summary counts as skipped).
     */
    private record Counts(long pages, long rows, long databases, long placeholders) {

        static Counts of(Iterable<Entry> entries) {
            long pages = 0;
            long rows = 0;
            long databases = 0;
            long placeholders = 0;
            for (Entry entry : entries) {
                switch (PageExport.Kind.valueOf(entry.kind())) {
                    case ROW -> {
                        rows++;
                        pages++;
                    }
                    case PAGE -> pages++;
                    case DATABASE -> {
                        if (entry.placeholder()) {
                            placeholders++;
                        } else {
                            databases++;
                        }
                    }
                }
            }
            return new Counts(pages, rows, databases, placeholders);
        }

        String describe() {
            String text = plural(pages, "page") + " (" + plural(rows, "database row") + "), "
                    + plural(databases, "database");
            return placeholders == 0 ? text : text + "; " + plural(placeholders, "linked database")
                    + " the API cannot read, shown as " + (placeholders == 1 ? "a placeholder" : "placeholders");
        }

        private static String plural(long count, String noun) {
            return String.format(Locale.ROOT, "%,d %s%s", count, noun, count == 1 ? "" : "s");
        }
    }

    /**
     * Writes the index page.
     *
     * @param out the page's writer
     * @param databaseOf the database of each data source, by normalised id
     * @throws IOException if reading the temporary file or writing fails
     */
    synchronized void write(Writer out, Map<String, String> databaseOf) throws IOException {
        Tree tree = tree(databaseOf);
        Counts counts = tree.counts();
        out.write(Html.head("Index", "Index", false));
        out.write("<h1>Exported pages</h1>\n<p class=\"summary\">" + counts.describe() + "</p>\n");
        Set<String> shown = new HashSet<>();
        list(out, tree.roots(), tree, shown);
        List<Entry> unreached = unreached(tree, shown);
        if (!unreached.isEmpty()) {
            // only a parent cycle, which Notion does not allow, leaves entries here; show them rather than lose them
            out.write("<h2>Other pages</h2>\n");
            list(out, unreached, new Tree(Map.of(), List.of(), Map.of(), counts), shown);
        }
        out.write(Html.TAIL);
        out.flush();
    }

    private static List<Entry> unreached(Tree tree, Set<String> shown) {
        return tree.entries().values().stream().filter(e -> !shown.contains(RowSpool.key(e.id()))).toList();
    }

    /**
     * Writes {@code assets/site-data.js}: the tree as one flat array in index order, each entry
     * {@code [href, title, kind, parent index or -1]}, assigned to {@code window.NOTION_SYNC_SITE} for
     * {@code site.js}. Written once at the end, so no page holds the tree and no page depends on the crawl order.
     *
     * @param out the file's writer
     * @param databaseOf the database of each data source, by normalised id
     * @throws IOException if reading the temporary file or writing fails
     */
    synchronized void writeSiteData(Writer out, Map<String, String> databaseOf) throws IOException {
        Tree tree = tree(databaseOf);
        out.write("window.NOTION_SYNC_SITE = {\"pages\": [\n");
        Set<String> shown = new HashSet<>();
        int[] next = {0};
        for (Entry root : tree.roots()) {
            data(out, root, -1, tree, shown, next);
        }
        for (Entry entry : unreached(tree, shown)) {
            data(out, entry, -1, new Tree(Map.of(), List.of(), Map.of(), tree.counts()), shown, next);
        }
        out.write("\n]};\n");
        out.flush();
    }

    private static void data(Writer out, Entry entry, int parent, Tree tree, Set<String> shown, int[] next)
            throws IOException {
        if (!shown.add(RowSpool.key(entry.id()))) {
            return;
        }
        int index = next[0]++;
        out.write((index == 0 ? "" : ",\n") + "[" + script(MarkdownText.segment(entry.name() + ".html")) + ","
                + script(entry.label()) + "," + script(entry.kind().toLowerCase(Locale.ROOT)) + "," + parent + "]");
        List<Entry> below = tree.below(entry);
        // pages first, then rows, as on the index page
        for (Entry child : below) {
            if (!PageExport.Kind.ROW.name().equals(child.kind())) {
                data(out, child, index, tree, shown, next);
            }
        }
        for (Entry child : below) {
            if (PageExport.Kind.ROW.name().equals(child.kind())) {
                data(out, child, index, tree, shown, next);
            }
        }
    }

    /** A JavaScript string literal that no title can end early or turn into markup. */
    static String script(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\'' || c == 0x2028 || c == 0x2029
                    || Character.isSurrogate(c) && !validSurrogate(text, i)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static boolean validSurrogate(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
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

    private static void list(Writer out, List<Entry> items, Tree tree, Set<String> shown) throws IOException {
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
            List<Entry> below = tree.below(entry);
            List<Entry> pages = below.stream().filter(e -> !PageExport.Kind.ROW.name().equals(e.kind())).toList();
            List<Entry> rows = below.stream().filter(e -> PageExport.Kind.ROW.name().equals(e.kind())).toList();
            if (!pages.isEmpty()) {
                out.write('\n');
                list(out, pages, tree, shown);
            }
            if (!rows.isEmpty()) {
                out.write("\n<details><summary>" + rows.size() + (rows.size() == 1 ? " row" : " rows")
                        + "</summary>\n");
                list(out, rows, tree, shown);
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
