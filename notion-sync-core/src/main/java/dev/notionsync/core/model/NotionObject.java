package dev.notionsync.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Optional;

/**
 * An object returned by the Notion API. Every implementation keeps the raw JSON it was read from, so fields this
 * library does not model (new block types, new property types) pass through an export unchanged.
 *
 * @since 0.1
 */
public sealed interface NotionObject permits Page, Database, DataSource, Block, User, Comment, View {

    /**
     * Reads an object of a list answer (search, a query, children, users, comments) by its {@code object} field.
     *
     * @param json one element of {@code results}
     * @return the object, or {@code null} when it is not an object or of a kind this library does not model
     */
    static NotionObject of(JsonNode json) {
        if (!(json instanceof ObjectNode object)) {
            return null;
        }
        return switch (object.path("object").asText()) {
            case "page" -> new Page(object);
            case "data_source" -> new DataSource(object);
            case "database" -> new Database(object);
            case "block" -> new Block(object, 0);
            case "user" -> new User(object);
            case "comment" -> new Comment(object);
            default -> null;
        };
    }

    /**
     * Returns the raw JSON object as Notion returned it (with truncated property values completed, for pages).
     *
     * @return the raw JSON, never {@code null}
     */
    ObjectNode json();

    /**
     * Returns the object's id in Notion's dashed UUID form.
     *
     * @return the id
     */
    default String id() {
        return json().path("id").asText();
    }

    /**
     * Returns the value of the {@code object} field, for instance {@code page} or {@code data_source}.
     *
     * @return the object kind
     */
    default String object() {
        return json().path("object").asText();
    }

    /**
     * Returns {@code last_edited_time}, if the object has one.
     *
     * @return the last edit time, rounded to the minute by Notion
     */
    default Optional<Instant> lastEditedTime() {
        return Nodes.instant(json(), "last_edited_time");
    }

    /**
     * Returns whether the object is in the trash. Reads {@code in_trash} (API version 2026-03-11) and the
     * deprecated {@code archived} (2025-09-03 and earlier).
     *
     * @return {@code true} if trashed
     */
    default boolean inTrash() {
        return json().path("in_trash").asBoolean(false) || json().path("archived").asBoolean(false);
    }
}
