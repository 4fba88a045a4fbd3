package dev.notionsync.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fewest API requests a complete export of a workspace needs, as the fake server counts them from the
 * workspace's shape ({@code GET /_admin/minimum}; the rule is in this module's README).
 *
 * @param total all requests, page comments included
 * @param totalWithoutComments all requests but the page-comment calls
 * @param byKind requests by kind: search, users, pages, blockChildren, databases, dataSources, queries,
 *     propertyItems, comments
 * @param pages regular pages (not rows)
 * @param rows database rows
 * @param databases databases that can be read (linked databases excluded)
 * @param blocks blocks an export should hold, synced-block copies expanded
 */
public record Minimum(long total, long totalWithoutComments, Map<String, Long> byKind, long pages, long rows,
        long databases, long blocks) {

    /**
     * Copies the map, keeping its order.
     */
    public Minimum {
        byKind = Collections.unmodifiableMap(new LinkedHashMap<>(byKind));
    }

    static Minimum from(JsonNode json) {
        Map<String, Long> byKind = new LinkedHashMap<>();
        json.path("requests").properties().forEach(entry -> byKind.put(entry.getKey(), entry.getValue().asLong()));
        JsonNode shape = json.path("shape");
        return new Minimum(json.path("total").asLong(), json.path("totalWithoutComments").asLong(), byKind,
                shape.path("pages").asLong(), shape.path("rows").asLong(), shape.path("databases").asLong(),
                shape.path("blocks").asLong());
    }

    /** @return pages and rows: what {@code Summary.pages()} counts */
    public long allPages() {
        return pages + rows;
    }

    /** @return pages, rows and databases: the objects an export goes through */
    public long objects() {
        return pages + rows + databases;
    }

    /** @return the minimum per exported object (pages, rows and databases), the denominator of requests per page */
    public double perPage() {
        long objects = pages + rows + databases;
        return objects == 0 ? 0 : (double) total / objects;
    }
}
