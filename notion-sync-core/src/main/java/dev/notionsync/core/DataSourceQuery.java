package dev.notionsync.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
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
 * <p>From Notion-Version 2026-12-01 on, query results carry only the title property of each row unless the query
 * names the properties it wants ({@link #withProperties(Collection)}, sent as {@code filter_properties}). A query
 * that names more properties than one request can carry (over {@value #MAX_PROPERTIES_PER_REQUEST} ids, or over
 * {@value #MAX_PROPERTY_QUERY_CHARS} characters of query string) is sent as several queries whose rows the client
 * joins.
 *
 * @param filter a Notion filter object, if any
 * @param sorts a Notion sorts array, if any
 * @param inTrash include trashed rows
 * @param properties the ids of the properties to return, exactly as the schema gives them; empty for the API
 *     version's default (every property before 2026-12-01, only the title from it on)
 * @since 0.1
 */
public record DataSourceQuery(Optional<JsonNode> filter, Optional<JsonNode> sorts, boolean inTrash,
        List<String> properties) {

    /** The most property ids one request names; Notion's own limit is not documented. */
    public static final int MAX_PROPERTIES_PER_REQUEST = 100;
    /** The most characters of {@code filter_properties} parameters one request carries, to keep URLs short. */
    public static final int MAX_PROPERTY_QUERY_CHARS = 6_000;
    private static final String PARAMETER = "filter_properties";

    /**
     * Creates a query.
     *
     * @param filter the filter
     * @param sorts the sorts
     * @param inTrash include trashed rows
     * @param properties the property ids to return; empty for the version's default
     */
    public DataSourceQuery {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(sorts, "sorts");
        properties = List.copyOf(Objects.requireNonNull(properties, "properties"));
        sorts.ifPresent(array -> {
            if (!array.isArray()) {
                throw new IllegalArgumentException("sorts must be a JSON array");
            }
        });
    }

    /**
     * Creates a query that returns the properties the API version returns by default.
     *
     * @param filter the filter
     * @param sorts the sorts
     * @param inTrash include trashed rows
     */
    public DataSourceQuery(Optional<JsonNode> filter, Optional<JsonNode> sorts, boolean inTrash) {
        this(filter, sorts, inTrash, List.of());
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
        return new DataSourceQuery(Optional.of(newFilter), sorts, inTrash, properties);
    }

    /**
     * Returns a copy with these sorts.
     *
     * @param newSorts a Notion sorts array
     * @return the copy
     */
    public DataSourceQuery withSorts(JsonNode newSorts) {
        return new DataSourceQuery(filter, Optional.of(newSorts), inTrash, properties);
    }

    /**
     * Returns a copy that includes or excludes trashed rows.
     *
     * @param include whether to include them
     * @return the copy
     */
    public DataSourceQuery withInTrash(boolean include) {
        return new DataSourceQuery(filter, sorts, include, properties);
    }

    /**
     * Returns a copy that asks for exactly these properties ({@code filter_properties}). An export passes every id of
     * the data source's schema, so that rows are complete under Notion-Version 2026-12-01 too.
     *
     * @param propertyIds property ids exactly as the data source's schema gives them (percent-encoded or not)
     * @return the copy
     */
    public DataSourceQuery withProperties(Collection<String> propertyIds) {
        Objects.requireNonNull(propertyIds, "propertyIds");
        return new DataSourceQuery(filter, sorts, inTrash, new ArrayList<>(new LinkedHashSet<>(propertyIds)));
    }

    /**
     * The {@code filter_properties} values of each request: one empty list when the query names no property, else
     * the ids percent-decoded (the request encodes them once, as Notion's SDK does) and cut into chunks that keep
     * each request's URL short.
     */
    List<List<String>> propertyChunks() {
        List<List<String>> chunks = new ArrayList<>();
        List<String> chunk = new ArrayList<>();
        int chars = 0;
        for (String id : properties) {
            String value = decoded(id);
            int length = PARAMETER.length() + 2 + URLEncoder.encode(value, StandardCharsets.UTF_8).length();
            if (!chunk.isEmpty() && (chunk.size() == MAX_PROPERTIES_PER_REQUEST
                    || chars + length > MAX_PROPERTY_QUERY_CHARS)) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                chars = 0;
            }
            chunk.add(value);
            chars += length;
        }
        chunks.add(chunk);
        return chunks;
    }

    /** The name of the query parameter that lists property ids. */
    static String propertyParameter() {
        return PARAMETER;
    }

    private static String decoded(String id) {
        try {
            // percent escapes only: a literal '+' in an id is no space
            return URLDecoder.decode(id.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return id;
        }
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
