package dev.notionsync.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A view of a database ({@code GET /v1/views/{id}}): one tab as its users see it, with its type (table, board,
 * calendar, list, gallery, timeline, ...), filter, sorts and visible properties. Notion answers with a partial
 * view ({@code object}, {@code id}, {@code parent}, {@code type} only) when it cannot show the configuration.
 *
 * @param json the raw view object
 * @since 0.9
 */
public record View(ObjectNode json) implements NotionObject {

    /** The first Notion-Version whose databases have data sources, which views are queried through. */
    private static final String FIRST_VERSION = "2025-09-03";

    /**
     * Creates a view.
     *
     * @param json the raw view object
     * @throws NullPointerException if {@code json} is {@code null}
     */
    public View {
        Objects.requireNonNull(json, "json");
    }

    /**
     * Returns the view's name.
     *
     * @return the name, or the empty string
     */
    public String name() {
        return json.path("name").asText("");
    }

    /**
     * Returns the view's layout: {@code table}, {@code board}, {@code calendar}, {@code list}, {@code gallery},
     * {@code timeline}, {@code form}, {@code chart}, {@code map} or {@code dashboard}.
     *
     * @return the type, or the empty string
     */
    public String type() {
        return json.path("type").asText("");
    }

    /**
     * Returns the data source the view shows. For a linked view, that is the source elsewhere in the workspace.
     *
     * @return the data source id; empty for dashboards and partial views
     */
    public Optional<String> dataSourceId() {
        JsonNode id = json.get("data_source_id");
        return id != null && id.isTextual() && !id.asText().isBlank() ? Optional.of(id.asText()) : Optional.empty();
    }

    /**
     * Returns the database the view is a tab of ({@code parent.database_id}).
     *
     * @return the database (or linked-database block) id
     */
    public Optional<String> databaseId() {
        return Nodes.parentId(json.path("parent"));
    }

    /**
     * Returns whether Notion sent only the view's reference ({@code object}, {@code id}, {@code parent}, {@code type})
     * because it cannot show its configuration.
     *
     * @return {@code true} for a partial view
     */
    public boolean isPartial() {
        return !json.has("name") && !json.has("configuration");
    }

    /**
     * Returns the view's configuration, keyed on its type.
     *
     * @return the configuration, or an empty object
     */
    public ObjectNode configuration() {
        JsonNode configuration = json.get("configuration");
        return configuration instanceof ObjectNode object ? object : json.objectNode();
    }

    /**
     * Returns the ids of the properties the view shows, in the view's column order: the entries of
     * {@code configuration.properties} not marked {@code visible: false}. Empty when the view does not say, which
     * means every property in schema order.
     *
     * @return property ids, as Notion spells them
     */
    public List<String> visiblePropertyIds() {
        List<String> ids = new ArrayList<>();
        for (JsonNode property : configuration().path("properties")) {
            if (property.path("visible").asBoolean(true) && property.hasNonNull("property_id")) {
                ids.add(property.get("property_id").asText());
            }
        }
        return ids;
    }

    /**
     * Returns the property the view groups by ({@code configuration.group_by.property_id}): a board's columns.
     *
     * @return the property id, if the view groups
     */
    public Optional<String> groupByPropertyId() {
        JsonNode id = configuration().path("group_by").get("property_id");
        return id != null && id.isTextual() ? Optional.of(id.asText()) : Optional.empty();
    }

    /**
     * Returns the date property a calendar or timeline places rows by.
     *
     * @return the property id, if the view has one
     */
    public Optional<String> datePropertyId() {
        JsonNode id = configuration().get("date_property_id");
        return id != null && id.isTextual() ? Optional.of(id.asText()) : Optional.empty();
    }

    /**
     * Returns whether views can be read with an API version: the Views API needs data sources (2025-09-03 on).
     *
     * @param notionVersion a {@code Notion-Version} value, an ISO date
     * @return {@code true} for 2025-09-03 and later
     */
    public static boolean readableWith(String notionVersion) {
        return notionVersion.compareTo(FIRST_VERSION) >= 0;
    }
}
