package dev.notionsync.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Rebuilds a page property value, in the shape it has inside a page object, from the paginated items of
 * {@code GET /v1/pages/{id}/properties/{property_id}}.
 */
final class PropertyValues {

    private PropertyValues() {
    }

    /**
     * @param id the property id
     * @param type the property type
     * @param items every item of every page of the answer, in order
     * @param lastSummary the {@code property_item} summary of the last page (carries computed rollups), or null
     */
    static ObjectNode assemble(String id, String type, List<JsonNode> items, JsonNode lastSummary) {
        ObjectNode value = Json.object();
        value.put("id", id);
        value.put("type", type);
        switch (type) {
            case "title", "rich_text" -> {
                ArrayNode texts = value.putArray(type);
                items.forEach(item -> texts.add(item.path(type)));
            }
            case "people" -> {
                ArrayNode people = value.putArray("people");
                items.forEach(item -> people.add(item.path("people")));
            }
            case "relation" -> {
                ArrayNode relation = value.putArray("relation");
                items.forEach(item -> relation.add(item.path("relation")));
                value.put("has_more", false);
            }
            case "rollup" -> {
                JsonNode summary = lastSummary != null ? lastSummary.path("rollup") : null;
                ObjectNode rollup = summary instanceof ObjectNode object ? object.deepCopy() : Json.object();
                if ("array".equals(rollup.path("type").asText()) || (summary == null && !items.isEmpty())) {
                    ArrayNode array = rollup.put("type", "array").putArray("array");
                    items.forEach(item -> array.add(stripItem(item)));
                }
                value.set("rollup", rollup);
            }
            default -> {
                JsonNode single = items.isEmpty() ? null : items.get(0);
                value.set(type, single == null ? null : single.path(type));
            }
        }
        return value;
    }

    private static JsonNode stripItem(JsonNode item) {
        // a rollup array element is a property value without the property_item envelope
        ObjectNode element = item.deepCopy();
        element.remove("object");
        element.remove("id");
        return element;
    }
}
