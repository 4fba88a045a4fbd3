package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.export.PageExport;
import dev.notionsync.core.model.Page;
import dev.notionsync.core.model.User;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * YAML front matter for a page, row or database: the object's identity and times, its {@code icon} (an emoji,
 * {@code :name:} of a custom emoji, or an image's local path or URL) and {@code cover} (local path or URL) when it has
 * them, then every property by name with a plain value (text, number, boolean, list, small mapping) that
 * static-site generators and note apps can read. The values come from {@link PropertyValues}, as in the CSV and HTML
 * formats; people are {@code {name, id}}, files {@code {name, path}} (or {@code {name, url}} when not downloaded),
 * related pages {@code {id, title, file}} with the title and Markdown file only once the related page's own title is
 * known.
 */
final class FrontMatter {

    private static final List<String> FIXED = List.of("id", "url", "created_time", "last_edited_time", "title",
            "parent", "icon", "cover");

    private final PropertyValues values;
    private final Links links;

    FrontMatter(Links links, Function<String, Optional<User>> users) {
        this.values = new PropertyValues(links, users);
        this.links = links;
    }

    /**
     * The front matter value of an icon: the emoji itself, {@code :name:} for a custom emoji, the local path (or
     * URL) of an image.
     */
    private Object icon(JsonNode icon) {
        String value = switch (icon.path("type").asText("")) {
            case "emoji" -> icon.path("emoji").asText("");
            case "custom_emoji" -> ":" + icon.path("custom_emoji").path("name").asText("emoji") + ":";
            case "external", "file" -> {
                String url = Links.fileUrl(icon);
                yield url.isEmpty() ? "" : links.plainFile(url);
            }
            default -> "";
        };
        return value.isEmpty() ? null : value;
    }

    /**
     * Renders the front matter of an exported object.
     *
     * @param export the object
     * @return the YAML block with its {@code ---} lines
     */
    String render(PageExport export) {
        JsonNode json = export.source().json();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", export.id());
        fields.put("url", PropertyValues.text(json.path("url")));
        fields.put("created_time", PropertyValues.text(json.path("created_time")));
        fields.put("last_edited_time", PropertyValues.text(json.path("last_edited_time")));
        fields.put("title", export.title());
        JsonNode parent = json.path("parent");
        String parentType = parent.path("type").asText("");
        fields.put("parent", "workspace".equals(parentType) ? "workspace"
                : PropertyValues.text(parent.path(parentType)));
        Object icon = icon(json.path("icon"));
        if (icon != null) {
            fields.put("icon", icon);
        }
        JsonNode cover = json.path("cover");
        String coverUrl = Links.fileUrl(cover);
        if (!coverUrl.isEmpty()) {
            fields.put("cover", links.plainFile(coverUrl));
        }
        if (export.source() instanceof Page page) {
            page.properties().properties().forEach(property -> {
                Object value = value(property.getValue());
                if (value != PropertyValues.SKIP) {
                    String key = property.getKey();
                    fields.put(FIXED.contains(key) ? key + " (property)" : key, value);
                }
            });
        }
        return Yaml.frontMatter(fields);
    }

    /**
     * Returns the YAML value of a property value object.
     *
     * @param property the property value
     * @return {@code null}, a boolean, number, string, list or map; {@link PropertyValues#SKIP} for buttons
     */
    Object value(JsonNode property) {
        Object plain = values.value(property);
        return plain == PropertyValues.SKIP ? plain : yaml(plain);
    }

    /** Turns the records of {@link PropertyValues} into the mappings front matter has always used. */
    private Object yaml(Object plain) {
        if (plain instanceof List<?> list) {
            List<Object> items = new ArrayList<>();
            list.forEach(item -> items.add(yaml(item)));
            return items;
        }
        if (plain instanceof PropertyValues.DateValue date) {
            if (date.end() == null && date.timeZone() == null) {
                return date.start();
            }
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("start", date.start());
            value.put("end", date.end());
            value.put("time_zone", date.timeZone());
            return value;
        }
        if (plain instanceof PropertyValues.PageRef ref) {
            // the title (and the file named after it) only once the page gave it itself: a title seen in a mention
            // or listing may change, and a value that depends on the order of the crawl would make two exports of
            // one workspace differ
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("id", ref.id());
            if (ref.title() != null) {
                value.put("title", ref.title());
                links.knownFile(ref.id()).ifPresent(file -> value.put("file", file));
            }
            return value;
        }
        if (plain instanceof PropertyValues.Person person) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("name", person.name());
            value.put("id", person.id());
            return value;
        }
        if (plain instanceof PropertyValues.FileRef file) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("name", file.name());
            if (file.path() != null) {
                value.put("path", file.path());
            } else if (!file.url().isEmpty()) {
                value.put("url", file.url());
            }
            return value;
        }
        if (plain instanceof PropertyValues.Place place) {
            return place.fields();
        }
        if (plain instanceof PropertyValues.Unknown unknown) {
            return generic(unknown.json());
        }
        return plain;
    }

    private static Object generic(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), generic(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(generic(item)));
            return list;
        }
        if (node.isNumber()) {
            return PropertyValues.number(node);
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return PropertyValues.text(node);
    }
}
