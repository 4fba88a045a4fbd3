package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.export.ExportContext;
import dev.notionsync.core.export.FileNames;
import dev.notionsync.core.export.PageExport;
import dev.notionsync.core.model.DataSource;
import dev.notionsync.core.model.Database;
import dev.notionsync.core.model.Page;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The HTML documents of pages, rows and databases. A page is its Markdown ({@link MarkdownRenderer}, without front
 * matter) converted by {@link HtmlMarkdown}, with its properties as a table under the title; a database shows each
 * data source's rows as a table, read back from a {@link RowSpool}.
 */
final class HtmlPages {

    private final ExportContext context;
    private final FileNames names;
    private final MarkdownRenderer renderer;

    HtmlPages(ExportContext context) {
        this.context = context;
        this.names = context.names();
        this.renderer = new MarkdownRenderer(names, context::user, false);
    }

    /**
     * Renders a page or row.
     *
     * @param export the page
     * @return the document and the blocks that could only be shown as placeholders
     */
    MarkdownRenderer.Rendered page(PageExport export) {
        MarkdownRenderer.Rendered rendered = renderer.render(export);
        String markdown = rendered.markdown();
        // the first line is the title; the table of contents does not count it, so neither do the heading ids
        int end = markdown.indexOf('\n');
        HtmlCells cells = new HtmlCells(names, context::user, id -> names.name(id).isPresent());
        String html = Html.head(export.title(), breadcrumb(export))
                + HtmlMarkdown.fragment(markdown.substring(0, end))
                + cells.propertiesTable(((Page) export.source()).properties(), export.files())
                + HtmlMarkdown.body(markdown.substring(end + 1))
                + Html.TAIL;
        return new MarkdownRenderer.Rendered(html, rendered.skipped());
    }

    /**
     * Writes a database's document.
     *
     * @param out the destination
     * @param export the database
     * @param tables the tables of the export, by normalised data source id
     * @param spool the rows
     * @param linkable whether an object's page exists, by id
     * @param csv whether the export writes CSV files to link to
     * @throws IOException if writing or reading the rows fails
     */
    void database(Writer out, PageExport export, Map<String, RowSpool.Table> tables, RowSpool spool,
            Predicate<String> linkable, boolean csv) throws IOException {
        Database database = (Database) export.source();
        Links links = new Links(names, export.files(), ".md");
        InlineMarkdown inline = new InlineMarkdown(links, context::user);
        DatabaseMarkdown markdown = new DatabaseMarkdown(inline, links, names);
        HtmlCells cells = new HtmlCells(names, context::user, linkable);
        out.write(Html.head(export.title(), breadcrumb(export)));
        out.write(HtmlMarkdown.fragment("# " + MarkdownRenderer.title(export, inline)));
        out.write(HtmlMarkdown.fragment(markdown.description(database)));
        for (DataSource source : export.dataSources()) {
            out.write(HtmlMarkdown.fragment(markdown.heading(source, database.title())));
            RowSpool.Table table = tables.get(RowSpool.key(source.id()));
            int rows = table == null ? 0 : table.rows();
            out.write("<p class=\"count\">" + rows + (rows == 1 ? " row" : " rows"));
            if (csv) {
                String name = names.assign(source.id(), DatabaseMarkdown.sourceTitle(source, database.title()));
                out.write(" · " + Html.link("../" + CsvWriter.NAME + "/" + MarkdownText.segment(name + ".csv"),
                        "CSV"));
            }
            out.write("</p>\n");
            if (table != null) {
                rows(out, table, spool, cells, linkable);
            }
            out.write("<details class=\"schema\"><summary>Schema</summary>\n");
            out.write(HtmlMarkdown.fragment(markdown.schema(source)));
            out.write("</details>\n");
        }
        out.write(Html.TAIL);
    }

    private void rows(Writer out, RowSpool.Table table, RowSpool spool, HtmlCells cells, Predicate<String> linkable)
            throws IOException {
        out.write("<div class=\"table-wrap\">\n<table class=\"rows\">\n<thead>\n<tr>");
        for (String column : table.columns()) {
            out.write("<th>" + Html.escape(column) + "</th>");
        }
        out.write("</tr>\n</thead>\n<tbody>\n");
        spool.forEach(table, row -> {
            String name = names.assign(row.id(), row.title());
            String href = linkable.test(row.id()) ? MarkdownText.segment(name + ".html") : null;
            out.write("<tr>");
            for (String column : table.columns()) {
                JsonNode property = row.properties().get(column);
                out.write("<td>" + (property == null ? "" : cells.cell(property, row.files(), href)) + "</td>");
            }
            out.write("</tr>\n");
        });
        out.write("</tbody>\n</table>\n</div>\n");
    }

    /** The navigation line: the index, then the page or database above, when it has a page of its own. */
    private String breadcrumb(PageExport export) {
        String index = "<a href=\"index.html\">Index</a>";
        JsonNode parent = export.source().json().path("parent");
        String type = parent.path("type").asText("");
        String id = switch (type) {
            case "page_id", "database_id" -> parent.path(type).asText("");
            case "data_source_id" -> parent.path("database_id").asText("");
            default -> "";
        };
        Optional<String> name = id.isEmpty() ? Optional.empty() : names.name(id);
        if (name.isEmpty()) {
            return index;
        }
        String title = names.title(id).filter(t -> !t.isBlank()).orElse("Untitled");
        return index + " › " + Html.link(MarkdownText.segment(name.get() + ".html"), Html.escape(title));
    }
}
