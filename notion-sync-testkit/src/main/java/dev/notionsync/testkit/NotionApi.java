package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The endpoints: a pure function from (workspace, request) to a reply; errors are thrown as {@link ApiError}. */
final class NotionApi {

    private final Model model;
    private final FileHost files;
    private final int queryResultLimit;
    private final UploadRoutes uploads;
    private final WriteRoutes writes;

    NotionApi(Model model, FileHost files, int queryResultLimit) {
        this.model = model;
        this.files = files;
        this.queryResultLimit = queryResultLimit;
        this.uploads = new UploadRoutes(model);
        this.writes = new WriteRoutes(model, uploads);
    }

    Reply handle(ApiRequest request) {
        Renderer renderer = new Renderer(request.version(), (id, name) -> files.issue(request.baseUrl(), id, name));
        Route route = request.match().route();
        if (route == null) {
            throw new ApiError(400, "invalid_request_url", "Invalid request URL.");
        }
        JsonNode body = switch (route) {
            case USERS_ME -> model.users.me();
            case USERS -> paged(request, "user", model.users.listed(), id -> model.user(id).map(renderer::object));
            case USER -> model.user(request.param(0)).map(renderer::object)
                    .orElseThrow(() -> ApiError.notFound("user", request.param(0)));
            case SEARCH -> SearchEngine.search(model, renderer, request);
            case PAGE -> model.page(request.param(0))
                    .map(page -> renderer.retrieved(page, request.queryParams("filter_properties")))
                    .orElseThrow(() -> ApiError.notFound("page", request.param(0)));
            case PAGE_PROPERTY -> PropertyItems.get(model, renderer, request);
            case BLOCK -> model.block(request.param(0)).map(renderer::object)
                    .orElseThrow(() -> ApiError.notFound("block", request.param(0)));
            case BLOCK_CHILDREN -> children(request, renderer);
            case DATABASE -> database(request.param(0), renderer);
            case DATA_SOURCE -> model.dataSource(request.param(0)).map(renderer::object)
                    .orElseThrow(() -> ApiError.notFound("data_source", request.param(0)));
            case DATA_SOURCE_QUERY -> QueryEngine.query(model, renderer, request, queryResultLimit);
            case COMMENTS -> comments(request, renderer);
            case COMMENT -> model.comment(request.param(0)).map(renderer::object)
                    .orElseThrow(() -> ApiError.notFound("comment", request.param(0)));
            case CREATE_PAGE -> writes.createPage(request, renderer);
            case UPDATE_PAGE -> writes.updatePage(request, renderer);
            case APPEND_CHILDREN -> writes.appendChildren(request, renderer);
            case UPDATE_BLOCK -> writes.updateBlock(request, renderer);
            case CREATE_DATABASE -> writes.createDatabase(request, renderer);
            case UPDATE_DATA_SOURCE -> writes.updateDataSource(request, renderer);
            case CREATE_DATA_SOURCE -> writes.createDataSource(request, renderer);
            case CREATE_COMMENT -> writes.createComment(request, renderer);
            case CREATE_FILE_UPLOAD -> uploads.create(request);
            case SEND_FILE_UPLOAD -> uploads.send(request);
            case FILE_UPLOAD -> uploads.get(request);
        };
        if (body instanceof ObjectNode object && !object.has("request_id")) {
            object.put("request_id", request.requestId());
        }
        return Reply.json(200, body);
    }

    private ObjectNode children(ApiRequest request, Renderer renderer) {
        String id = request.param(0);
        Optional<ObjectNode> self = model.block(id);
        if (self.isEmpty() || self.get().has("$children404")) {
            // Like the real API for synced-block copies: the content must be read from the original's id.
            throw ApiError.notFound("block", id);
        }
        List<String> children = model.children(id).orElseThrow(() -> ApiError.notFound("block", id));
        return paged(request, "block", children, child -> model.block(child).map(renderer::object));
    }

    private ObjectNode database(String id, Renderer renderer) {
        ObjectNode database = model.database(id).orElseThrow(() -> ApiError.notFound("database", id));
        JsonNode linked = database.get("$linked");
        if (linked != null) {
            throw new ApiError(linked.get("status").asInt(), linked.get("code").asText(), linked.get("message").asText());
        }
        return renderer.object(database);
    }

    private ObjectNode comments(ApiRequest request, Renderer renderer) {
        String target = request.queryParam("block_id");
        if (target == null || target.isBlank()) {
            throw ApiError.validation("body failed validation: block_id should be defined, instead was `undefined`.");
        }
        Source.Kind kind = model.kind(target);
        if (kind != Source.Kind.PAGE && kind != Source.Kind.BLOCK) {
            throw ApiError.notFound("block", target);
        }
        return paged(request, "comment", model.comments(Ids.normalize(target)), id -> model.comment(id).map(renderer::object));
    }

    /** One page of a list, with the cursor and page size taken from the query string or the body. */
    static ObjectNode paged(ApiRequest request, String type, List<String> ids,
            Function<String, Optional<ObjectNode>> render) {
        String cursor = request.queryParam("start_cursor") != null ? request.queryParam("start_cursor")
                : request.bodyText("start_cursor");
        String size = request.queryParam("page_size") != null ? request.queryParam("page_size")
                : request.bodyText("page_size");
        int offset = Paging.offset(cursor);
        int end = Math.min(ids.size(), offset + Paging.pageSize(size));
        ArrayNode results = Json.arr();
        for (int i = offset; i < end; i++) {
            render.apply(ids.get(i)).ifPresent(results::add);
        }
        return Paging.list(type, results, end < ids.size() ? Paging.cursor(end) : null, request.requestId());
    }
}
