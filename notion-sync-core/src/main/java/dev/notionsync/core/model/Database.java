package dev.notionsync.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Notion database: the container of one or more data sources (API version 2025-09-03 and later).
 *
 * @param json the raw database object
 * @since 0.1
 */
public record Database(ObjectNode json) implements NotionObject {

    /**
     * Creates a database.
     *
     * @param json the raw database object
     * @throws NullPointerException if {@code json} is {@code null}
     */
    public Database {
        Objects.requireNonNull(json, "json");
    }

    /**
     * Returns the plain-text title.
     *
     * @return the title, or the empty string
     */
    public String title() {
        return RichText.plainText(json.get("title"));
    }

    /**
     * Returns the ids of the database's data sources, in the order Notion lists them.
     *
     * @return the data source ids
     */
    public List<String> dataSourceIds() {
        List<String> ids = new ArrayList<>();
        for (JsonNode source : json.path("data_sources")) {
            ids.add(source.path("id").asText());
        }
        return List.copyOf(ids);
    }

    /**
     * Returns the id of the page or block the database sits in; empty at workspace level.
     *
     * @return the parent id
     */
    public Optional<String> parentId() {
        return Nodes.parentId(json.path("parent"));
    }

    /**
     * Returns whether the database is shown inline in its parent page.
     *
     * @return {@code is_inline}
     */
    public boolean isInline() {
        return json.path("is_inline").asBoolean(false);
    }
}
