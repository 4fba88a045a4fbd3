package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.export.PageExport;
import dev.notionsync.core.model.Page;
import dev.notionsync.core.model.RichText;
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
 */
final class FrontMatter {

    private static final List<String> FIXED = List.of("id", "url", "created_time", "last_edited_time", "title",
            "parent");
    private static final Object SKIP = new Object();

    private final Links links;
    private final Function<String, Optional<User>> users;

    FrontMatter(Links links, Function<String, Optional<User>> users) {
        this.links = links;
        this.users = users;
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
        fields.put("url", text(json.path("url")));
        fields.put("created_time", text(json.path("created_time")));
        fields.put("last_edited_time", text(json.path("last_edited_time")));
        fields.put("title", export.title());
        JsonNode parent = json.path("parent");
        String parentType = parent.path("type").asText("");
        fields.put("parent", "workspace".equals(parentType) ? "workspace" : text(parent.path(parentType)));
        if (export.source() instanceof Page page) {
            page.properties().properties().forEach(property -> {
                Object value = value(property.getValue());
                if (value != SKIP) {
                    String key = property.getKey();
                    fields.put(FIXED.contains(key) ? key + " (property)" : key, value);
                }
            });
        }
        return Yaml.frontMatter(fields);
    }

    /**
     * Returns the plain value of a property value object ({@code {type, <type>: value}}).
     *
     * @param property the property value
     * @return {@code null}, a boolean, number, string, list or map; {@link #SKIP} for buttons
     */
    Object value(JsonNode property) {
        String type = property.path("type").asText("");
        JsonNode v = property.path(type);
        return switch (type) {
            case "title", "rich_text" -> RichText.plainText(v);
            case "number" -> number(v);
            case "select", "status" -> v.isObject() ? v.path("name").asText("") : null;
            case "multi_select" -> {
                List<Object> names = new ArrayList<>();
                v.forEach(option -> names.add(option.path("name").asText("")));
                yield names;
            }
            case "date" -> date(v);
            case "people" -> {
                List<Object> people = new ArrayList<>();
                v.forEach(person -> people.add(person(person)));
                yield people;
            }
            case "files" -> {
                List<Object> files = new ArrayList<>();
                v.forEach(file -> {
                    String url = Links.fileUrl(file);
                    files.add(url.isEmpty() ? file.path("name").asText("") : links.plainFile(url));
                });
                yield files;
            }
            case "checkbox" -> v.asBoolean(false);
            case "url", "email", "phone_number", "created_time", "last_edited_time", "last_visited_time" -> text(v);
            case "created_by", "last_edited_by" -> v.isObject() ? person(v) : null;
            case "formula" -> typed(v);
            case "rollup" -> rollup(v);
            case "relation" -> {
                List<Object> related = new ArrayList<>();
                v.forEach(relation -> {
                    String id = relation.path("id").asText("");
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("id", id);
                    entry.put("title", links.knownTitle(id).orElse(null));
                    related.add(entry);
                });
                yield related;
            }
            case "unique_id" -> {
                String prefix = v.path("prefix").asText("");
                Object n = number(v.path("number"));
                yield prefix.isEmpty() || n == null ? n : prefix + "-" + n;
            }
            case "verification" -> v.isObject() ? text(v.path("state")) : null;
            case "place", "location" -> place(v);
            case "button" -> SKIP;
            default -> generic(v);
        };
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    private static Object number(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.decimalValue();
        }
        return node.isNumber() ? node.decimalValue() : null;
    }

    private static Object date(JsonNode date) {
        if (!date.isObject()) {
            return null;
        }
        String end = text(date.path("end"));
        String zone = text(date.path("time_zone"));
        if (end == null && zone == null) {
            return text(date.path("start"));
        }
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("start", text(date.path("start")));
        value.put("end", end);
        value.put("time_zone", zone);
        return value;
    }

    private String person(JsonNode person) {
        String name = person.path("name").asText("");
        if (!name.isBlank()) {
            return name;
        }
        String id = person.path("id").asText("");
        return users.apply(id).map(User::name).filter(n -> !n.isBlank()).orElse(id);
    }

    /** A formula value or rollup element: {@code {type: string|number|boolean|date|..., <type>: value}}. */
    private Object typed(JsonNode value) {
        String type = value.path("type").asText("");
        JsonNode v = value.path(type);
        return switch (type) {
            case "string" -> text(v);
            case "number" -> number(v);
            case "boolean" -> v.isBoolean() ? v.asBoolean() : null;
            case "date" -> date(v);
            case "unsupported", "incomplete", "" -> null;
            default -> {
                Object plain = value(value);
                yield plain == SKIP ? null : plain;
            }
        };
    }

    private Object rollup(JsonNode rollup) {
        if (!"array".equals(rollup.path("type").asText())) {
            return typed(rollup);
        }
        List<Object> items = new ArrayList<>();
        rollup.path("array").forEach(item -> items.add(typed(item)));
        return items;
    }

    private static Object place(JsonNode place) {
        if (!place.isObject()) {
            return null;
        }
        Map<String, Object> value = new LinkedHashMap<>();
        for (String field : List.of("name", "address", "lat", "lon")) {
            JsonNode v = place.path(field);
            if (!v.isMissingNode() && !v.isNull()) {
                value.put(field, v.isNumber() ? number(v) : v.asText());
            }
        }
        return value;
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
            return number(node);
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return text(node);
    }
}
