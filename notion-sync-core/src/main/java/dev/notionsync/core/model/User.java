package dev.notionsync.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * A Notion user: a person, a bot, or a guest found by id.
 *
 * @param json the raw user object
 * @since 0.1
 */
public record User(ObjectNode json) implements NotionObject {

    /**
     * Creates a user.
     *
     * @param json the raw user object
     * @throws NullPointerException if {@code json} is {@code null}
     */
    public User {
        Objects.requireNonNull(json, "json");
    }

    /**
     * Returns the display name, or the empty string for a partial user.
     *
     * @return the name
     */
    public String name() {
        return json.path("name").asText("");
    }

    /**
     * Returns {@code person} or {@code bot}.
     *
     * @return the user type
     */
    public String type() {
        return json.path("type").asText("");
    }
}
