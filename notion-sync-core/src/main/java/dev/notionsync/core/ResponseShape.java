package dev.notionsync.core;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/**
 * What a 200 answer of an endpoint must look like. An answer that breaks its shape (an empty object, an array,
 * {@code null}, a list without results, an error body sent with status 200) is a fault on the way, never an
 * empty result: taken as one, a broken search answer would make every exported page look deleted.
 */
final class ResponseShape {

    /** The list envelope of paginated endpoints. */
    static final ResponseShape LIST = new ResponseShape("list", true);
    /**
     * {@code GET /v1/pages/{id}/properties/{property_id}}: a list of property items for paginated property types, a
     * single {@code property_item} for the others.
     */
    static final ResponseShape PROPERTY_ITEM = new ResponseShape("property_item", true);

    private final String object;
    private final boolean orList;

    private ResponseShape(String object, boolean orList) {
        this.object = object;
        this.orList = orList;
    }

    /**
     * An object endpoint: {@code object} must be {@code type} and the object must carry an {@code id}.
     *
     * @param type for instance {@code page}, {@code database}, {@code data_source}, {@code block}, {@code user}
     */
    static ResponseShape object(String type) {
        return new ResponseShape(type, false);
    }

    /**
     * Checks an answer.
     *
     * @param body the parsed body
     * @return what is wrong with it, or {@code null} when it has the expected shape
     */
    String violation(JsonNode body) {
        if (body == null || !body.isObject()) {
            String kind = body == null ? "missing" : body.getNodeType().name().toLowerCase(Locale.ROOT);
            return "the body is " + kind + ", not a JSON object";
        }
        String actual = body.path("object").asText("");
        if (orList && "list".equals(actual)) {
            return listViolation(body);
        }
        if (this == LIST) {
            return "object is \"" + actual + "\", expected \"list\"";
        }
        if (!object.equals(actual)) {
            return "object is \"" + actual + "\", expected \"" + object + "\"";
        }
        JsonNode id = body.path("id");
        if (!id.isTextual() || id.asText().isBlank()) {
            return "the " + object + " has no id";
        }
        return null;
    }

    private static String listViolation(JsonNode body) {
        JsonNode results = body.path("results");
        if (!results.isArray()) {
            return "the list has no results array";
        }
        for (JsonNode result : results) {
            if (!result.isObject()) {
                return "the list holds a result that is not an object";
            }
        }
        JsonNode hasMore = body.path("has_more");
        if (!hasMore.isBoolean()) {
            return "the list has no boolean has_more";
        }
        JsonNode next = body.path("next_cursor");
        if (hasMore.booleanValue() && (!next.isTextual() || next.asText().isEmpty())) {
            return "the list has more results but no next_cursor";
        }
        return null;
    }

    @Override
    public String toString() {
        return this == LIST ? "list" : orList ? object + " or list" : object;
    }
}
