package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.export.DatabaseView;
import dev.notionsync.core.export.FileNames;
import dev.notionsync.core.model.View;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The views of a database in its HTML document, as tabs: a row of links, then one section per view with its name,
 * layout, filter and sorts in words, and its rows in view order: a table of the visible properties, a board's
 * columns (first occurrence order, as Notion sends a board column by column), a calendar's days, or cards.
 * No script: the tabs are anchors, and the style sheet shows the targeted view.
 */
final class ViewHtml {

    private final FileNames names;
    private final HtmlCells cells;
    private final Predicate<String> linkable;

    ViewHtml(FileNames names, HtmlCells cells, Predicate<String> linkable) {
        this.names = names;
        this.cells = cells;
        this.linkable = linkable;
    }

    void write(Writer out, List<DatabaseView> views, List<RowSpool.Table> tables, RowSpool spool) throws IOException {
        if (views.isEmpty()) {
            return;
        }
        out.write("<h2>Views</h2>\n<nav class=\"view-tabs\">");
        for (int i = 0; i < views.size(); i++) {
            out.write(Html.link("#view-" + (i + 1), Html.escape(title(views.get(i).view())), "view-tab"));
        }
        out.write("</nav>\n");
        for (int i = 0; i < views.size(); i++) {
            DatabaseView view = views.get(i);
            out.write("<section class=\"view view-" + Html.escape(view.view().type()) + "\" id=\"view-" + (i + 1)
                    + "\">\n<h3>" + Html.escape(title(view.view())) + " <span class=\"view-type\">"
                    + Html.escape(view.view().type()) + "</span></h3>\n");
            String filter = ViewText.filter(view.view().json().get("filter"));
            if (!filter.isEmpty()) {
                out.write("<p class=\"view-filter\">Filter: " + Html.escape(filter) + "</p>\n");
            }
            String sorts = ViewText.sorts(view.view().json().get("sorts"));
            if (!sorts.isEmpty()) {
                out.write("<p class=\"view-sorts\">Sorted by " + Html.escape(sorts) + "</p>\n");
            }
            if (view.view().isPartial()) {
                out.write("<p class=\"view-note\">Notion does not show this view's configuration to the API.</p>\n");
            }
            RowSpool.Table table = ViewTables.showsRows(view.view()) ? ViewTables.table(view, tables).orElse(null)
                    : null;
            if (table != null) {
                body(out, view, table, ViewTables.rows(view, table, spool));
            }
            if (!view.complete()) {
                out.write("<p class=\"view-note\">Not every row of this view could be read.</p>\n");
            }
            out.write("</section>\n");
        }
    }

    private void body(Writer out, DatabaseView view, RowSpool.Table table, List<RowSpool.Row> rows)
            throws IOException {
        List<String> columns = ViewTables.columns(view.view(), table);
        switch (view.view().type()) {
            case "board" -> groups(out, rows, columns, view.view().groupByPropertyId()
                    .flatMap(id -> ViewTables.propertyName(table, id)).orElse(null), false);
            case "calendar" -> groups(out, rows, columns, view.view().datePropertyId()
                    .flatMap(id -> ViewTables.propertyName(table, id)).orElse(null), true);
            case "gallery" -> {
                out.write("<div class=\"gallery\">\n");
                for (RowSpool.Row row : rows) {
                    card(out, row, columns);
                }
                out.write("</div>\n");
            }
            default -> table(out, rows, columns);
        }
    }

    private void table(Writer out, List<RowSpool.Row> rows, List<String> columns) throws IOException {
        out.write("<div class=\"table-wrap\">\n<table class=\"rows\">\n<thead>\n<tr>");
        for (String column : columns) {
            out.write("<th>" + Html.escape(column) + "</th>");
        }
        out.write("</tr>\n</thead>\n<tbody>\n");
        for (RowSpool.Row row : rows) {
            out.write("<tr>");
            for (String column : columns) {
                JsonNode property = row.properties().get(column);
                out.write("<td>" + (property == null ? "" : cells.cell(property, row.files(), href(row))) + "</td>");
            }
            out.write("</tr>\n");
        }
        out.write("</tbody>\n</table>\n</div>\n");
    }

    /** A board's columns or a calendar's days: rows under the label of one property, in view order within each. */
    private void groups(Writer out, List<RowSpool.Row> rows, List<String> columns, String property, boolean byDate)
            throws IOException {
        Map<String, List<RowSpool.Row>> groups = byDate ? new TreeMap<>() : new LinkedHashMap<>();
        for (RowSpool.Row row : rows) {
            String label = property == null ? "" : ViewTables.label(row.properties().get(property));
            if (byDate && label.length() > 10) {
                label = label.substring(0, 10);
            }
            groups.computeIfAbsent(label, key -> new ArrayList<>()).add(row);
        }
        out.write("<div class=\"" + (byDate ? "calendar" : "board") + "\">\n");
        for (Map.Entry<String, List<RowSpool.Row>> group : groups.entrySet()) {
            String label = group.getKey().isEmpty() ? (byDate ? "No date" : "No " + (property == null ? "group"
                    : property)) : group.getKey();
            out.write("<div class=\"view-group\"><h4>" + Html.escape(label) + " <span class=\"count\">"
                    + group.getValue().size() + "</span></h4>\n");
            for (RowSpool.Row row : group.getValue()) {
                card(out, row, columns);
            }
            out.write("</div>\n");
        }
        out.write("</div>\n");
    }

    private void card(Writer out, RowSpool.Row row, List<String> columns) throws IOException {
        String href = href(row);
        String title = Html.escape(row.title().isBlank() ? "Untitled" : row.title());
        out.write("<div class=\"card\"><p class=\"card-title\">" + (href == null ? title : Html.link(href, title))
                + "</p>");
        for (String column : columns) {
            JsonNode property = row.properties().get(column);
            if (property != null && !"title".equals(property.path("type").asText())) {
                String cell = cells.cell(property, row.files(), null);
                if (!cell.isEmpty()) {
                    out.write("<p><span class=\"card-label\">" + Html.escape(column) + "</span> " + cell + "</p>");
                }
            }
        }
        out.write("</div>\n");
    }

    private String href(RowSpool.Row row) {
        String name = names.assign(row.id(), row.title());
        return linkable.test(row.id()) ? MarkdownText.segment(name + ".html") : null;
    }

    private static String title(View view) {
        return view.name().isBlank() ? "Untitled view" : view.name();
    }
}
