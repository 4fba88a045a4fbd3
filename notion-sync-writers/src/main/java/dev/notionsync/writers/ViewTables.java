package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.export.DatabaseView;
import dev.notionsync.core.export.FileNames;
import dev.notionsync.core.model.View;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the writers show of a database view: its columns (the visible properties in the view's order, by name) and
 * its rows in view order, read from the {@link RowSpool} of its data source (for a linked view, the source's).
 */
final class ViewTables {

    /** Layouts that show rows; forms, charts and dashboards do not. */
    private static final Set<String> ROW_LAYOUTS = Set.of("table", "board", "calendar", "list", "gallery",
            "timeline", "map");

    private ViewTables() {
    }

    /**
     * Returns whether a view shows rows of a data source.
     *
     * @param view the view
     * @return {@code true} for tables, boards, calendars, lists, galleries, timelines and maps
     */
    static boolean showsRows(View view) {
        return view.dataSourceId().isPresent() && ROW_LAYOUTS.contains(view.type());
    }

    /**
     * Returns the base file name of a view's own file: {@code <database> (<view>)}.
     *
     * @param databaseName the database's file name
     * @param view the view
     * @return the name
     */
    static String fileName(String databaseName, View view) {
        return FileNames.sanitize(databaseName + " (" + (view.name().isBlank() ? view.type() : view.name()) + ")");
    }

    /**
     * Returns the table of the data source a view shows, if it was exported.
     *
     * @param view the view
     * @param tables every table of the export
     * @return the table
     */
    static Optional<RowSpool.Table> table(DatabaseView view, List<RowSpool.Table> tables) {
        String source = view.view().dataSourceId().map(RowSpool::key).orElse("");
        return tables.stream().filter(table -> RowSpool.key(table.id()).equals(source)).findFirst();
    }

    /**
     * Returns the property names a view shows, in its order: the visible entries of its configuration whose ids the
     * schema knows; every column of the table when the view names none.
     *
     * @param view the view
     * @param table its data source's table
     * @return the column names
     */
    static List<String> columns(View view, RowSpool.Table table) {
        List<String> ids = view.visiblePropertyIds();
        if (ids.isEmpty() || table.schema() == null) {
            return table.columns();
        }
        Map<String, String> names = new HashMap<>();
        table.schema().schema().properties().forEach(property -> names.put(
                property.getValue().path("id").asText(), property.getKey()));
        List<String> columns = new ArrayList<>();
        for (String id : ids) {
            String name = names.get(id);
            if (name == null) {
                // property ids may come percent-encoded from one endpoint and plain from another
                name = names.get(java.net.URLDecoder.decode(id, java.nio.charset.StandardCharsets.UTF_8));
            }
            if (name != null && !columns.contains(name)) {
                columns.add(name);
            }
        }
        return columns.isEmpty() ? table.columns() : columns;
    }

    /**
     * Returns a view's rows in view order; rows that were not exported are left out.
     *
     * @param view the view
     * @param table its data source's table
     * @param spool the rows
     * @return the rows
     * @throws IOException if the spool cannot be read
     */
    static List<RowSpool.Row> rows(DatabaseView view, RowSpool.Table table, RowSpool spool) throws IOException {
        Set<String> wanted = new HashSet<>();
        view.rowIds().forEach(id -> wanted.add(RowSpool.key(id)));
        Map<String, RowSpool.Row> found = new HashMap<>();
        spool.forEach(table, row -> {
            if (wanted.contains(RowSpool.key(row.id()))) {
                found.put(RowSpool.key(row.id()), row);
            }
        });
        List<RowSpool.Row> rows = new ArrayList<>();
        for (String id : view.rowIds()) {
            RowSpool.Row row = found.get(RowSpool.key(id));
            if (row != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * Returns the text of a row's property as a group label (a board's column, a calendar's day).
     *
     * @param property the property value, or {@code null}
     * @return the label, empty when the row has none
     */
    static String label(JsonNode property) {
        if (property == null) {
            return "";
        }
        JsonNode value = property.get(property.path("type").asText());
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.has("name")) {
            return value.path("name").asText("");
        }
        if (value.has("start")) {
            return value.path("start").asText("");
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(part -> parts.add(part.path("name").asText(part.path("plain_text").asText(""))));
            return String.join(", ", parts);
        }
        return value.asText("");
    }

    /**
     * Returns the property name for a property id in a table's schema.
     *
     * @param table the table
     * @param id the property id
     * @return the name, if the schema has it
     */
    static Optional<String> propertyName(RowSpool.Table table, String id) {
        if (table.schema() == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, JsonNode> property : table.schema().schema().properties()) {
            if (property.getValue().path("id").asText().equals(id)) {
                return Optional.of(property.getKey());
            }
        }
        return Optional.empty();
    }
}
