package dev.notionsync.core;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.Optional;

/**
 * What to ask {@code POST /v1/search} for. Immutable; the {@code with*} methods return copies.
 *
 * <p>Search finds things by title and is not guaranteed to list everything a token can see; an export walks the
 * workspace from the search results as well.
 *
 * @param text the title text to look for; empty for everything
 * @param objectType {@code page}, {@code data_source}, or empty for both
 * @param newestFirst sort by {@code last_edited_time} descending instead of relevance
 * @since 0.1
 */
public record SearchQuery(String text, Optional<String> objectType, boolean newestFirst) {

    /**
     * Creates a query.
     *
     * @param text the title text, never {@code null}
     * @param objectType the object type filter
     * @param newestFirst the sort
     */
    public SearchQuery {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(objectType, "objectType");
        objectType.ifPresent(type -> {
            if (!type.equals("page") && !type.equals("data_source")) {
                throw new IllegalArgumentException("objectType must be page or data_source: " + type);
            }
        });
    }

    /**
     * Everything the token can find: pages and data sources.
     *
     * @return the query
     */
    public static SearchQuery all() {
        return new SearchQuery("", Optional.empty(), false);
    }

    /**
     * Pages only.
     *
     * @return the query
     */
    public static SearchQuery pages() {
        return new SearchQuery("", Optional.of("page"), false);
    }

    /**
     * Data sources only.
     *
     * @return the query
     */
    public static SearchQuery dataSources() {
        return new SearchQuery("", Optional.of("data_source"), false);
    }

    /**
     * Returns a copy that looks for this title text.
     *
     * @param newText the text
     * @return the copy
     */
    public SearchQuery withText(String newText) {
        return new SearchQuery(newText, objectType, newestFirst);
    }

    /**
     * Returns a copy sorted by {@code last_edited_time}, newest first.
     *
     * @return the copy
     */
    public SearchQuery sortedNewestFirst() {
        return new SearchQuery(text, objectType, true);
    }

    ObjectNode toBody() {
        ObjectNode body = Json.object();
        if (!text.isEmpty()) {
            body.put("query", text);
        }
        objectType.ifPresent(type -> body.putObject("filter").put("property", "object").put("value", type));
        if (newestFirst) {
            body.putObject("sort").put("timestamp", "last_edited_time").put("direction", "descending");
        }
        body.put("page_size", 100);
        return body;
    }
}
