package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.export.FileNames;
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
            case "relation" -> {
                List<String> items = new ArrayList<>();
                v.forEach(item -> {
                    String id = item.path("id").asText("");
                    Optional<String> name = names.name(id).filter(n -> linkable.test(id));
                    PropertyValues.PageRef ref = new PropertyValues.PageRef(id, links.knownTitle(id).orElse(null));
                    items.add(name.isPresent() ? Html.link(MarkdownText.segment(name.get() + ".html"),
                            Html.escape(links.title(id, id))) : Html.escape(CellText.of(ref)));
                });
                yield String.join(", ", items);
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
            default -> Html.escape(CellText.of(values.value(property)));
        };
    }
}
