package dev.notionsync.core;

import com.fasterxml.jackson.databind.JsonNode;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.HashSet;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads every row of a data source past Notion's 10,000-results-per-query cap: rows come sorted by
 * {@code created_time}; when a query answers {@code request_status: incomplete}, a new query continues from the
 * last {@code created_time} seen (on or after, since times are rounded to the minute), and rows already emitted in
 * that boundary minute are dropped.
 */
final class QueryWindows {

    private final String endpoint;
    private final DataSourceQuery query;
    private final BiFunction<String, String, Mono<JsonNode>> fetch;

    private QueryWindows(String endpoint, DataSourceQuery query, BiFunction<String, String, Mono<JsonNode>> fetch) {
        this.endpoint = endpoint;
        this.query = query;
        this.fetch = fetch;
    }

    /**
     * @param endpoint the endpoint template, for failures
     * @param query the query
     * @param fetch (window start or null, cursor or null) to one list page
     */
    static Flux<JsonNode> rows(String endpoint, DataSourceQuery query,
            BiFunction<String, String, Mono<JsonNode>> fetch) {
        return new QueryWindows(endpoint, query, fetch).window(null, Set.of());
    }

    private Flux<JsonNode> window(String from, Set<String> alreadyEmitted) {
        return Flux.defer(() -> {
            Tracker tracker = new Tracker(from, alreadyEmitted);
            Flux<JsonNode> pages = Pagination.pages(endpoint, cursor -> fetch.apply(from, cursor))
                    .doOnNext(tracker::onPage);
            return Pagination.results(pages)
                    .filter(tracker::isNew)
                    .concatWith(Flux.defer(() -> next(from, tracker)));
        });
    }

    private Flux<JsonNode> next(String from, Tracker tracker) {
        if (!tracker.capped) {
            return Flux.empty();
        }
        if (!query.windowable()) {
            return Flux.error(new IllegalStateException("the query reached Notion's 10,000-result cap; "
                    + "queries with explicit sorts cannot be continued, remove the sorts to read every row"));
        }
        if (tracker.lastCreated == null || tracker.lastCreated.equals(from) && tracker.emitted == 0) {
            return Flux.error(new IllegalStateException("more than 10,000 rows share the created_time minute "
                    + from + "; Notion's query API cannot page past them"));
        }
        return window(tracker.lastCreated, tracker.boundary);
    }

    /** Per-window state; lives inside one subscription. */
    private static final class Tracker {
        private final Set<String> skip;
        private final Set<String> boundary = new HashSet<>();
        private String lastCreated;
        private boolean capped;
        private long emitted;

        Tracker(String from, Set<String> skip) {
            this.skip = skip;
            // rows of the previous window in the boundary minute stay skipped if this window ends in that minute too
            this.lastCreated = from;
            this.boundary.addAll(skip);
        }

        void onPage(JsonNode page) {
            // has_more=false is no proof of the end: a capped query says so only in request_status
            capped = "incomplete".equals(page.path("request_status").path("type").asText());
        }

        boolean isNew(JsonNode row) {
            String id = row.path("id").asText();
            if (skip.contains(id)) {
                return false;
            }
            String created = row.path("created_time").asText(null);
            if (created != null && !created.equals(lastCreated)) {
                lastCreated = created;
                boundary.clear();
            }
            boundary.add(id);
            emitted++;
            return true;
        }
    }
}
