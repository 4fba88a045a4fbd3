package dev.notionsync.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.Optional;

/**
 * A data source: one table of a database, with its schema.
 *
 * @param json the raw data source object
 * @since 0.1
 */
public record DataSource(ObjectNode json) implements NotionObject {

    /**
     * Creates a data source.
     *
     * @param json the raw data source object
     * @throws NullPointerException if {@code json} is {@code null}
     */
    public DataSource {
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
     * Returns the schema: property name to property configuration, in schema order.
     *
     * @return the schema
     */
    public ObjectNode schema() {
        JsonNode properties = json.get("properties");
        return properties instanceof ObjectNode object ? object : json.objectNode();
    }

    /**
     * Returns the id of the database this data source belongs to.
     *
     * @return the database id
     */
    public Optional<String> databaseId() {
        JsonNode parent = json.path("parent");
        JsonNode id = parent.get("database_id");
        return id != null && id.isTextual() ? Optional.of(id.asText()) : Optional.empty();
    }
}
