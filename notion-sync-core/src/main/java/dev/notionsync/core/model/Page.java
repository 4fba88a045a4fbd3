package dev.notionsync.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Notion page, including a database row (a page whose parent is a data source).
 *
 * @param json the raw page object
 * @since 0.1
 */
public record Page(ObjectNode json) implements NotionObject {

    /** The first API version whose list answers carry only the title property. */
    private static final String TITLE_ONLY_LISTINGS = "2026-12-01";

    /**
     * Creates a page.
     *
     * @param json the raw page object
     * @throws NullPointerException if {@code json} is {@code null}
     */
    public Page {
        Objects.requireNonNull(json, "json");
    }

    /**
     * Returns the plain text of the page's title property, or the empty string.
     *
     * @return the title
     */
    public String title() {
        for (Map.Entry<String, JsonNode> property : json.path("properties").properties()) {
            if ("title".equals(property.getValue().path("type").asText())) {
                return RichText.plainText(property.getValue().get("title"));
            }
        }
        return "";
    }

    /**
     * Returns the {@code properties} object (name to property value).
     *
     * @return the property values
     */
    public ObjectNode properties() {
        JsonNode properties = json.get("properties");
        return properties instanceof ObjectNode object ? object : json.objectNode();
    }

    /**
     * Returns the {@code parent} object.
     *
     * @return the parent reference
     */
    public JsonNode parent() {
        return json.path("parent");
    }

    /**
     * Returns the id of the parent page, block, database or data source; empty for workspace-level pages.
     *
     * @return the parent id
     */
    public Optional<String> parentId() {
        return Nodes.parentId(parent());
    }

    /**
     * Returns the data source this page is a row of, if it is a database row.
     *
     * @return the data source id
     */
    public Optional<String> dataSourceId() {
        JsonNode id = parent().get("data_source_id");
        return id != null && id.isTextual() ? Optional.of(id.asText()) : Optional.empty();
    }

    /**
     * Returns {@code true} if this page is a row of a database.
     *
     * @return whether the parent is a data source or database
     */
    public boolean isRow() {
        String type = parent().path("type").asText();
        return "data_source_id".equals(type) || "database_id".equals(type);
    }

    /**
     * Returns whether this page, as a list answer (search, or a data-source query that named no properties) gave it,
     * holds all its property values. From Notion-Version 2026-12-01 on, such answers carry only the title property: a
     * page that is not a database row has no other property, so it is complete; a row is not, and its complete
     * version comes from its data source's query with every property named.
     *
     * @param notionVersion the {@code Notion-Version} the page was read with
     * @return whether nothing but truncation can be missing from the page's properties
     */
    public boolean completeInListing(String notionVersion) {
        return !isRow() || !listsTitleOnly(notionVersion);
    }

    /**
     * Returns whether list answers (search, data-source query) of an API version carry only each page's title
     * property unless the request names the properties it wants.
     *
     * @param notionVersion a {@code Notion-Version} value, an ISO date
     * @return {@code true} for 2026-12-01 and later
     */
    public static boolean listsTitleOnly(String notionVersion) {
        return notionVersion.compareTo(TITLE_ONLY_LISTINGS) >= 0;
    }

    /**
     * Returns the page's Notion URL.
     *
     * @return the url, or the empty string
     */
    public String url() {
        return json.path("url").asText("");
    }
}
