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
     * Returns what to show for this user: the name, else (Notion-Version 2026-12-01 may answer a person's name as
     * null) the person's email, else {@code Unknown user (<id>)}. Never blank, never {@code "null"}.
     *
     * @return the display name
     */
    public String displayName() {
        if (!name().isBlank()) {
            return name();
        }
        String email = json.path("person").path("email").asText("");
        return email.isBlank() ? unknown(id()) : email;
    }

    /**
     * Returns what to show for a user known by id only.
     *
     * @param id the user's id
     * @return {@code Unknown user (<id>)}, or {@code Unknown user} without an id
     */
    public static String unknown(String id) {
        return id == null || id.isBlank() ? "Unknown user" : "Unknown user (" + id + ")";
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
