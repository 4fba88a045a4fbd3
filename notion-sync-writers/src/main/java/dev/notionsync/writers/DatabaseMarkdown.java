package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.export.FileNames;
import dev.notionsync.core.export.DatabaseView;
import dev.notionsync.core.model.DataSource;
import dev.notionsync.core.model.Database;
import dev.notionsync.core.model.RichText;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of a database's document: its description, then one section per data source with the schema as a table
 * (property, type, details) and a link to the rows in {@code ../csv/<data source name>.csv}.
 */
final class DatabaseMarkdown {

    private final InlineMarkdown inline;
    private final Links links;
    private final FileNames names;

    DatabaseMarkdown(InlineMarkdown inline, Links links, FileNames names) {
        this.inline = inline;
        this.links = links;
        this.names = names;
    }

    /**
     * Returns the title a data source shows, and names its CSV file with: its own, else its database's. The crawl
     * names data sources with the same rule.
     *
     * @param source the data source
     * @param databaseTitle the title of its database
     * @return the title, possibly blank
     */
    static String sourceTitle(DataSource source, String databaseTitle) {
        return source.title().isBlank() ? databaseTitle : source.title();
    }

    /**
     * Renders the body.
     *
     * @param database the database
     * @param sources its data sources with schemas
     * @return the Markdown
     */
    String render(Database database, List<DataSource> sources) {
        List<String> parts = new ArrayList<>();
        String description = description(database);
        if (!description.isEmpty()) {
            parts.add(description);
        }
        for (DataSource source : sources) {
            String name = names.assign(source.id(), sourceTitle(source, database.title()));
            parts.add(heading(source, database.title()));
            parts.add(schema(source));
            parts.add("Rows: [" + inline.text(name + ".csv", InlineMarkdown.Mode.CELL, 0) + "](../csv/"
                    + MarkdownText.segment(name + ".csv") + ")");
        }
        return String.join("\n\n", parts);
    }

    /**
     * Renders the views: each with its name and layout, its filter and sorts in words, and links to its rows in view
     * order, resolved like relations are (to the row's document when it is exported, else to Notion).
     *
     * @param views the views in tab order
     * @return the Markdown, empty when there are none
     */
    String views(List<DatabaseView> views) {
        if (views.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        parts.add("## Views");
        for (DatabaseView view : views) {
            String name = view.view().name().isBlank() ? "Untitled view" : view.view().name();
            StringBuilder section = new StringBuilder("### ")
                    .append(inline.text(name, InlineMarkdown.Mode.HEADING, 0))
                    .append(" (").append(inline.text(view.view().type(), InlineMarkdown.Mode.HEADING, 0)).append(')');
            String filter = ViewText.filter(view.view().json().get("filter"));
            if (!filter.isEmpty()) {
                section.append("\n\nFilter: ").append(inline.text(filter, InlineMarkdown.Mode.BLOCK, 0));
            }
            String sorts = ViewText.sorts(view.view().json().get("sorts"));
            if (!sorts.isEmpty()) {
                section.append("\n\nSorted by ").append(inline.text(sorts, InlineMarkdown.Mode.BLOCK, 0));
            }
            if (!view.rowIds().isEmpty()) {
                section.append('\n');
                for (String row : view.rowIds()) {
                    section.append("\n- [").append(inline.text(links.title(row, "Untitled"), InlineMarkdown.Mode.CELL, 0))
                            .append("](").append(links.object(row, "")).append(')');
                }
            }
            parts.add(section.toString());
        }
        return String.join("\n\n", parts);
    }

    /**
     * Renders the database's description.
     *
     * @param database the database
     * @return the Markdown, empty without description
     */
    String description(Database database) {
        return inline.render(database.json().get("description"), InlineMarkdown.Mode.BLOCK, 0);
    }

    /**
     * Renders a data source's heading ({@code ## Title}) and its description, if any.
     *
     * @param source the data source
     * @param databaseTitle the title of its database
     * @return the Markdown
     */
    String heading(DataSource source, String databaseTitle) {
        String title = sourceTitle(source, databaseTitle);
        String heading = "## " + inline.text(title.isBlank() ? "Untitled" : title, InlineMarkdown.Mode.HEADING, 0);
        String sourceDescription = inline.render(source.json().get("description"), InlineMarkdown.Mode.BLOCK, 0);
        return sourceDescription.isEmpty() ? heading : heading + "\n\n" + sourceDescription;
    }

    /**
     * Renders a data source's schema as a table: property, type, details.
     *
     * @param source the data source
     * @return the Markdown table
     */
    String schema(DataSource source) {
        StringBuilder out = new StringBuilder("| Property | Type | Details |\n| --- | --- | --- |");
        for (Map.Entry<String, JsonNode> property : source.schema().properties()) {
            JsonNode config = property.getValue();
            String type = config.path("type").asText("");
            out.append("\n| ").append(cell(property.getKey())).append(" | ").append(cell(type)).append(" | ")
                    .append(details(type, config)).append(" |");
        }
        return out.toString();
    }

    private String cell(String text) {
        return inline.text(text, InlineMarkdown.Mode.CELL, 0);
    }

    private String details(String type, JsonNode property) {
        JsonNode config = property.path(type);
        return switch (type) {
            case "select", "multi_select", "status" -> {
                List<String> options = new ArrayList<>();
                config.path("options").forEach(option -> options.add(option.path("name").asText("")));
                yield cell(String.join(", ", options));
            }
            case "number" -> cell(config.path("format").asText(""));
            case "formula" -> MarkdownText.codeSpan(config.path("expression").asText(""), true);
            case "relation" -> {
                String id = config.path("database_id").asText("");
                yield id.isEmpty() ? cell(config.path("data_source_id").asText(""))
                        : "[" + cell(links.title(id, id)) + "](" + links.object(id, null) + ")";
            }
            case "rollup" -> cell(String.join(" ", config.path("function").asText(""),
                    config.path("relation_property_name").asText(""), "→",
                    config.path("rollup_property_name").asText("")).strip());
            case "unique_id" -> cell(config.path("prefix").asText(""));
            default -> {
                JsonNode description = property.path("description");
                yield cell(description.isTextual() ? description.asText() : RichText.plainText(description));
            }
        };
    }
}
