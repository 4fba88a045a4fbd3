package dev.notionsync.core.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Optional;

/** Small JSON accessors shared by the model records. */
final class Nodes {

    private Nodes() {
    }

    static Optional<Instant> instant(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            return Optional.empty();
        }
        return Optional.ofNullable(Timestamps.parse(value.asText()));
    }

    /** The id a {@code parent} object points at, whatever its type. */
    static Optional<String> parentId(JsonNode parent) {
        String type = parent.path("type").asText("");
        if (type.isEmpty() || "workspace".equals(type)) {
            return Optional.empty();
        }
        JsonNode id = parent.get(type);
        return id != null && id.isTextual() ? Optional.of(id.asText()) : Optional.empty();
    }
}
