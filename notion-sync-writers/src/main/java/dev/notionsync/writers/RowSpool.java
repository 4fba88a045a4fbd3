package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.export.FileNames;
import dev.notionsync.core.export.PageExport;
import dev.notionsync.core.model.DataSource;
import dev.notionsync.core.model.Database;
import dev.notionsync.core.model.Page;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rows of every data source of an export, kept until the stream completes, because a database (with its
 * schemas) and its rows arrive in any order. Each row is one line of compact JSON in a {@link LineSpool} per data
 * source; only the schemas, the property names seen and each row's sort key and place stay in memory. A few files
 * are open at a time, whatever the number of data sources. Thread-safe.
 */
final class RowSpool implements AutoCloseable {

    private static final int OPEN_FILES = 16;

    private final Path dir;
    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final Map<String, LineSpool> open = new LinkedHashMap<>();
    private boolean closed;

    private RowSpool(Path dir) {
        this.dir = dir;
    }

    /**
     * Prepares a spool whose files go into a folder.
     *
     * @param dir the folder, created if missing
     * @return the spool
     * @throws UncheckedIOException if the folder cannot be created
     */
    static RowSpool open(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + dir + ": " + FileSink.reason(e), e);
        }
        return new RowSpool(dir);
    }

    /**
     * A row read back.
     *
     * @param id the row's id
     * @param title its title
     * @param properties its property values by name
     * @param files local copies of the files its properties hold, by URL
     */
    record Row(String id, String title, ObjectNode properties, Map<String, String> files) {
    }

    /**
     * A data source with rows or a schema, as known when the stream completed.
     *
     * @param id the data source id
     * @param title its title (its own, else its database's), empty when only rows arrived
     * @param databaseId its database's id, or {@code null} when unknown
     * @param schema the data source with its schema, or {@code null} when only rows arrived
     * @param columns property names: the schema's in order, then any others the rows hold, in the order the rows
     *     ({@link RowSpool#ORDER}) and their properties show them
     * @param rows how many rows were spooled
     */
    record Table(String id, String title, String databaseId, DataSource schema, List<String> columns, int rows) {

        /**
         * Returns the base file name of the table, under the export's naming policy.
         *
         * @param names the names
         * @return the name
         */
        String name(FileNames names) {
            if (schema != null) {
                return names.assign(id, title);
            }
            String fallback = databaseId == null ? "" : names.title(databaseId).orElse("");
            return names.name(id).orElseGet(() -> names.assign(id, fallback));
        }
    }

    /**
     * Records the schemas of a database's data sources.
     *
     * @param export a database
     */
    synchronized void database(PageExport export) {
        Database database = (Database) export.source();
        for (DataSource source : export.dataSources()) {
            Source known = source(source.id());
            known.schema = source;
            known.title = DatabaseMarkdown.sourceTitle(source, database.title());
            known.databaseId = database.id();
        }
    }

    /**
     * Spools a row.
     *
     * @param export a database row
     * @throws UncheckedIOException if the temporary file cannot be written
     */
    synchronized void row(PageExport export) {
        Page page = (Page) export.source();
        String key = page.dataSourceId().orElseGet(() -> page.parentId().orElse("unknown"));
        Source source = source(key);
        JsonNode database = page.parent().get("database_id");
        if (source.databaseId == null && database != null && database.isTextual()) {
            source.databaseId = database.asText();
        }
        ObjectNode line = JsonFileWriter.MAPPER.createObjectNode();
        line.put("id", page.id());
        line.put("title", page.title());
        line.set("properties", page.properties());
        ObjectNode files = line.putObject("files");
        Order order = new Order(page.json().path("created_time").asText(""), page.id(), null);
        int[] position = {0};
        page.properties().properties().forEach(property -> {
            Column column = new Column(order, position[0]++);
            source.columns.merge(property.getKey(), column, (known, next) -> COLUMNS.compare(next, known) < 0
                    ? next : known);
            for (JsonNode file : property.getValue().path("files")) {
                String url = Links.fileUrl(file);
                String local = export.files().get(url);
                if (local != null) {
                    files.put(url, local);
                }
            }
        });
        try {
            LineSpool.Place place = lines(source).append(line);
            source.order.add(new Order(order.createdTime(), order.id(), place));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + dir + ": " + FileSink.reason(e), e);
        }
        source.rows++;
    }

    /**
     * Returns every data source that has a schema or rows, in the order they were first met.
     *
     * @return the tables
     */
    synchronized List<Table> tables() {
        List<Table> tables = new ArrayList<>();
        for (Source source : sources.values()) {
            Set<String> columns = new LinkedHashSet<>();
            if (source.schema != null) {
                source.schema.schema().properties().forEach(property -> columns.add(property.getKey()));
            }
            // as if read from the rows in their order: a row's new properties in its order, after the earlier rows'
            source.columns.entrySet().stream().sorted(Map.Entry.comparingByValue(COLUMNS))
                    .forEach(column -> columns.add(column.getKey()));
            tables.add(new Table(source.id, source.title, source.databaseId, source.schema, List.copyOf(columns),
                    source.rows));
        }
        return tables;
    }

    /**
     * Reads back the rows of a data source in {@link #ORDER}: oldest {@code created_time} first, then by id, so the
     * order is the same whatever order the crawl delivered them in.
     *
     * @param table the data source
     * @param consumer receives each row
     * @throws IOException if the temporary file cannot be read, or the consumer fails
     */
    void forEach(Table table, RowConsumer consumer) throws IOException {
        FileChannel channel;
        List<Order> order;
        synchronized (this) {
            Source source = sources.get(key(table.id()));
            if (source == null || source.lines == null) {
                return;
            }
            if (open.remove(source.key) != null) {
                source.lines.release();
            }
            order = new ArrayList<>(source.order);
            channel = source.lines.channel();
        }
        order.sort(ORDER);
        try (channel) {
            for (Order next : order) {
                JsonNode row = LineSpool.line(channel, next.place());
                Map<String, String> files = new LinkedHashMap<>();
                row.path("files").properties().forEach(e -> files.put(e.getKey(), e.getValue().asText()));
                consumer.accept(new Row(row.path("id").asText(), row.path("title").asText(""),
                        (ObjectNode) row.get("properties"), files));
            }
        }
    }

    /** Receives spooled rows. */
    @FunctionalInterface
    interface RowConsumer {
        /**
         * Takes one row.
         *
         * @param row the row
         * @throws IOException when writing it fails
         */
        void accept(Row row) throws IOException;
    }

    /**
     * Closes and deletes every temporary file. It never fails: what the files hold is being thrown away, and a file
     * that cannot be removed is a leftover the next run removes.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        open.clear();
        for (Source source : sources.values()) {
            if (source.lines != null) {
                source.lines.close();
            }
        }
    }

    private Source source(String id) {
        return sources.computeIfAbsent(key(id), key -> new Source(id, key));
    }

    private LineSpool lines(Source source) throws IOException {
        if (closed) {
            throw new IOException("the spool is closed");
        }
        LineSpool lines = open.remove(source.key);
        if (lines == null) {
            if (open.size() >= OPEN_FILES) {
                Iterator<LineSpool> eldest = open.values().iterator();
                LineSpool evicted = eldest.next();
                eldest.remove();
                evicted.release();
            }
            if (source.lines == null) {
                source.lines = LineSpool.create(dir, "rows");
            }
            lines = source.lines;
        }
        // re-inserted last, so the map's order is least recently used first
        open.put(source.key, lines);
        return lines;
    }

    /**
     * Normalises an id to 32 lowercase hex digits, so dashed and undashed ids meet.
     *
     * @param id the id
     * @return the key
     */
    static String key(String id) {
        return id.replace("-", "").toLowerCase(Locale.ROOT);
    }

    /** The order of rows in every table: by {@code created_time} (ISO, so as text), then by id. */
    static final Comparator<Order> ORDER = Comparator.comparing(Order::createdTime)
            .thenComparing(order -> key(order.id()));

    /**
     * Where a row waits, with what it is sorted by.
     *
     * @param createdTime its {@code created_time}, empty when missing
     * @param id its id
     * @param place its line in the temporary file
     */
    record Order(String createdTime, String id, LineSpool.Place place) {
    }

    /**
     * Where a property name first shows up when the rows are read in {@link #ORDER}.
     *
     * @param row the first row that holds it
     * @param position its place among that row's properties
     */
    record Column(Order row, int position) {
    }

    private static final Comparator<Column> COLUMNS = Comparator.comparing(Column::row, ORDER)
            .thenComparingInt(Column::position);

    /** What is known about one data source. */
    private static final class Source {
        final String id;
        final String key;
        final Map<String, Column> columns = new HashMap<>();
        final List<Order> order = new ArrayList<>();
        DataSource schema;
        String title = "";
        String databaseId;
        LineSpool lines;
        int rows;

        Source(String id, String key) {
            this.id = id;
            this.key = key;
        }
    }
}
