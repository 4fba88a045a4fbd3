package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns internal-form objects into what a client sees: strips internal {@code $} fields, signs file URLs,
 * adapts to the Notion-Version (2025-09-03, 2026-03-11, 2026-12-01: title-only page properties in list answers and
 * people without a name), applies the 25-reference truncation and {@code filter_properties} to page properties.
 */
final class Renderer {

    static final String V2025 = "2025-09-03";
    static final String V2026 = "2026-03-11";
    static final String V2026_12 = "2026-12-01";
    static final int REFERENCE_LIMIT = 25;

    /** Issues the {@code {url, expiry_time}} object for a hosted file. */
    interface FileUrls {
        ObjectNode issue(String fileId, String name);
    }

    private final String version;
    private final FileUrls urls;

    Renderer(String version, FileUrls urls) {
        this.version = version;
        this.urls = urls;
    }

    /** Renders any object (block, database, data source, comment, user, property item). */
    ObjectNode object(ObjectNode node) {
        if (node.has(Users.NAMELESS) && V2026_12.equals(version)) {
            node.putNull("name");
        }
        clean(node);
        return V2025.equals(version) ? legacy(node) : node;
    }

    /** Renders a page as retrieve-page and query results show it: reference lists cut at 25. */
    ObjectNode page(ObjectNode node) {
        JsonNode properties = node.get("properties");
        if (properties != null) {
            for (JsonNode property : properties) {
                truncate((ObjectNode) property);
            }
        }
        return object(node);
    }

    /**
     * Renders a page as a list answer (search, data-source query) shows it. With {@code filter_properties} only the
     * named properties are kept, whatever the version (the title too only when named). Without it, 2026-12-01 keeps
     * only the title property; older versions keep every property.
     *
     * @param node the page in internal form
     * @param filter the {@code filter_properties} values as the query string gave them (decoded once), or empty
     */
    ObjectNode listed(ObjectNode node, List<String> filter) {
        ObjectNode page = page(node);
        if (page.get("properties") instanceof ObjectNode properties && (!filter.isEmpty() || V2026_12.equals(version))) {
            properties.retain(named(properties, filter));
        }
        return page;
    }

    /** Renders a page as retrieve page shows it: every property, or only those {@code filter_properties} names. */
    ObjectNode retrieved(ObjectNode node, List<String> filter) {
        ObjectNode page = page(node);
        if (page.get("properties") instanceof ObjectNode properties && !filter.isEmpty()) {
            properties.retain(named(properties, filter));
        }
        return page;
    }

    /**
     * The names of the properties a {@code filter_properties} list selects (the title alone when it is empty). A
     * value matches a property whose id, percent-decoded, equals it: clients send each id decoded and then encoded
     * once, so the server's single decoding gives the decoded id back.
     */
    private static List<String> named(ObjectNode properties, List<String> filter) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            String id = property.getValue().path("id").asText();
            boolean keep = filter.isEmpty() ? "title".equals(property.getValue().path("type").asText())
                    : filter.contains(decoded(id));
            if (keep) {
                names.add(property.getKey());
            }
        }
        return names;
    }

    private static String decoded(String id) {
        try {
            return URLDecoder.decode(id.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return id;
        }
    }

    private void clean(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> internal = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode value = field.getValue();
                if (field.getKey().startsWith("$")) {
                    internal.add(field.getKey());
                } else if (value.has("$file")) {
                    field.setValue(urls.issue(value.get("$file").asText(), value.get("$name").asText()));
                } else if (value.isContainerNode()) {
                    clean(value);
                }
            }
            object.remove(internal);
        } else if (node instanceof ArrayNode array) {
            for (JsonNode element : array) {
                clean(element);
            }
        }
    }

    private static ObjectNode legacy(ObjectNode node) {
        if (!node.has("in_trash") && !"meeting_notes".equals(node.path("type").asText())) {
            return node;
        }
        boolean meeting = "block".equals(node.path("object").asText()) && "meeting_notes".equals(node.path("type").asText());
        ObjectNode out = Json.obj();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            if ("in_trash".equals(key)) {
                out.set("archived", field.getValue());
            }
            if (meeting && "type".equals(key)) {
                out.put("type", "transcription");
            } else if (meeting && "meeting_notes".equals(key)) {
                out.set("transcription", field.getValue());
            } else {
                out.set(key, field.getValue());
            }
        }
        return out;
    }

    private static void truncate(ObjectNode property) {
        String type = property.path("type").asText();
        JsonNode value = property.get(type);
        switch (type) {
            case "relation", "people" -> {
                if (value instanceof ArrayNode array) {
                    while (array.size() > REFERENCE_LIMIT) {
                        array.remove(array.size() - 1);
                    }
                }
            }
            case "title", "rich_text" -> {
                if (value instanceof ArrayNode array) {
                    int references = 0;
                    for (int i = 0; i < array.size(); i++) {
                        if (Rt.isReference(array.get(i)) && ++references > REFERENCE_LIMIT) {
                            while (array.size() > i) {
                                array.remove(array.size() - 1);
                            }
                            break;
                        }
                    }
                }
            }
            case "rollup" -> {
                // A computed rollup sees only the first 25 related pages.
                if (value instanceof ObjectNode rollup && "number".equals(rollup.path("type").asText())
                        && rollup.path("function").asText().startsWith("count")
                        && rollup.path("number").asDouble() > REFERENCE_LIMIT) {
                    rollup.put("number", REFERENCE_LIMIT);
                }
            }
            default -> {
                // Other property values are never truncated.
            }
        }
    }
}
