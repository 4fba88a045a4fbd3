package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.export.PageExport.BlockNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@code table} block as a GFM table. GFM needs a header row: with {@code has_column_header} it is the
 * first row, otherwise it is a row of empty cells and every Notion row stays a body row. With
 * {@code has_row_header} the first cell of every row is bold.
 */
final class TableMarkdown {

    private final InlineMarkdown inline;

    TableMarkdown(InlineMarkdown inline) {
        this.inline = inline;
    }

    /**
     * Renders the table.
     *
     * @param table the table block with its {@code table_row} children
     * @return the Markdown, empty for a table without rows or columns
     */
    String render(BlockNode table) {
        JsonNode content = table.block().content();
        boolean columnHeader = content.path("has_column_header").asBoolean(false);
        boolean rowHeader = content.path("has_row_header").asBoolean(false);
        List<JsonNode> rows = new ArrayList<>();
        int width = content.path("table_width").asInt(0);
        for (BlockNode child : table.children()) {
            if ("table_row".equals(child.block().type())) {
                JsonNode cells = child.block().content().path("cells");
                rows.add(cells);
                width = Math.max(width, cells.size());
            }
        }
        if (width == 0 || rows.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        int first = 0;
        if (columnHeader) {
            row(out, rows.get(0), width, rowHeader);
            first = 1;
        } else {
            row(out, null, width, false);
        }
        out.append('|');
        for (int i = 0; i < width; i++) {
            out.append(" --- |");
        }
        out.append('\n');
        for (JsonNode cells : rows.subList(first, rows.size())) {
            row(out, cells, width, rowHeader);
        }
        return out.substring(0, out.length() - 1);
    }

    private void row(StringBuilder out, JsonNode cells, int width, boolean rowHeader) {
        out.append('|');
        for (int i = 0; i < width; i++) {
            JsonNode cell = cells == null ? null : cells.get(i);
            int marks = rowHeader && i == 0 ? InlineMarkdown.BOLD : 0;
            String text = cell == null ? "" : inline.render(cell, InlineMarkdown.Mode.CELL, marks);
            out.append(text.isEmpty() ? "  |" : " " + text + " |");
        }
        out.append('\n');
    }
}
