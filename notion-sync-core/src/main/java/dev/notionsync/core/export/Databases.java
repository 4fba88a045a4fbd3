package dev.notionsync.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.DataSourceQuery;
import dev.notionsync.core.NotionClient;
import dev.notionsync.core.model.DataSource;
import dev.notionsync.core.model.Database;
import dev.notionsync.core.model.NotionObject;
import dev.notionsync.core.model.Page;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Assembles a database with its data sources, replayed from its snapshot when the listings show it unchanged, and
 * queues the rows of each data source, whose queries are read ahead of the walk.
 */
final class Databases {

    /** Data-source queries read ahead before the walk takes their rows, at most. */
    private static final int QUERIES_AHEAD = 8;

    private final NotionClient client;
    private final ExportSpec spec;
    private final ExportRun run;
    private final WorkQueue queue;
    private final ExportState state;
    private final ViewReader views;
    private final LinkedViews linkedViews;
    /** The listings' compact index: tells whether the page a database sits in is listed unchanged. */
    private final Listing index;
    /** Notes a listed row in the index, as search's objects are: what changed is known before any fetch. */
    private final Consumer<NotionObject> record;
    /** Data sources as search listed them: for change detection only. */
    private final Map<String, DataSource> schemas;
    /** Data sources as the data source endpoint returned them: the exported schemas. */
    private final Map<String, DataSource> fetchedSchemas;
    /** The Notion-Version of every answer: decides whether listed rows are complete. */
    private final String version;
    /** Whether search was read to its end without failing: only then does it tell every data source of a database. */
    private volatile boolean searchRead;
    /** Queries being read ahead that the walk has not taken yet, stopped if the export ends first. */
    private final Set<ReadAhead> startedQueries = ConcurrentHashMap.newKeySet();
    /** Set once the export ended: a query started after that is disposed at once. */
    private volatile boolean disposed;
    private final AtomicInteger queriesAhead = new AtomicInteger();

    Databases(NotionClient client, ExportSpec spec, ExportRun run, WorkQueue queue, ExportState state,
            ViewReader views, LinkedViews linkedViews, Listing index, Consumer<NotionObject> record,
            Map<String, DataSource> schemas, Map<String, DataSource> fetchedSchemas) {
        this.client = client;
        this.spec = spec;
        this.run = run;
        this.queue = queue;
        this.state = state;
        this.views = views;
        this.linkedViews = linkedViews;
        this.index = index;
        this.record = record;
        this.schemas = schemas;
        this.fetchedSchemas = fetchedSchemas;
        this.version = client.options().notionVersion();
    }

    /** Search is read to its end ({@code true}) or gave up. */
    void searchEnded(boolean read) {
        searchRead = read;
    }

    /** Stops the queries read ahead that the walk has not taken. */
    Mono<Void> disposeLater() {
        // a query read ahead for a walk that ended before taking it (cancelled, stopped) keeps no file behind
        return Mono.fromRunnable(() -> {
            disposed = true;
            List.copyOf(startedQueries).forEach(ReadAhead::dispose);
        });
    }

    /** A database with its data sources; the rows of each are queued (all of them, unless only named objects are). */
    Mono<Assembled> database(Work.DatabaseWork work) {
        return listedUnchanged(work).switchIfEmpty(Mono.defer(() -> fetchedDatabase(work)))
                .doOnNext(assembled -> {
                    for (DataSource source : assembled.export().dataSources()) {
                        fetchedSchemas.put(FileNames.normalizeId(source.id()), source);
                        String title = source.title().isBlank() ? assembled.export().title() : source.title();
                        run.names().assign(source.id(), title);
                        if (spec.only().isEmpty()) {
                            queue.add(rows(source));
                        }
                    }
                });
    }

    /**
     * The snapshot of a database the listing shows unchanged, replayed without its GET: a linked view whose source
     * search lists as before, or a database whose data sources search lists as the snapshot has them.
     */
    private Mono<Assembled> listedUnchanged(Work.DatabaseWork work) {
        if (spec.full() || spec.only().contains(FileNames.normalizeId(work.id())) || !searchRead) {
            return Mono.empty();
        }
        Instant fetchedAt = Instant.now();
        return Mono.fromCallable(() -> state.snapshots().read(work.id()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(Mono::justOrEmpty)
                .flatMap(snapshot -> {
                    if (snapshot.source().json().has(LinkedViews.MARKER)) {
                        return linkedViews.replayListed(work);
                    }
                    if (snapshot.isPlaceholder()) {
                        return Mono.justOrEmpty(linkedViews.replayPlaceholder(snapshot,
                                work.parentId() != null && index.listedUnchanged(work.parentId())));
                    }
                    return Mono.just(snapshot).filter(this::listedCurrent);
                })
                .map(snapshot -> new Assembled(snapshot, false, fetchedAt));
    }

    /**
     * Whether search shows a database as its snapshot has it. Its own edit time is in no listing, so what can change
     * it is checked one by one: each data source (schema, name) by its listed edit time, title and parent; a data
     * source added by one search lists under it; its title (shown by its child_database block) and its place by the
     * page it sits in, listed unchanged. A database under a block or of a failed checkpoint is fetched.
     */
    private boolean listedCurrent(PageExport snapshot) {
        String id = FileNames.normalizeId(snapshot.id());
        if (snapshot.kind() != PageExport.Kind.DATABASE || snapshot.dataSources().isEmpty()
                || state.entry(id).filter(entry -> "database".equals(entry.kind())).isEmpty()) {
            return false;
        }
        JsonNode parent = snapshot.source().json().path("parent");
        String parentType = parent.path("type").asText("");
        if (!("workspace".equals(parentType) || "page_id".equals(parentType)
                && index.listedUnchanged(parent.path("page_id").asText("")))) {
            return false;
        }
        Set<String> known = new HashSet<>();
        for (DataSource source : snapshot.dataSources()) {
            known.add(FileNames.normalizeId(source.id()));
            DataSource listed = schemas.get(FileNames.normalizeId(source.id()));
            Instant edited = listed == null ? null : listed.lastEditedTime().orElse(null);
            if (edited == null || !listed.lastEditedTime().equals(source.lastEditedTime())
                    || !listed.title().equals(source.title()) || listed.inTrash()
                    || !listed.json().path("database_parent").equals(source.json().path("database_parent"))
                    || !state.fetchedAfter(id, edited)) {
                return false;
            }
        }
        return schemas.values().stream().noneMatch(listed -> !known.contains(FileNames.normalizeId(listed.id()))
                && listed.databaseId().map(FileNames::normalizeId).filter(id::equals).isPresent());
    }

    private Mono<Assembled> fetchedDatabase(Work.DatabaseWork work) {
        Instant fetchedAt = Instant.now();
        return client.database(work.id()).flatMap(database -> {
            if (database.inTrash()) {
                run.gone(database.id());
                run.emit(new ExportEvent.Skipped(database.id(), "in_trash", "database is in the trash"));
                return Mono.empty();
            }
            run.names().assignHint(database.id(), database.title());
            Mono<Assembled> fresh = Flux.fromIterable(database.dataSourceIds())
                    .concatMap(this::dataSource)
                    .collectList()
                    .flatMap(sources -> views.withViews(PageExport.ofDatabase(database, sources)))
                    .map(export -> new Assembled(export, true, fetchedAt));
            return Assembled.unchanged(spec, state, database.id(), database.lastEditedTime().orElse(null))
                    .filter(snapshot -> snapshotCurrent(snapshot, database))
                    .map(snapshot -> new Assembled(snapshot, false, fetchedAt))
                    .switchIfEmpty(fresh);
        });
    }

    /** A database snapshot is current when its data sources are the ones Notion lists, none of them edited since. */
    private boolean snapshotCurrent(PageExport snapshot, Database database) {
        List<String> ids = snapshot.dataSources().stream().map(DataSource::id).toList();
        if (!ids.equals(database.dataSourceIds())) {
            return false;
        }
        for (DataSource source : snapshot.dataSources()) {
            DataSource listed = schemas.get(FileNames.normalizeId(source.id()));
            if (listed != null && !listed.lastEditedTime().equals(source.lastEditedTime())) {
                return false;
            }
        }
        return true;
    }

    private Mono<DataSource> dataSource(String id) {
        // always the data source endpoint: search results carry the same object in another shape, and what is
        // exported must not depend on which of the two happened to arrive first
        return client.dataSource(id).doOnNext(source -> fetchedSchemas.put(FileNames.normalizeId(id), source));
    }

    private Flux<Work> rows(DataSource source) {
        DataSourceQuery query = DataSourceQuery.all();
        if (Page.listsTitleOnly(version)) {
            // without naming them, rows would carry only their title
            List<String> ids = new ArrayList<>();
            source.schema().forEach(property -> {
                if (!property.path("id").asText("").isEmpty()) {
                    ids.add(property.path("id").asText());
                }
            });
            query = query.withProperties(ids);
        }
        // read ahead like search, from now on rather than when the walk takes the rows (other sources may come
        // first): the rows are known, to the progress total too, early; a few at a time, each holds a file open
        Path spool = spec.outputDir().resolve(StateDirectory.NAME)
                .resolve("query-" + FileNames.normalizeId(source.id()) + ".spool");
        Flux<? extends NotionObject> results = run.counted(client.queryResults(source.id(), query));
        Consumer<NotionObject> listedRow = row -> {
            if (row instanceof Page page) {
                record.accept(page);
                run.progress().discovered(page.id());
            }
        };
        Flux<NotionObject> listing;
        if (queriesAhead.incrementAndGet() <= QUERIES_AHEAD) {
            // started off the event loop the database's answer came on: it opens files
            Mono<ReadAhead> ahead = Mono.fromCallable(() -> ReadAhead.started(run.output(), results, spool, listedRow,
                            failure -> { }))
                    .subscribeOn(Schedulers.boundedElastic())
                    .doOnNext(started -> {
                        startedQueries.add(started);
                        // one that started while the export ended is disposed by whichever of the two sees it
                        if (disposed) {
                            started.dispose();
                        }
                    })
                    .cache();
            ahead.subscribe(started -> { }, failure -> { });
            listing = ahead.flatMapMany(started -> started.objects()
                            .doFinally(signal -> startedQueries.remove(started)))
                    .doFinally(signal -> queriesAhead.decrementAndGet());
        } else {
            queriesAhead.decrementAndGet();
            listing = ReadAhead.of(run.output(), results, spool, listedRow, failure -> { });
        }
        return listing
                .<Work>handle((row, sink) -> {
                    if (row instanceof Page page) {
                        sink.next(new Work.PageWork(page.id(), page, Work.Origin.CHILD));
                    }
                })
                // a row missing from a query that ran to its end is gone from the data source
                .doOnComplete(() -> run.listedCompletely(source.id()))
                .onErrorResume(Assembler::recoverable, error -> {
                    run.emit(Failures.failed(source.id(), error));
                    return Flux.empty();
                });
    }
}
