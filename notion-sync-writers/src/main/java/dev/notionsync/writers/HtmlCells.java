package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.export.FileNames;
import dev.notionsync.core.model.DataSource;
import dev.notionsync.core.model.RichText;
import dev.notionsync.core.model.User;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Property values as HTML table cells: the same text as a CSV cell ({@link CellText}), escaped, with links where a
 * value points somewhere: related pages that were exported, URLs, e-mail addresses and files.
 */
final class HtmlCells {

    private final FileNames names;
    private final Function<String, Optional<User>> users;
    private final Predicate<String> linkable;

    /**
     * @param names the export's naming policy
     * @param users looks up people by id
     * @param linkable whether a related object's page is (or will be) written, by id
     */
    HtmlCells(FileNames names, Function<String, Optional<User>> users, Predicate<String> linkable) {
        this.names = names;
        this.users = users;
        this.linkable = linkable;
    }

    /**
     * Renders the properties of a page or row, except its title, as a two-column table.
     *
     * @param properties the property values by name
     * @param files local copies of hosted files, by URL
     * @return the table, empty when there is nothing to show
     */
    String propertiesTable(ObjectNode properties, Map<String, String> files) {
        StringBuilder out = new StringBuilder();
        properties.properties().forEach(property -> {
            String type = property.getValue().path("type").asText("");
            if (!"title".equals(type) && !"button".equals(type)) {
                out.append("<tr><th scope=\"row\">").append(Html.escape(property.getKey())).append("</th><td>")
                        .append(cell(property.getValue(), files, null)).append("</td></tr>\n");
            }
        });
        return out.length() == 0 ? "" : "<table class=\"properties\">\n<tbody>\n" + out + "</tbody>\n</table>\n";
    }

    /**
     * Renders one property value.
     *
     * @param property the property value ({@code {type, <type>: value}})
     * @param files local copies of hosted files, by URL
     * @param titleHref where a title value links to, or {@code null}
     * @return the HTML
     */
    String cell(JsonNode property, Map<String, String> files, String titleHref) {
        Links links = new Links(names, files, ".html");
        PropertyValues values = new PropertyValues(links, users);
        String type = property.path("type").asText("");
        JsonNode v = property.path(type);
        return switch (type) {
            case "title" -> {
                String text = Html.escape(CellText.of(values.value(property)));
                yield titleHref == null ? text : Html.link(titleHref, text.isEmpty() ? "Untitled" : text);
            }
            case "rich_text" -> new HtmlText(links, users).render(v);
            case "relation" -> {
                List<String> items = new ArrayList<>();
                v.forEach(item -> {
                    String id = item.path("id").asText("");
                    Optional<String> name = names.name(id).filter(n -> linkable.test(id));
                    PropertyValues.PageRef ref = new PropertyValues.PageRef(id, links.knownTitle(id).orElse(null));
                    items.add(name.isPresent() ? Html.link(MarkdownText.segment(name.get() + ".html"),
                            Html.escape(links.title(id, id)))
                            : ref.title() != null ? "<span title=\"" + Html.escape(id) + "\">" + Html.escape(ref.title())
                            + "</span>" : Html.escape(CellText.of(ref)));
                });
                yield String.join(", ", items);
            }
            case "date" -> v.isObject() ? HtmlDates.html(v, "") : "";
            case "created_time", "last_edited_time", "last_visited_time" -> v.isTextual()
                    ? HtmlDates.html(v.asText(), null, null) : "";
            case "checkbox" -> v.asBoolean(false) ? "<input type=\"checkbox\" disabled checked aria-label=\"Yes\">"
                    : "<input type=\"checkbox\" disabled aria-label=\"No\">";
            case "select", "status" -> v.isObject() ? tag(v) : "";
            case "multi_select" -> {
                StringBuilder tags = new StringBuilder();
                v.forEach(option -> tags.append(tag(option)).append(' '));
                yield tags.toString().strip();
            }
            case "url" -> v.isTextual() ? Html.link(v.asText(), Html.escape(v.asText())) : "";
            case "email" -> v.isTextual() ? Html.link("mailto:" + v.asText(), Html.escape(v.asText())) : "";
            case "files" -> {
                List<String> items = new ArrayList<>();
                v.forEach(file -> {
                    String url = Links.fileUrl(file);
                    String label = Html.escape(Links.fileName(file, "file"));
                    String local = files.get(url);
                    items.add(local != null ? Html.link("../" + MarkdownText.path(local), label)
                            : url.isEmpty() ? label : Html.link(MarkdownText.destination(url), label));
                });
                yield String.join(", ", items);
            }
            default -> plain(values.value(property));
        };
    }

    /** A plain value (formula and rollup results among them): dates readable, lists joined, the rest as text. */
    private static String plain(Object value) {
        if (value instanceof PropertyValues.DateValue date) {
            return date.start() == null ? "" : HtmlDates.html(date.start(), date.end(), date.timeZone());
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (Object item : list) {
                String html = plain(item);
                if (!html.isEmpty()) {
                    items.add(html);
                }
            }
            return String.join(", ", items);
        }
        return Html.escape(CellText.of(value));
    }

    /** An option of a select, status or multi-select value, in its colour. */
    private static String tag(JsonNode option) {
        String color = HtmlText.colorClass(option.path("color").asText("default"));
        return "<span class=\"tag" + (color.isEmpty() ? "" : " " + color.replace("c-", "bg-")) + "\">"
                + Html.escape(option.path("name").asText("")) + "</span>";
    }

    /**
     * Renders a data source's schema as a table: property, type, details.
     *
     * @param source the data source
     * @param links link targets, for related databases
     * @return the HTML table
     */
    String schema(DataSource source, Links links) {
        StringBuilder out = new StringBuilder("<table class=\"schema\">\n<thead><tr><th>Property</th><th>Type</th>"
                + "<th>Details</th></tr></thead>\n<tbody>\n");
        for (Map.Entry<String, JsonNode> property : source.schema().properties()) {
            JsonNode config = property.getValue();
            String type = config.path("type").asText("");
            out.append("<tr><td>").append(Html.escape(property.getKey())).append("</td><td>")
                    .append(Html.escape(type)).append("</td><td>").append(details(type, config, links))
                    .append("</td></tr>\n");
        }
        return out.append("</tbody>\n</table>\n").toString();
    }

    private static String details(String type, JsonNode property, Links links) {
        JsonNode config = property.path(type);
        return switch (type) {
            case "select", "multi_select", "status" -> {
                List<String> options = new ArrayList<>();
                config.path("options").forEach(option -> options.add(option.path("name").asText("")));
                yield Html.escape(String.join(", ", options));
            }
            case "number" -> Html.escape(config.path("format").asText(""));
            case "formula" -> "<code>" + Html.escape(config.path("expression").asText("")) + "</code>";
            case "relation" -> {
                String id = config.path("database_id").asText("");
                yield id.isEmpty() ? Html.escape(config.path("data_source_id").asText(""))
                        : Html.link(links.object(id, null), Html.escape(links.title(id, id)));
            }
            case "rollup" -> Html.escape(String.join(" ", config.path("function").asText(""),
                    config.path("relation_property_name").asText(""), "→",
                    config.path("rollup_property_name").asText("")).strip());
            case "unique_id" -> Html.escape(config.path("prefix").asText(""));
            default -> {
                JsonNode description = property.path("description");
                yield Html.escape(description.isTextual() ? description.asText() : RichText.plainText(description));
            }
        };
    }
}
