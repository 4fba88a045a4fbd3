package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * {@code POST /v1/data_sources/{id}/query}: timestamp filters (alone or in and/or groups), timestamp sorts,
 * {@code in_trash}, and the per-query result cap that ends a query with {@code request_status: incomplete}.
 */
final class QueryEngine {

    private QueryEngine() {
    }

    static ObjectNode query(Model model, Renderer renderer, ApiRequest request, int limit) {
        String id = request.param(0);
        if (model.kind(id) != Source.Kind.DATA_SOURCE) {
            throw ApiError.notFound("data_source", id);
        }
        JsonNode body = request.body();
        List<String> rows = model.rows(Ids.normalize(id), body.path("in_trash").asBoolean(false));
        JsonNode filter = body.get("filter");
        if (filter != null && !filter.isNull()) {
            Predicate<String> predicate = predicate(model, filter, 0);
            List<String> matching = new ArrayList<>();
            for (String row : rows) {
                if (predicate.test(row)) {
                    matching.add(row);
                }
            }
            rows = matching;
        }
        JsonNode sorts = body.get("sorts");
        if (sorts != null && sorts.isArray() && !sorts.isEmpty()) {
            List<String> sorted = new ArrayList<>(rows);
            sorted.sort(comparator(model, sorts));
            rows = sorted;
        }
        int offset = Paging.offset(request.bodyText("start_cursor"));
        int end = Math.min(Math.min(rows.size(), limit), offset + Paging.pageSize(request.bodyText("page_size")));
        ArrayNode results = Json.arr();
        for (int i = offset; i < end; i++) {
            model.page(rows.get(i)).map(page -> renderer.listed(page, request.queryParams("filter_properties")))
                    .ifPresent(results::add);
        }
        boolean capped = end >= limit && rows.size() > limit;
        boolean more = end < rows.size() && !capped;
        ObjectNode list = Paging.list("page_or_data_source", results, more ? Paging.cursor(end) : null,
                request.requestId());
        if (capped) {
            list.remove("request_id");
            list.putObject("request_status").put("type", "incomplete")
                    .put("incomplete_reason", "query_result_limit_reached");
            list.put("request_id", request.requestId());
        }
        return list;
    }

    private static Predicate<String> predicate(Model model, JsonNode filter, int depth) {
        if (filter.has("and") || filter.has("or")) {
            if (depth >= 2) {
                throw ApiError.validation("body failed validation: filter groups may nest at most two levels.");
            }
            boolean and = filter.has("and");
            List<Predicate<String>> parts = new ArrayList<>();
            for (JsonNode part : filter.get(and ? "and" : "or")) {
                parts.add(predicate(model, part, depth + 1));
            }
            return row -> and ? parts.stream().allMatch(p -> p.test(row)) : parts.stream().anyMatch(p -> p.test(row));
        }
        String field = filter.has("timestamp") ? filter.get("timestamp").asText()
                : filter.has("created_time") ? "created_time" : filter.has("last_edited_time") ? "last_edited_time" : null;
        if (field == null || !filter.has(field)) {
            throw ApiError.validation("body failed validation: the fake Notion server supports only created_time and "
                    + "last_edited_time filters (alone or in and/or groups), instead was " + filter + ".");
        }
        ToLongFunction<String> time = time(model, field);
        List<Predicate<String>> conditions = new ArrayList<>();
        for (Iterator<String> it = filter.get(field).fieldNames(); it.hasNext();) {
            String operator = it.next();
            conditions.add(condition(time, operator, filter.get(field).get(operator)));
        }
        return row -> conditions.stream().allMatch(c -> c.test(row));
    }

    private static Predicate<String> condition(ToLongFunction<String> minuteOf, String operator, JsonNode value) {
        String text = value.asText();
        boolean dateOnly = text.length() == 10;
        long bound;
        try {
            bound = dateOnly ? LocalDate.parse(text).toEpochDay()
                    : OffsetDateTime.parse(text).toEpochSecond();
        } catch (DateTimeParseException e) {
            throw ApiError.validation("body failed validation: " + operator + " should be an ISO 8601 date, instead was `"
                    + text + "`.");
        }
        ToLongFunction<String> key = dateOnly
                ? row -> Instant.ofEpochSecond(minuteOf.applyAsLong(row) * 60).atOffset(ZoneOffset.UTC).toLocalDate()
                        .toEpochDay()
                : row -> minuteOf.applyAsLong(row) * 60;
        return switch (operator) {
            case "equals" -> row -> key.applyAsLong(row) == bound;
            case "before" -> row -> key.applyAsLong(row) < bound;
            case "after" -> row -> key.applyAsLong(row) > bound;
            case "on_or_before" -> row -> key.applyAsLong(row) <= bound;
            case "on_or_after" -> row -> key.applyAsLong(row) >= bound;
            default -> throw ApiError.validation("body failed validation: unsupported date operator `" + operator + "`.");
        };
    }

    private static ToLongFunction<String> time(Model model, String field) {
        return switch (field) {
            case "created_time" -> model::createdMinute;
            case "last_edited_time" -> model::lastEditedMinute;
            default -> throw ApiError.validation("body failed validation: timestamp should be `created_time` or "
                    + "`last_edited_time`, instead was `" + field + "`.");
        };
    }

    private static Comparator<String> comparator(Model model, JsonNode sorts) {
        Comparator<String> result = null;
        for (JsonNode sort : sorts) {
            String field = sort.has("timestamp") ? sort.get("timestamp").asText() : null;
            if (field == null) {
                throw ApiError.validation("body failed validation: the fake Notion server supports only timestamp sorts, "
                        + "instead was " + sort + ".");
            }
            Comparator<String> next = Comparator.comparingLong(time(model, field));
            if ("descending".equals(sort.path("direction").asText())) {
                next = next.reversed();
            }
            result = result == null ? next : result.thenComparing(next);
        }
        return result;
    }
}
