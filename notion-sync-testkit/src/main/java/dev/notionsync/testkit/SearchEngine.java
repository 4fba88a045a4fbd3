package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /v1/search}. Like Notion's search for an integration it lists every page shared with it, however deep,
 * and every data source, but not database rows (unless {@link Workspace#searchListsRows}). Scenarios make it
 * incomplete as the real index can be: {@link Workspace#searchMissesDeepPages} lists only top-level pages and their
 * direct children, {@link Workspace#searchLags} leaves out pages edited since, {@link Workspace#hideFromSearch} one
 * object.
 */
final class SearchEngine {

    private SearchEngine() {
    }

    static ObjectNode search(Model model, Renderer renderer, ApiRequest request) {
        JsonNode body = request.body();
        JsonNode filter = body.path("filter");
        String object = filter.path("value").isMissingNode() ? null : filter.path("value").asText();
        if (object != null && !"object".equals(filter.path("property").asText("object"))) {
            throw ApiError.validation("body failed validation: body.filter.property should be `\"object\"`.");
        }
        if (object != null && !object.equals("page") && !object.equals("data_source")) {
            throw ApiError.validation("body failed validation: body.filter.value should be `\"page\"` or "
                    + "`\"data_source\"`, instead was `\"" + object + "\"`.");
        }
        boolean trash = filter.path("in_trash").asBoolean(false);
        String query = body.path("query").asText("").trim().toLowerCase(Locale.ROOT);
        List<String> candidates = new ArrayList<>();
        model.searchable().forEach(id -> {
            Source.Kind kind = model.kind(id);
            Source.Kind wantedKind = "page".equals(object) ? Source.Kind.PAGE : Source.Kind.DATA_SOURCE;
            boolean wanted = object == null || kind == wantedKind;
            if (wanted && model.overlay.trashed.contains(id) == trash
                    && (query.isEmpty() || model.title(id).orElse("").toLowerCase(Locale.ROOT).contains(query))) {
                candidates.add(id);
            }
        });
        JsonNode sort = body.get("sort");
        if (sort != null && sort.has("timestamp")) {
            if (!"last_edited_time".equals(sort.get("timestamp").asText())) {
                throw ApiError.validation("body failed validation: body.sort.timestamp should be `\"last_edited_time\"`.");
            }
            Comparator<String> byTime = Comparator.comparingLong(model::lastEditedMinute);
            candidates.sort("ascending".equals(sort.path("direction").asText()) ? byTime : byTime.reversed());
        }
        return NotionApi.paged(request, "page_or_data_source", candidates, id -> render(model, renderer, id));
    }

    private static Optional<ObjectNode> render(Model model, Renderer renderer, String id) {
        if (model.kind(id) == Source.Kind.PAGE) {
            // search takes no filter_properties (none is documented): under 2026-12-01 pages carry only the title
            return model.page(id).map(page -> renderer.listed(page, List.of()));
        }
        return model.dataSource(id).map(renderer::object);
    }
}
