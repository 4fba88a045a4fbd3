package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /v1/pages/{id}/properties/{property_id}}: the complete (untruncated) value. Title, rich_text,
 * people, relation and rollup come back as a paginated list of property items; other types as one item.
 */
final class PropertyItems {

    private static final Set<String> PAGINATED = Set.of("title", "rich_text", "people", "relation", "rollup");

    private PropertyItems() {
    }

    static ObjectNode get(Model model, Renderer renderer, ApiRequest request) {
        String pageId = request.param(0);
        ObjectNode page = model.page(pageId).orElseThrow(() -> ApiError.notFound("page", pageId));
        String raw = request.rawParam(1);
        String decoded = request.param(1);
        ObjectNode property = null;
        for (Map.Entry<String, JsonNode> entry : page.get("properties").properties()) {
            JsonNode candidate = entry.getValue();
            String id = candidate.path("id").asText();
            if (id.equals(raw) || id.equals(decoded) || URLDecoder.decode(id, StandardCharsets.UTF_8).equals(decoded)) {
                property = (ObjectNode) candidate;
                break;
            }
        }
        if (property == null) {
            throw ApiError.notFound("property", decoded);
        }
        String id = property.get("id").asText();
        String type = property.get("type").asText();
        JsonNode value = property.get(type);
        if (!PAGINATED.contains(type)) {
            ObjectNode item = Json.obj().put("object", "property_item").put("id", id).put("type", type);
            item.set(type, value);
            return renderer.object(item);
        }
        ArrayNode all = Json.arr();
        ObjectNode summary = Json.obj().put("id", id);
        if (type.equals("rollup")) {
            // Array rollups list their values; computed rollups put the complete value in the summary.
            if ("array".equals(value.path("type").asText())) {
                for (JsonNode element : value.get("array")) {
                    String elementType = element.path("type").asText();
                    ObjectNode item = Json.obj().put("object", "property_item").put("id", id).put("type", elementType);
                    item.set(elementType, element.get(elementType));
                    all.add(item);
                }
            }
        } else {
            for (JsonNode element : value) {
                ObjectNode item = Json.obj().put("object", "property_item").put("id", id).put("type", type);
                item.set(type, element);
                all.add(item);
            }
        }
        int offset = Paging.offset(request.queryParam("start_cursor"));
        int end = Math.min(all.size(), offset + Paging.pageSize(request.queryParam("page_size")));
        ArrayNode results = Json.arr();
        for (int i = offset; i < end; i++) {
            results.add(renderer.object((ObjectNode) all.get(i)));
        }
        String next = end < all.size() ? Paging.cursor(end) : null;
        summary.put("next_url", next == null ? null : request.baseUrl() + "/v1/pages/" + pageId + "/properties/"
                + request.rawParam(1) + "?start_cursor=" + next);
        summary.put("type", type);
        summary.set(type, type.equals("rollup") ? renderer.object(value.deepCopy()) : Json.obj());
        ObjectNode list = Paging.list("property_item", results, next, request.requestId());
        list.set("property_item", summary);
        return list;
    }
}
