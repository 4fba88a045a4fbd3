package dev.notionsync.core;

import com.fasterxml.jackson.databind.JsonNode;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The paging of a view query. Notion runs the view's filter and sorts once, caches the rows for 15 minutes and
 * hands out pages of that cache; once it expires, reading on answers 404 and cursors do not survive. So an expired
 * query is created anew and read from the start, skipping the rows already delivered. {@code total_count} is not
 * trusted (it came back 0 or null): paging follows {@code has_more} and {@code next_cursor} only.
 */
final class ViewQueries {

    /** How many times one read re-creates an expired query before giving up. */
    static final int RESTARTS = 3;

    private ViewQueries() {
    }

    /**
     * @param endpoint the endpoint template, for cursor loops
     * @param create creates the query ({@code POST}), which answers with its first page
     * @param next reads a later page (query id, cursor)
     */
    static Flux<ViewQueryPage> pages(String endpoint, Supplier<Mono<JsonNode>> create,
            BiFunction<String, String, Mono<JsonNode>> next) {
        return Flux.defer(() -> attempt(endpoint, create, next, new AtomicLong(), 0));
    }

    private static Flux<ViewQueryPage> attempt(String endpoint, Supplier<Mono<JsonNode>> create,
            BiFunction<String, String, Mono<JsonNode>> next, AtomicLong delivered, int restarts) {
        AtomicReference<String> queryId = new AtomicReference<>();
        AtomicLong position = new AtomicLong();
        Flux<JsonNode> pages = Pagination.pages(endpoint, cursor -> cursor == null
                ? create.get().doOnNext(first -> queryId.set(first.path("id").asText("")))
                : next.apply(queryId.get(), cursor));
        AtomicBoolean incomplete = new AtomicBoolean();
        return pages.map(page -> {
            if ("incomplete".equals(page.path("request_status").path("type").asText(""))) {
                incomplete.set(true);
            }
            List<String> ids = new ArrayList<>();
            for (JsonNode result : page.path("results")) {
                // after a restart, the rows read before the cache expired are not handed out twice
                if (position.getAndIncrement() >= delivered.get()) {
                    ids.add(result.path("id").asText());
                    delivered.incrementAndGet();
                }
            }
            return new ViewQueryPage(queryId.get(), ids, incomplete.get());
        }).onErrorResume(error -> queryId.get() != null && restarts < RESTARTS && expired(error),
                error -> attempt(endpoint, create, next, delivered, restarts + 1));
    }

    private static boolean expired(Throwable error) {
        return error instanceof NotionNonTransientException notion && notion.isNotFound();
    }
}
