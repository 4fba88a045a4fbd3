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
 * YAML front matter for a page, row or database: the object's identity and times, then every property by name with
 * a plain value (text, number, boolean, list, small mapping) that static-site generators and note apps can read.
 * The values come from {@link PropertyValues}, as in the CSV and HTML formats.
 */
final class FrontMatter {

    private static final List<String> FIXED = List.of("id", "url", "created_time", "last_edited_time", "title",
            "parent");

    private final PropertyValues values;

    FrontMatter(Links links, Function<String, Optional<User>> users) {
        this.values = new PropertyValues(links, users);
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
    private static Object yaml(Object plain) {
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
            // the id only: a related page's title may not be known yet when this page is written, and a value that
            // depends on the order of the crawl would make two exports of one workspace differ
            return ref.id();
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
