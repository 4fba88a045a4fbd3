package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The read side of the Views API as Notion serves it: {@code GET /v1/views?database_id=} lists references only, in
 * tab order; {@code GET /v1/views/{id}} gives the view, or the partial {@code {object,id,parent,type}} when its
 * configuration cannot be shown; {@code POST /v1/views/{id}/queries} runs the view's own filter and sorts (no others
 * can be added), caches the row ids and answers the first page; {@code GET /v1/views/{id}/queries/{query_id}} pages
 * on. Like Notion, {@code total_count} is null and results are ids only. Views are authored on databases with
 * {@link StaticBuilder#view}; a database without any lists none. Filters: select, status, checkbox, number and text
 * {@code equals}; sorts: by property value or timestamp.
 */
final class ViewRoutes {

    private final Model model;
    /** Cached query results by query id: the view's row ids in order. */
    private final Map<String, List<String>> queries = new ConcurrentHashMap<>();

    ViewRoutes(Model model) {
        this.model = model;
    }

    ObjectNode list(ApiRequest request) {
        String database = request.queryParam("database_id");
        String source = request.queryParam("data_source_id");
        if ((database == null || database.isBlank()) && (source == null || source.isBlank())) {
            throw ApiError.validation("body failed validation: one of database_id or data_source_id should be defined.");
        }
        List<String> ids = new ArrayList<>();
        if (database != null && !database.isBlank()) {
            ObjectNode db = model.database(database).orElseThrow(() -> ApiError.notFound("database", database));
            db.path("$views").forEach(view -> ids.add(view.get("id").asText()));
        } else {
            allViews().filter(view -> source.equals(view.path("data_source_id").asText()))
                    .forEach(view -> ids.add(view.get("id").asText()));
        }
        return NotionApi.paged(request, "view", ids, id -> Optional.of(Json.obj().put("object", "view").put("id", id)));
    }

    ObjectNode view(String id) {
        ObjectNode view = find(id);
        if (view.has("$partial")) {
            ObjectNode partial = Json.obj().put("object", "view").put("id", view.get("id").asText());
            partial.set("parent", view.get("parent"));
            partial.put("type", view.get("type").asText());
            return partial;
        }
        ObjectNode copy = view.deepCopy();
        copy.remove("$partial");
        return copy;
    }

    ObjectNode createQuery(ApiRequest request) {
        ObjectNode view = find(request.param(0));
        List<String> rows = rows(view);
        String queryId = Ids.normalize(java.util.UUID.nameUUIDFromBytes((view.get("id").asText() + queries.size())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
        queries.put(queryId, List.copyOf(rows));
        ObjectNode page = NotionApi.paged(request, "page", rows,
                id -> Optional.of(Json.obj().put("object", "page").put("id", id)));
        page.put("object", "view_query").put("id", queryId).put("view_id", view.get("id").asText());
        page.putNull("total_count");
        page.put("expires_at", Json.iso(System.currentTimeMillis() / 60_000 + 15));
        return page;
    }

    ObjectNode readQuery(ApiRequest request) {
        List<String> rows = queries.get(Ids.normalize(request.param(1)));
        if (rows == null) {
            // expired (or never made): Notion answers 404 and the cursor is worthless
            throw ApiError.notFound("view_query", request.param(1));
        }
        return NotionApi.paged(request, "page", rows, id -> Optional.of(Json.obj().put("object", "page").put("id", id)));
    }

    /** The rows a view shows, in its order: its data source's, through its filter and sorts. */
    List<String> rows(ObjectNode view) {
        String source = view.path("data_source_id").asText("");
        List<String> rows = new ArrayList<>(model.rows(source, false));
        JsonNode filter = view.get("filter");
        if (filter != null && !filter.isNull()) {
            rows.removeIf(filter(filter).negate());
        }
        JsonNode sorts = view.get("sorts");
        if (sorts != null && sorts.isArray() && !sorts.isEmpty()) {
            rows.sort(comparator(sorts));
        }
        return rows;
    }

    /** Drops every cached query, as 15 minutes do. */
    void expireQueries() {
        queries.clear();
    }

    private ObjectNode find(String raw) {
        String id = Ids.normalize(raw);
        return allViews().filter(view -> view.get("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> ApiError.notFound("view", raw));
    }

    private Stream<ObjectNode> allViews() {
        return Stream.of(model.statics, model.added).flatMap(StaticStore::databaseIds)
                .map(model::database).flatMap(Optional::stream)
                .flatMap(db -> {
                    List<ObjectNode> views = new ArrayList<>();
                    db.path("$views").forEach(view -> views.add((ObjectNode) view));
                    return views.stream();
                });
    }

    private Predicate<String> filter(JsonNode filter) {
        if (filter.has("and") || filter.has("or")) {
            boolean and = filter.has("and");
            List<Predicate<String>> parts = new ArrayList<>();
            filter.get(and ? "and" : "or").forEach(part -> parts.add(filter(part)));
            return row -> and ? parts.stream().allMatch(p -> p.test(row)) : parts.stream().anyMatch(p -> p.test(row));
        }
        String property = filter.path("property").asText();
        for (String type : List.of("select", "status", "checkbox", "number", "rich_text", "title")) {
            JsonNode condition = filter.get(type);
            if (condition != null && condition.has("equals")) {
                String expected = condition.get("equals").asText();
                return row -> expected.equals(value(row, property));
            }
            if (condition != null && condition.has("does_not_equal")) {
                String excluded = condition.get("does_not_equal").asText();
                return row -> !excluded.equals(value(row, property));
            }
        }
        throw ApiError.validation("the fake Notion server cannot run the view filter " + filter + ".");
    }

    private Comparator<String> comparator(JsonNode sorts) {
        Comparator<String> order = null;
        for (JsonNode sort : sorts) {
            String property = sort.path("property").asText(sort.path("timestamp").asText());
            Comparator<String> next = Comparator.comparing(row -> value(row, property), ViewRoutes::compareValues);
            if ("descending".equals(sort.path("direction").asText())) {
                next = next.reversed();
            }
            order = order == null ? next : order.thenComparing(next);
        }
        return order;
    }

    private static int compareValues(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException notNumbers) {
            return a.compareTo(b);
        }
    }

    /** A row's property (by name or id) or timestamp as comparable text. */
    private String value(String row, String property) {
        ObjectNode page = model.page(row).orElse(Json.obj());
        if ("created_time".equals(property) || "last_edited_time".equals(property)) {
            return page.path(property).asText("");
        }
        for (Map.Entry<String, JsonNode> entry : page.path("properties").properties()) {
            JsonNode value = entry.getValue();
            if (entry.getKey().equals(property) || value.path("id").asText().equals(property)) {
                String type = value.path("type").asText();
                JsonNode content = value.get(type);
                return switch (type) {
                    case "select", "status" -> content == null ? "" : content.path("name").asText("");
                    case "title", "rich_text" -> Rt.plainText(content);
                    case "date" -> content == null ? "" : content.path("start").asText("");
                    default -> content == null || content.isNull() ? "" : content.asText("");
                };
            }
        }
        return "";
    }

    /** Views authored for a database, in tab order: the array in its internal form. */
    static ArrayNode views(ObjectNode database) {
        return database.has("$views") ? (ArrayNode) database.get("$views") : database.putArray("$views");
    }
}
