package dev.notionsync.core.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.NotionClient;
import dev.notionsync.core.model.DataSource;
import dev.notionsync.core.model.Database;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a linked database (a {@code child_database} block showing a database that lives elsewhere, which the
 * database endpoint refuses) through the Views API: the block's views ({@code GET /v1/views?database_id=<block>})
 * name the source data source, whose parent is the source database. The block is exported as a database document of
 * its own holding those views with their rows in view order (the rows are the source's, exported with it) and a
 * mention of the source database, so every format links to it. It carries
 * {@code "notion_sync_linked_view": {"database_id", "data_source_id", "data_source_last_edited_time"}}.
 *
 * <p>A rerun replays it from its snapshot, with no view request, while search lists the source data source with
 * the same {@code last_edited_time} (or, before search has listed it, while the block's page is unchanged). What cannot be resolved (no views, only partial views, a source that is not
 * shared) stays the placeholder, skipped as {@code linked_database} with the reason.
 */
final class LinkedViews {

    static final String MARKER = "notion_sync_linked_view";
    /** On a placeholder's snapshot: why it could not be resolved, reported again when it is replayed. */
    private static final String UNRESOLVED = "notion_sync_unresolved";
    /** Why a placeholder replayed without asking the database endpoint is skipped. */
    private static final String REPLAYED = "linked database (a view of a database elsewhere; export that database "
            + "itself), as the last run found it: its page is unchanged";

    private final NotionClient client;
    private final ExportRun run;
    private final ExportSpec spec;
    private final ExportState state;
    private final WorkQueue queue;
    private final ViewReader views;
    /** Data sources as search listed them, by normalised id: the source's edit time at no request. */
    private final Map<String, DataSource> listed;

    LinkedViews(NotionClient client, ExportRun run, ExportSpec spec, ExportState state, WorkQueue queue,
            ViewReader views, Map<String, DataSource> listed) {
        this.client = client;
        this.run = run;
        this.spec = spec;
        this.state = state;
        this.queue = queue;
        this.views = views;
        this.listed = listed;
    }

    /**
     * The export of a linked database read through its views, or empty (with the reason in {@code unresolved}) when
     * it cannot be read.
     */
    Mono<PageExport> resolve(Work.DatabaseWork work, StringBuilder unresolved) {
        if (!views.enabled()) {
            unresolved.append("this Notion-Version has no Views API");
            return Mono.empty();
        }
        return replay(work).switchIfEmpty(Mono.defer(() -> fetch(work, unresolved))).doOnNext(this::resolved);
    }

    /**
     * The linked view replayed from its snapshot without asking the database endpoint (which only tells it is
     * linked), when search lists its source as before; else empty.
     */
    Mono<PageExport> replayListed(Work.DatabaseWork work) {
        return replay(work).doOnNext(this::resolved);
    }

    private void resolved(PageExport export) {
        run.names().assign(export.id(), export.title());
        queueSource(export);
    }

    private Mono<PageExport> replay(Work.DatabaseWork work) {
        if (spec.full()) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> state.snapshots().read(work.id()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(Mono::justOrEmpty)
                .filter(snapshot -> {
                    if (snapshot.isPlaceholder()) {
                        // nothing tells when an unreadable linked view changes but its page: replayed with it
                        return work.parentId() != null && run.isReplayed(work.parentId());
                    }
                    ObjectNode marker = (ObjectNode) snapshot.source().json().get(MARKER);
                    if (marker == null) {
                        return false;
                    }
                    // search may list the source after the crawl meets the block: then its page's being unchanged has
                    // to do; the rows themselves are always the source's current ones
                    DataSource source = listed.get(FileNames.normalizeId(marker.path("data_source_id").asText()));
                    if (source == null) {
                        return work.parentId() != null && run.isReplayed(work.parentId());
                    }
                    return source.json().path("last_edited_time").asText()
                            .equals(marker.path("data_source_last_edited_time").asText());
                })
                .doOnNext(snapshot -> run.replayed(snapshot.id()));
    }

    /**
     * The placeholder of a linked database that could not be resolved, kept in the export state with the reason, so
     * a rerun whose page did not change asks nothing again.
     */
    Mono<PageExport> placeholder(Work.DatabaseWork work, String reason) {
        PageExport placeholder = LinkedDatabase.placeholder(work, run.names());
        placeholder.source().json().put(UNRESOLVED, reason);
        return Mono.fromCallable(() -> {
            state.snapshots().write(placeholder);
            return placeholder;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * The skip a placeholder stands for.
     *
     * @param refusal what the database endpoint answered
     */
    static ExportEvent.Skipped skipped(PageExport placeholder, String refusal) {
        String reason = placeholder.source().json().path(UNRESOLVED).asText("");
        return new ExportEvent.Skipped(placeholder.id(), ExportEvent.Reasons.LINKED_DATABASE, refusal
                + (reason.isEmpty() ? "" : "; not resolved through the Views API: " + reason));
    }

    /**
     * The placeholder of an unresolved linked view replayed without asking the database endpoint, reported again
     * with its skip, when the page it sits in is listed unchanged: nothing else tells when such a view changes.
     */
    Optional<PageExport> replayPlaceholder(PageExport snapshot, boolean pageUnchanged) {
        if (!pageUnchanged) {
            return Optional.empty();
        }
        run.emit(skipped(snapshot, REPLAYED));
        return Optional.of(snapshot);
    }

    private Mono<PageExport> fetch(Work.DatabaseWork work, StringBuilder unresolved) {
        return views.views(work.id()).flatMap(found -> {
            Optional<String> sourceId = found.stream().map(view -> view.view().dataSourceId())
                    .flatMap(Optional::stream).findFirst();
            if (sourceId.isEmpty()) {
                unresolved.append(found.isEmpty() ? "it has no view the API lists"
                        : "Notion shows none of its views' configuration, so its source is unknown");
                return Mono.<PageExport>empty();
            }
            DataSource cached = listed.get(FileNames.normalizeId(sourceId.get()));
            Mono<DataSource> source = cached != null ? Mono.just(cached) : client.dataSource(sourceId.get());
            return source.map(dataSource -> export(work, dataSource, found))
                    .flatMap(export -> Mono.fromCallable(() -> {
                        state.snapshots().write(export);
                        return export;
                    }).subscribeOn(Schedulers.boundedElastic()));
        }).onErrorResume(error -> !Failures.stopsExport(error) && !ExportFiles.isDiskFull(error), error -> {
            unresolved.append("its views cannot be read: ").append(Failures.message(error));
            return Mono.empty();
        });
    }

    private PageExport export(Work.DatabaseWork work, DataSource source, List<DatabaseView> found) {
        String sourceTitle = source.title();
        String title = run.names().title(work.id()).filter(text -> !text.isBlank())
                .orElse(sourceTitle.isBlank() ? "Linked view" : "Linked view of " + sourceTitle);
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode database = json.objectNode().put("object", "database").put("id", work.id());
        database.putObject(MARKER).put("database_id", source.databaseId().orElse(""))
                .put("data_source_id", source.id())
                .put("data_source_last_edited_time", source.json().path("last_edited_time").asText(""));
        database.putArray("title").add(LinkedDatabase.text(title));
        ArrayNode description = database.putArray("description");
        description.add(LinkedDatabase.text("A linked view of "));
        source.databaseId().ifPresentOrElse(id -> description.add(mention(id, sourceTitle)),
                () -> description.add(LinkedDatabase.text(sourceTitle)));
        description.add(LinkedDatabase.text(", as it shows there; the rows are exported with that database."));
        if (work.parentId() != null) {
            database.putObject("parent").put("type", "page_id").put("page_id", work.parentId());
        }
        database.put("is_inline", true);
        database.putArray("data_sources");
        return PageExport.ofDatabase(new Database(database), List.of()).withViews(found);
    }

    /** The source database is exported too, unless the export leaves out what it only refers to. */
    private void queueSource(PageExport export) {
        String id = export.source().json().path(MARKER).path("database_id").asText("");
        if (!id.isEmpty() && !spec.subtreeOnly() && !queue.visited(id)) {
            queue.add(Flux.just(new Work.DatabaseWork(id, Work.Origin.REFERENCE)));
        }
    }

    private static ObjectNode mention(String databaseId, String title) {
        ObjectNode segment = JsonNodeFactory.instance.objectNode().put("type", "mention");
        segment.putObject("mention").put("type", "database").putObject("database").put("id", databaseId);
        segment.put("plain_text", title.isBlank() ? "Untitled" : title);
        segment.putNull("href");
        return segment;
    }
}
