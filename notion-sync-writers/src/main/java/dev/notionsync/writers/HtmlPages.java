package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.export.ExportContext;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.FileNames;
import dev.notionsync.core.export.PageExport;
import dev.notionsync.core.model.Comment;
import dev.notionsync.core.model.DataSource;
import dev.notionsync.core.model.Database;
import dev.notionsync.core.model.Page;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The HTML documents of pages, rows and databases, rendered straight from the block tree and the rich text
 * ({@link HtmlBlocks}, {@link HtmlText}): cover and icon above the title, the properties as a table under it, the
 * blocks, the open comments. A database shows each data source's rows as a table, read back from a {@link RowSpool},
 * with its schema below.
 */
final class HtmlPages {

    private final ExportContext context;
    private final FileNames names;
    private boolean katex = true;

    HtmlPages(ExportContext context) {
        this.context = context;
        this.names = context.names();
    }

    /**
     * Sets whether KaTeX is in {@code assets/}, so that pages with equations load it.
     *
     * @param katex whether it is
     */
    void katex(boolean katex) {
        this.katex = katex;
    }

    /**
     * A rendered document.
     *
     * @param html the document
     * @param skipped one event per block that could only be shown as a placeholder
     */
    record Rendered(String html, List<ExportEvent.Skipped> skipped) {
    }

    /**
     * Renders a page or row.
     *
     * @param export the page
     * @return the document and the blocks that could only be shown as placeholders
     */
    Rendered page(PageExport export) {
        Page page = (Page) export.source();
        HtmlText text = new HtmlText(new Links(names, export.files(), ".html"), context::user);
        HtmlMedia media = new HtmlMedia(text, export.title(), page.parentId().orElse(null));
        List<ExportEvent.Skipped> skipped = new ArrayList<>();
        StringBuilder body = new StringBuilder(8192);
        top(body, export, text, media);
        HtmlCells cells = new HtmlCells(names, context::user, names::linkable);
        body.append(cells.propertiesTable(page.properties(), export.files()));
        new HtmlBlocks(text, media, export.blocks(), skipped).render(export.tree(), body);
        comments(body, export.comments(), text);
        // the head depends on the body (equations load KaTeX): inserted in front, the document is copied once
        body.insert(0, Html.head(export.title(), breadcrumb(export), math(body))).append(Html.TAIL);
        return new Rendered(body.toString(), List.copyOf(skipped));
    }

    // user text is escaped, so only the renderer's own equation elements carry this attribute
    private boolean math(StringBuilder body) {
        return katex && body.indexOf(" class=\"math ") >= 0;
    }

    /** The cover, the icon and the title with its styles and mentions. */
    private static void top(StringBuilder out, PageExport export, HtmlText text, HtmlMedia media) {
        JsonNode json = export.source().json();
        out.append(media.cover(json.get("cover")));
        String icon = media.icon(json.path("icon"));
        if (!icon.isEmpty()) {
            out.append("<div class=\"page-icon\">").append(icon).append("</div>\n");
        }
        String title = text.render(MarkdownRenderer.titleText(export));
        if (title.isEmpty()) {
            title = Html.escape(export.title().isBlank() ? "Untitled" : export.title());
        }
        out.append("<h1>").append(title).append("</h1>\n");
    }


    /** The open comments: author, time, the block they are on, text and attachments. */
    private void comments(StringBuilder out, List<Comment> comments, HtmlText text) {
        if (comments.isEmpty()) {
            return;
        }
        out.append("<section class=\"comments\">\n<h2>Comments</h2>\n<ul>\n");
        for (Comment comment : comments) {
            JsonNode json = comment.json();
            out.append("<li><strong>").append(Html.escape(author(json))).append("</strong>");
            String time = json.path("created_time").asText("");
            if (!time.isEmpty()) {
                out.append(" · ").append(HtmlDates.html(time, null, null));
            }
            JsonNode parent = json.path("parent");
            if ("block_id".equals(parent.path("type").asText())) {
                out.append(" · on block ").append(Html.escape(parent.path("block_id").asText("")));
            }
            String body = text.render(json.get("rich_text"));
            if (!body.isEmpty()) {
                out.append("<br>").append(body);
            }
            for (JsonNode attachment : json.path("attachments")) {
                String destination = text.links().file(attachment);
                if (!destination.isEmpty()) {
                    String label = Links.fileName(attachment, attachment.path("category").asText("attachment"));
                    out.append("<br>").append(Html.link(destination, Html.escape(label), "file-link"));
                }
            }
            out.append("</li>\n");
        }
        out.append("</ul>\n</section>\n");
    }

    private String author(JsonNode comment) {
        String resolved = comment.path("display_name").path("resolved_name").asText("");
        if (!resolved.isBlank()) {
            return resolved;
        }
        JsonNode by = comment.path("created_by");
        String name = by.path("name").asText("");
        if (!name.isBlank()) {
            return name;
        }
        return UserNames.author(by.path("id").asText(""), context::user);
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
        Links links = new Links(names, export.files(), ".html");
        HtmlText text = new HtmlText(links, context::user);
        HtmlMedia media = new HtmlMedia(text, export.title(), database.parentId().orElse(null));
        HtmlCells cells = new HtmlCells(names, context::user, linkable);
        StringBuilder top = new StringBuilder();
        top(top, export, text, media);
        String description = text.render(database.json().get("description"));
        if (!description.isEmpty()) {
            top.append("<p>").append(description).append("</p>\n");
        }
        out.write(Html.head(export.title(), breadcrumb(export), math(top)));
        out.write(top.toString());
        for (DataSource source : export.dataSources()) {
            String title = DatabaseMarkdown.sourceTitle(source, database.title());
            out.write("<h2>" + Html.escape(title.isBlank() ? "Untitled" : title) + "</h2>\n");
            String sourceDescription = text.render(source.json().get("description"));
            if (!sourceDescription.isEmpty()) {
                out.write("<p>" + sourceDescription + "</p>\n");
            }
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
            out.write(cells.schema(source, links));
            out.write("</details>\n");
        }
        new ViewHtml(names, cells, linkable).write(out, export.views(), List.copyOf(tables.values()), spool);
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
