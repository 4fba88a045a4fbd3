package dev.notionsync.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.model.Block;
import dev.notionsync.core.model.Comment;
import dev.notionsync.core.model.DataSource;
import dev.notionsync.core.model.Database;
import dev.notionsync.core.model.NotionObject;
import dev.notionsync.core.model.Page;
import dev.notionsync.core.model.User;
import dev.notionsync.core.model.View;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A reactive client of the Notion public REST API.
 *
 * <p>Every method returns a cold publisher: nothing is sent until subscription, and list endpoints fetch the next
 * page of results only when downstream demand reaches it, so {@code search(SearchQuery.all()).take(1)} costs one
 * request and cancelling stops paging. All requests of one client share one rate limiter; transient failures are
 * retried (see {@link NotionClientOptions}); the others surface as {@link NotionNonTransientException}.
 *
 * <pre>{@code
 * NotionClient notion = NotionClient.create(NotionClientOptions.builder().token(token).build());
 * notion.search(SearchQuery.pages()).take(20).subscribe(p -> System.out.println(p.id()));
 * Flux<Block> tree = notion.blockTree(pageId);
 * }</pre>
 *
 * <p>Instances are thread-safe; share one per token. A client holds a connection pool: {@link #close()} (or
 * {@link #disposeLater()}) releases it, so an application that creates clients over and over (one per export, say)
 * keeps no connections open, and {@code try (NotionClient notion = NotionClient.create(options)) {...}} works.
 * Reactor Netty's event-loop threads are shared by all clients and are not the client's to close.
 *
 * @since 0.1
 */
public final class NotionClient implements AutoCloseable {

    /** How long {@link #close()} waits for the connections to close. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final NotionClientOptions options;
    private final NotionTransport transport;
    private final Resilience resilience;
    private final AtomicBoolean closed = new AtomicBoolean();

    private NotionClient(NotionClientOptions options, NotionTransport transport, Scheduler scheduler) {
        this.options = options;
        this.transport = transport;
        RequestListener metrics = options.meterRegistry()
                .<RequestListener>map(MeterListener::new)
                .orElse(RequestListener.NONE);
        this.resilience = new Resilience(transport, options, scheduler, metrics);
    }

    /**
     * Creates a client that talks to {@link NotionClientOptions#baseUrl()} over Reactor Netty.
     *
     * @param options the options
     * @return the client
     * @throws NullPointerException if {@code options} is {@code null}
     */
    public static NotionClient create(NotionClientOptions options) {
        Objects.requireNonNull(options, "options");
        return new NotionClient(options, ReactorNettyTransport.create(options, Json.MAPPER), Schedulers.parallel());
    }

    /** For tests: a client over any transport. */
    static NotionClient create(NotionClientOptions options, NotionTransport transport) {
        return new NotionClient(options, transport, Schedulers.parallel());
    }

    /**
     * Releases the client's connection pool and stops its outage probes, once; requests still waiting for an outage
     * to end fail. A closed client is not to be used again. Safe to call more than once.
     *
     * @return completes once the connections are closed
     * @since 0.2
     */
    public Mono<Void> disposeLater() {
        return Mono.defer(() -> {
            if (closed.getAndSet(true)) {
                return Mono.empty();
            }
            resilience.close();
            return transport.disposeLater();
        });
    }

    /**
     * Releases the client's connection pool, waiting (at most 10 seconds) until its connections are closed; see
     * {@link #disposeLater()}. It blocks, so call it from your own thread, not from a reactive pipeline.
     *
     * @since 0.2
     */
    @Override
    public void close() {
        disposeLater().block(CLOSE_TIMEOUT);
    }

    /**
     * Returns the options this client was created with.
     *
     * @return the options
     */
    public NotionClientOptions options() {
        return options;
    }

    /**
     * The bot user of the token ({@code GET /v1/users/me}); its {@code bot} part names the workspace.
     *
     * @return the bot user
     */
    public Mono<User> me() {
        return object(NotionRequest.get(ResponseShape.object("user"), "/v1/users/me")).map(User::new);
    }

    /**
     * Members and bots of the workspace ({@code GET /v1/users}); guests are not listed by Notion.
     *
     * @return the users, page by page on demand
     */
    public Flux<User> users() {
        return paginate(cursor -> withCursor(NotionRequest.get(ResponseShape.LIST, "/v1/users"), cursor))
                .map(json -> new User((ObjectNode) json));
    }

    /**
     * One user by id; also finds guests.
     *
     * @param userId the user id
     * @return the user
     */
    public Mono<User> user(String userId) {
        return object(NotionRequest.get(ResponseShape.object("user"), "/v1/users/{id}",
                id(userId, "userId"))).map(User::new);
    }

    /**
     * Searches pages and data sources by title ({@code POST /v1/search}), every page of results, on demand.
     *
     * @param query the query
     * @return pages, data sources (and databases, on old API versions)
     */
    public Flux<NotionObject> search(SearchQuery query) {
        Objects.requireNonNull(query, "query");
        return paginate(cursor -> {
            ObjectNode body = query.toBody();
            if (cursor != null) {
                body.put("start_cursor", cursor);
            }
            return NotionRequest.post(ResponseShape.LIST, "/v1/search", body);
        }).mapNotNull(NotionObject::of);
    }

    /**
     * One page with its properties, not its content ({@code GET /v1/pages/{id}}).
     *
     * @param pageId the page id
     * @return the page
     */
    public Mono<Page> page(String pageId) {
        return object(NotionRequest.get(ResponseShape.object("page"), "/v1/pages/{id}",
                id(pageId, "pageId"))).map(Page::new);
    }

    /**
     * One database container with its list of data sources ({@code GET /v1/databases/{id}}).
     *
     * @param databaseId the database id (for a {@code child_database} block, the block id)
     * @return the database
     */
    public Mono<Database> database(String databaseId) {
        return object(NotionRequest.get(ResponseShape.object("database"), "/v1/databases/{id}",
                id(databaseId, "databaseId"))).map(Database::new);
    }

    /**
     * One data source with its schema ({@code GET /v1/data_sources/{id}}).
     *
     * @param dataSourceId the data source id
     * @return the data source
     */
    public Mono<DataSource> dataSource(String dataSourceId) {
        return object(NotionRequest.get(ResponseShape.object("data_source"), "/v1/data_sources/{id}",
                id(dataSourceId, "dataSourceId")))
                .map(DataSource::new);
    }

    /**
     * One block ({@code GET /v1/blocks/{id}}).
     *
     * @param blockId the block id
     * @return the block, at depth 0
     */
    public Mono<Block> block(String blockId) {
        return object(NotionRequest.get(ResponseShape.object("block"), "/v1/blocks/{id}",
                id(blockId, "blockId")))
                .map(json -> new Block(json, 0));
    }

    /**
     * The rows of a data source ({@code POST /v1/data_sources/{id}/query}), page by page on demand. Reads past
     * Notion's 10,000-results-per-query cap with {@code created_time} windows when the query has no explicit sorts;
     * with explicit sorts, hitting the cap is an error rather than a silent stop.
     *
     * <p>A query naming more properties than one request carries ({@link DataSourceQuery#withProperties}) is sent as
     * one query per chunk of properties, read side by side, and each row is joined from them.
     *
     * @param dataSourceId the data source id
     * @param query filter, sorts, trash option and the properties to return
     * @return the rows
     */
    public Flux<Page> query(String dataSourceId, DataSourceQuery query) {
        return queryResults(dataSourceId, query).ofType(Page.class);
    }

    /**
     * Like {@link #query(String, DataSourceQuery)}, but also returns the child data sources that queries of wiki
     * databases can yield.
     *
     * @param dataSourceId the data source id
     * @param query filter, sorts and trash option
     * @return the rows and child data sources
     */
    public Flux<NotionObject> queryResults(String dataSourceId, DataSourceQuery query) {
        String id = id(dataSourceId, "dataSourceId");
        Objects.requireNonNull(query, "query");
        String template = "/v1/data_sources/{id}/query";
        List<Flux<JsonNode>> chunks = new ArrayList<>();
        for (List<String> properties : query.propertyChunks()) {
            chunks.add(QueryWindows.rows("POST " + template, query, (from, cursor) -> {
                ObjectNode body = query.toBody(from);
                if (cursor != null) {
                    body.put("start_cursor", cursor);
                }
                NotionRequest request = NotionRequest.post(ResponseShape.LIST, template, body, id);
                return call(properties.isEmpty() ? request
                        : request.withRepeated(DataSourceQuery.propertyParameter(), properties));
            }));
        }
        return ChunkedQuery.join(chunks, pageId -> page(pageId).map(Page::json))
                .mapNotNull(NotionObject::of);
    }

    /**
     * The views of a database, in tab order ({@code GET /v1/views?database_id=}); Notion lists references only, so
     * read each with {@link #view}. For a linked-database block, pass the block id: its views show the source.
     *
     * @param databaseId the database (or linked-database block) id
     * @return view ids, page by page on demand
     * @throws UnsupportedOperationException (signalled) before Notion-Version 2025-09-03
     */
    public Flux<String> databaseViews(String databaseId) {
        return views("database_id", id(databaseId, "databaseId"));
    }

    /**
     * Every view of a data source ({@code GET /v1/views?data_source_id=}): its database's tabs and the linked views
     * of it anywhere in the workspace.
     *
     * @param dataSourceId the data source id
     * @return view ids, page by page on demand
     */
    public Flux<String> dataSourceViews(String dataSourceId) {
        return views("data_source_id", id(dataSourceId, "dataSourceId"));
    }

    /**
     * One view ({@code GET /v1/views/{id}}): name, type, filter, sorts, configuration and the data source it shows;
     * a partial view ({@link View#isPartial()}) when Notion cannot show its configuration.
     *
     * @param viewId the view id
     * @return the view
     */
    public Mono<View> view(String viewId) {
        String id = id(viewId, "viewId");
        return viewsReadable().then(object(NotionRequest.get(ResponseShape.object("view"), "/v1/views/{id}", id))
                .map(View::new));
    }

    /**
     * The rows of a view in the view's order, with its own filter and sorts ({@code POST /v1/views/{id}/queries},
     * then {@code GET /v1/views/{id}/queries/{query_id}}), a page of up to 100 row ids per request, on demand. A
     * query whose 15-minute cache expired while it was read is created again and read on where it stopped.
     *
     * @param viewId the view id
     * @return the pages of row ids
     */
    public Flux<ViewQueryPage> viewQuery(String viewId) {
        String id = id(viewId, "viewId");
        String template = "/v1/views/{id}/queries/{query_id}";
        ObjectNode body = Json.MAPPER.createObjectNode().put("page_size", 100);
        return viewsReadable().thenMany(ViewQueries.pages("GET " + template,
                () -> call(NotionRequest.post(ResponseShape.object("view_query"), "/v1/views/{id}/queries", body, id)),
                (query, cursor) -> call(withCursor(NotionRequest.get(ResponseShape.LIST, template, id, query),
                        cursor))));
    }

    /**
     * The row ids of a view in its order; see {@link #viewQuery}.
     *
     * @param viewId the view id
     * @return the row page ids
     */
    public Flux<String> viewRows(String viewId) {
        return viewQuery(viewId).concatMapIterable(ViewQueryPage::rowIds);
    }

    private Flux<String> views(String parameter, String value) {
        return viewsReadable().thenMany(paginate(cursor -> withCursor(NotionRequest.get(ResponseShape.LIST,
                "/v1/views"), cursor, Map.of(parameter, value))).map(json -> json.path("id").asText()));
    }

    private Mono<Void> viewsReadable() {
        return View.readableWith(options.notionVersion()) ? Mono.empty()
                : Mono.error(new UnsupportedOperationException("the Views API needs Notion-Version 2025-09-03 or "
                        + "later, not " + options.notionVersion()));
    }

    /**
     * The direct children of a block or page ({@code GET /v1/blocks/{id}/children}), page by page on demand.
     *
     * @param blockId a block or page id
     * @return the children, at depth 0
     */
    public Flux<Block> children(String blockId) {
        return children(blockId, 0);
    }

    /**
     * The whole block tree under a page or block, depth first in document order. Descends into every block with
     * {@code has_children}, except child pages and child databases (they are objects of their own). A synced-block
     * copy is expanded from its original, because Notion may refuse to list a copy's children. The walk stops at
     * {@link BlockTree#DEFAULT_MAX_DEPTH} levels and leaves out a block met again through a cycle; use
     * {@link #blockTree(String, int, Consumer)} to hear of such gaps.
     *
     * @param blockId a block or page id
     * @return every block below, each with its depth
     */
    public Flux<Block> blockTree(String blockId) {
        return blockTree(blockId, BlockTree.DEFAULT_MAX_DEPTH, gap -> { });
    }

    /**
     * The block tree under a page or block, as {@link #blockTree(String)}, with a depth bound of its own and a
     * consumer told of every block not descended (too deep) or left out (met again through a cycle).
     *
     * @param blockId a block or page id
     * @param maxDepth how many levels of blocks to read, 1 or more
     * @param gaps told of what the walk leaves out
     * @return every block below, each with its depth
     * @throws IllegalArgumentException if {@code maxDepth} is less than 1
     */
    public Flux<Block> blockTree(String blockId, int maxDepth, Consumer<BlockTree.Gap> gaps) {
        return BlockTree.walk(children(blockId, 0), this::expandChildren, maxDepth, gaps);
    }

    /**
     * The children the tree walk expands below a block: its own, or its original's for a synced-block copy; none
     * for leaves, child pages and child databases.
     *
     * @param block the block
     * @return the children, one level deeper
     */
    public Flux<Block> expandChildren(Block block) {
        if (!block.hasChildren() || block.isChildObject()) {
            return Flux.empty();
        }
        return children(block.syncedFrom().orElse(block.id()), block.depth() + 1);
    }

    /**
     * The direct children of a block, at a given depth.
     *
     * @param blockId a block or page id
     * @param depth the depth to give the children
     * @return the children
     */
    public Flux<Block> children(String blockId, int depth) {
        String id = id(blockId, "blockId");
        return paginate(cursor -> withCursor(NotionRequest.get(ResponseShape.LIST, "/v1/blocks/{id}/children", id),
                cursor))
                .map(json -> new Block((ObjectNode) json, depth));
    }

    /**
     * The raw items of {@code GET /v1/pages/{id}/properties/{property_id}}, every page of them.
     *
     * @param pageId the page id
     * @param propertyId the property id exactly as the schema gives it
     * @return the property items
     */
    public Flux<JsonNode> propertyItems(String pageId, String propertyId) {
        return propertyPages(pageId, propertyId).concatMap(page -> Flux.fromIterable(itemsOf(page)), 0);
    }

    /**
     * The complete value of one page property, in the shape it has inside a page object, read through the
     * property-item endpoint. Use it for values Notion truncates to 25 references: relation, people, title,
     * rich_text and rollup.
     *
     * @param pageId the page id
     * @param propertyId the property id exactly as the schema gives it
     * @return the complete property value
     */
    public Mono<ObjectNode> propertyValue(String pageId, String propertyId) {
        return propertyPages(pageId, propertyId).collectList().map(pages -> {
            JsonNode last = pages.get(pages.size() - 1);
            List<JsonNode> items = new ArrayList<>();
            pages.forEach(p -> itemsOf(p).forEach(items::add));
            JsonNode summary = "list".equals(last.path("object").asText()) ? last.get("property_item") : null;
            String type = summary != null ? summary.path("type").asText() : last.path("type").asText();
            return PropertyValues.assemble(propertyId, type, items, summary);
        });
    }

    /**
     * Open comments on a page or block ({@code GET /v1/comments}), oldest first. Notion returns no resolved comments.
     *
     * @param blockId a page or block id
     * @return the comments
     */
    public Flux<Comment> comments(String blockId) {
        String id = id(blockId, "blockId");
        return paginate(cursor -> withCursor(NotionRequest.get(ResponseShape.LIST, "/v1/comments"), cursor,
                Map.of("block_id", id)))
                .map(json -> new Comment((ObjectNode) json));
    }

    /**
     * Creates a page under a page or in a data source ({@code POST /v1/pages}). A 5xx or a timeout is not retried:
     * the page may exist already, so the caller looks for it before sending the request again. Throttling is
     * retried, as Notion applies nothing it throttles.
     *
     * @param body the request body: {@code parent}, {@code properties}, optional {@code icon}, {@code cover},
     *     {@code children}
     * @return the new page
     * @since 0.9
     */
    public Mono<Page> createPage(ObjectNode body) {
        Objects.requireNonNull(body, "body");
        return create(NotionRequest.post(ResponseShape.object("page"), "/v1/pages", body)).map(json -> new Page((ObjectNode) json));
    }

    /**
     * Updates a page's properties, icon or cover ({@code PATCH /v1/pages/{id}}); retried like a read, as sending
     * the same values twice leaves the same page.
     *
     * @param pageId the page id
     * @param body the fields to change
     * @return the updated page
     * @since 0.9
     */
    public Mono<Page> updatePage(String pageId, ObjectNode body) {
        Objects.requireNonNull(body, "body");
        return object(NotionRequest.patch(ResponseShape.object("page"), "/v1/pages/{id}", body,
                id(pageId, "pageId"))).map(Page::new);
    }

    /**
     * Updates a block's content ({@code PATCH /v1/blocks/{id}}): the fields given in its type object replace
     * theirs, the others keep their values; retried like a read, as sending the same values twice leaves the same
     * block.
     *
     * @param blockId the block id
     * @param body {@code {<type>: {fields to change}}}
     * @return the updated block
     * @since 0.9
     */
    public Mono<Block> updateBlock(String blockId, ObjectNode body) {
        Objects.requireNonNull(body, "body");
        return object(NotionRequest.patch(ResponseShape.object("block"), "/v1/blocks/{id}", body,
                id(blockId, "blockId"))).map(json -> new Block(json, 0));
    }

    /**
     * Appends blocks to a page or block ({@code PATCH /v1/blocks/{id}/children}): at most 100 blocks, nested two
     * levels. Not retried after a 5xx or a timeout (see {@link #createPage}).
     *
     * @param blockId the parent page or block
     * @param body {@code {children: [...]}}
     * @return the new first-level blocks, in order
     * @since 0.9
     */
    public Flux<Block> appendChildren(String blockId, ObjectNode body) {
        Objects.requireNonNull(body, "body");
        return create(NotionRequest.patch(ResponseShape.LIST, "/v1/blocks/{id}/children", body,
                id(blockId, "blockId")))
                .flatMapIterable(list -> list.path("results"))
                .map(json -> new Block((ObjectNode) json, 0));
    }

    /**
     * Creates a database with its first data source ({@code POST /v1/databases}); not retried after a 5xx or a
     * timeout (see {@link #createPage}).
     *
     * @param body {@code parent}, {@code title}, {@code initial_data_source}, optional {@code is_inline},
     *     {@code icon}, {@code cover}, {@code description}
     * @return the new database; its data source is {@code dataSources().get(0)}
     * @since 0.9
     */
    public Mono<Database> createDatabase(ObjectNode body) {
        Objects.requireNonNull(body, "body");
        return create(NotionRequest.post(ResponseShape.object("database"), "/v1/databases", body))
                .map(json -> new Database((ObjectNode) json));
    }

    /**
     * Changes a data source's schema ({@code PATCH /v1/data_sources/{id}}): adds, renames or removes properties.
     *
     * @param dataSourceId the data source id
     * @param body {@code {properties: {...}}}
     * @return the updated data source
     * @since 0.9
     */
    public Mono<DataSource> updateDataSource(String dataSourceId, ObjectNode body) {
        Objects.requireNonNull(body, "body");
        return object(NotionRequest.patch(ResponseShape.object("data_source"), "/v1/data_sources/{id}", body,
                id(dataSourceId, "dataSourceId"))).map(DataSource::new);
    }

    /**
     * Adds a data source to a database ({@code POST /v1/data_sources}); not retried after a 5xx or a timeout.
     *
     * @param body {@code parent: {database_id}}, {@code properties}, optional {@code title}
     * @return the new data source
     * @since 0.9
     */
    public Mono<DataSource> createDataSource(ObjectNode body) {
        Objects.requireNonNull(body, "body");
        return create(NotionRequest.post(ResponseShape.object("data_source"), "/v1/data_sources", body))
                .map(json -> new DataSource((ObjectNode) json));
    }

    /**
     * Adds a comment to a page or block ({@code POST /v1/comments}); not retried after a 5xx or a timeout.
     *
     * @param body {@code parent}, {@code rich_text}, optional {@code display_name}, {@code attachments}
     * @return the new comment
     * @since 0.9
     */
    public Mono<Comment> createComment(ObjectNode body) {
        Objects.requireNonNull(body, "body");
        return create(NotionRequest.post(ResponseShape.object("comment"), "/v1/comments", body))
                .map(json -> new Comment((ObjectNode) json));
    }

    /**
     * Uploads one file of at most 20 MB through the File Upload API (create, then send as multipart/form-data)
     * and returns the upload's id, to attach as {@code {type:"file_upload", file_upload:{id}}}. An upload left
     * unattached expires, so a retried upload leaves nothing behind.
     *
     * @param filename the file name Notion shows
     * @param contentType the MIME type
     * @param bytes the content
     * @return the id of the uploaded file
     * @since 0.9
     */
    public Mono<String> uploadFile(String filename, String contentType, byte[] bytes) {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(bytes, "bytes");
        String type = contentType == null ? "application/octet-stream" : contentType;
        ObjectNode create = Json.MAPPER.createObjectNode().put("mode", "single_part").put("filename", filename)
                .put("content_type", type);
        return object(NotionRequest.post(ResponseShape.object("file_upload"), "/v1/file_uploads", create))
                .flatMap(upload -> object(NotionRequest.upload(ResponseShape.object("file_upload"),
                        "/v1/file_uploads/{id}/send", new NotionRequest.FilePart(filename, type, bytes),
                        upload.get("id").asText())))
                .map(sent -> sent.get("id").asText());
    }

    private Mono<JsonNode> create(NotionRequest request) {
        return resilience.execute(request, false).map(json -> {
            if (json instanceof ObjectNode object) {
                object.remove("request_id");
            }
            return json;
        });
    }

    private Flux<JsonNode> propertyPages(String pageId, String propertyId) {
        String page = id(pageId, "pageId");
        Objects.requireNonNull(propertyId, "propertyId");
        return pages(cursor -> withCursor(NotionRequest.get(ResponseShape.PROPERTY_ITEM,
                "/v1/pages/{id}/properties/{property_id}", page, propertyId), cursor));
    }

    private static Iterable<JsonNode> itemsOf(JsonNode page) {
        return "list".equals(page.path("object").asText()) ? page.path("results") : List.of(page);
    }

    private Mono<JsonNode> call(NotionRequest request) {
        return resilience.execute(request);
    }

    /**
     * A retrieved object without the answer's {@code request_id}: it belongs to the HTTP exchange, not to the object,
     * and the same object listed by search or a query carries none.
     */
    private Mono<ObjectNode> object(NotionRequest request) {
        return call(request).map(json -> {
            ObjectNode object = (ObjectNode) json;
            object.remove("request_id");
            return object;
        });
    }

    /** Every result of a cursor-paginated endpoint; the next page is fetched once the previous one is consumed. */
    private Flux<JsonNode> paginate(Function<String, NotionRequest> requestForCursor) {
        return Pagination.results(pages(requestForCursor));
    }

    private Flux<JsonNode> pages(Function<String, NotionRequest> requestForCursor) {
        String endpoint = requestForCursor.apply(null).endpoint();
        return Pagination.pages(endpoint, cursor -> call(requestForCursor.apply(cursor)));
    }

    private static NotionRequest withCursor(NotionRequest request, String cursor) {
        return withCursor(request, cursor, Map.of());
    }

    private static NotionRequest withCursor(NotionRequest request, String cursor, Map<String, String> query) {
        Map<String, String> parameters = new HashMap<>(query);
        parameters.put("page_size", "100");
        if (cursor != null) {
            parameters.put("start_cursor", cursor);
        }
        return request.withQuery(parameters);
    }

    private static String id(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
