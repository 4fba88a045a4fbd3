package dev.notionsync.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What to ask {@code POST /v1/data_sources/{id}/query} for. Filter and sorts are Notion's own JSON, passed through.
 * Immutable; the {@code with*} methods return copies.
 *
 * <p>Without explicit sorts, rows come sorted by {@code created_time} ascending, which lets the client read past
 * Notion's cap of 10,000 results per query with {@code created_time} windows. With explicit sorts a query that hits
 * the cap fails instead of silently stopping.
 *
 * @param filter a Notion filter object, if any
 * @param sorts a Notion sorts array, if any
 * @param inTrash include trashed rows
 * @since 0.1
 */
public record DataSourceQuery(Optional<JsonNode> filter, Optional<JsonNode> sorts, boolean inTrash) {

    /**
     * Creates a query.
     *
     * @param filter the filter
     * @param sorts the sorts
     * @param inTrash include trashed rows
     */
    public DataSourceQuery {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(sorts, "sorts");
        sorts.ifPresent(array -> {
            if (!array.isArray()) {
                throw new IllegalArgumentException("sorts must be a JSON array");
            }
        });
    }

    /**
     * Every row, oldest first.
     *
     * @return the query
     */
    public static DataSourceQuery all() {
        return new DataSourceQuery(Optional.empty(), Optional.empty(), false);
    }

    /**
     * Rows edited at or after a moment (Notion compares at minute precision).
     *
     * @param since the moment
     * @return the query
     */
    public static DataSourceQuery editedSince(Instant since) {
        ObjectNode filter = JsonNodeFactory.instance.objectNode();
        filter.put("timestamp", "last_edited_time").putObject("last_edited_time").put("on_or_after", since.toString());
        return all().withFilter(filter);
    }

    /**
     * Returns a copy with this filter.
     *
     * @param newFilter a Notion filter object
     * @return the copy
     */
    public DataSourceQuery withFilter(JsonNode newFilter) {
        return new DataSourceQuery(Optional.of(newFilter), sorts, inTrash);
    }

    /**
     * Returns a copy with these sorts.
     *
     * @param newSorts a Notion sorts array
     * @return the copy
     */
    public DataSourceQuery withSorts(JsonNode newSorts) {
        return new DataSourceQuery(filter, Optional.of(newSorts), inTrash);
    }

    /**
     * Returns a copy that includes or excludes trashed rows.
     *
     * @param include whether to include them
     * @return the copy
     */
    public DataSourceQuery withInTrash(boolean include) {
        return new DataSourceQuery(filter, sorts, include);
    }

    /** Whether the client may continue past the 10,000-row cap with created_time windows. */
    boolean windowable() {
        return sorts.isEmpty();
    }

    /** The request body for one window: rows created at or after {@code from} (all rows when {@code null}). */
    ObjectNode toBody(String from) {
        ObjectNode body = Json.object();
        JsonNode window = null;
        if (from != null) {
            ObjectNode time = Json.object();
            time.put("timestamp", "created_time").putObject("created_time").put("on_or_after", from);
            window = time;
        }
        if (filter.isPresent() && window != null) {
            ArrayNode and = body.putObject("filter").putArray("and");
            JsonNode user = filter.get();
            if (user.has("and") && user.get("and").isArray()) {
                // keep the nesting at the two levels Notion allows
                and.addAll((ArrayNode) user.get("and"));
            } else {
                and.add(user);
            }
            and.add(window);
        } else if (filter.isPresent()) {
            body.set("filter", filter.get());
        } else if (window != null) {
            body.set("filter", window);
        }
        if (sorts.isPresent()) {
            body.set("sorts", sorts.get());
        } else {
            body.putArray("sorts").addObject().put("timestamp", "created_time").put("direction", "ascending");
        }
        if (inTrash) {
            body.put("in_trash", true);
        }
        body.put("page_size", 100);
        return body;
    }
}
