package dev.notionsync.core;

import java.util.List;
import java.util.Objects;

/**
 * One page of the rows a view shows ({@code POST /v1/views/{id}/queries}, then
 * {@code GET /v1/views/{id}/queries/{query_id}}), in the view's own order.
 *
 * @param queryId the query (Notion's cache of the view's rows, kept 15 minutes)
 * @param rowIds the row page ids on this page, in view order
 * @param incomplete whether Notion said {@code request_status: incomplete}: the view holds more rows than the
 *     10,000 its query caches, so the rows end early
 * @since 0.9
 */
public record ViewQueryPage(String queryId, List<String> rowIds, boolean incomplete) {

    /**
     * Creates a page.
     *
     * @param queryId the query id
     * @param rowIds the row ids
     * @param incomplete whether the query was cut at Notion's cache limit
     */
    public ViewQueryPage {
        Objects.requireNonNull(queryId, "queryId");
        rowIds = List.copyOf(rowIds);
    }
}
