package dev.notionsync.core.export;

import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionNonTransientException;
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
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns one unit of {@link Work} into a complete {@link PageExport}: a page is assembled by {@link Pages}, a database
 * with its data sources by {@link Databases} (which queues its rows), and what an object refers to is queued by
 * {@link Discovery}. Fresh objects get their files downloaded and are checkpointed; unchanged ones are replayed from
 * their snapshots. Failures that concern only this object become events; a refused token stops the export.
 */
final class Assembler {

    /** Where search is spooled while the walk reads it back, in the state folder. */
    static final String SEARCH_SPOOL = "search.spool";

    private final ExportSpec spec;
    private final ExportRun run;
    private final WorkQueue queue;
    private final Users users;
    private final Attachments attachments;
    private final LinkedViews linkedViews;
    /** The listings' compact index: pages a listing returns are never fetched by id. */
    private final Listing index;
    /** Objects search listed: an empty answer for a workspace that had content is a fault, not a deletion. */
    private final LongAdder listed = new LongAdder();
    /** Data sources as search listed them: for change detection only. */
    private final Map<String, DataSource> schemas = new ConcurrentHashMap<>();
    /** Data sources as the data source endpoint returned them: the exported schemas. */
    private final Map<String, DataSource> fetchedSchemas = new ConcurrentHashMap<>();
    private final Pages pages;
    private final Databases databases;
    private final Discovery discovery;

    private final ExportState state;
    /** The Notion-Version of every answer: decides whether listed rows are complete. */
    private final String version;
    /**
     * Whether objects with a snapshot are handed to the writers after the crawl ({@link #crawled()}) rather than as
     * they are assembled: on a rerun, so that one whose crawl finds nothing changed needs no writer at all.
     */
    private final boolean handsAfterCrawl;
    /** The objects assembled in this run that wait in their snapshots for the writers, in the order of the crawl. */
    private final Queue<String> crawled = new ConcurrentLinkedQueue<>();
    /** Objects fetched and checkpointed in this run whose snapshot changed (or is new). */
    private final LongAdder fetched = new LongAdder();
    /** Objects fetched in this run and found exactly as their snapshots held them (normalized ids). */
    private final IdSet refetched;

    Assembler(NotionClient client, ExportSpec spec, ExportRun run, WorkQueue queue, ExportState state) {
        this(client, spec, run, queue, state, false);
    }

    Assembler(NotionClient client, ExportSpec spec, ExportRun run, WorkQueue queue, ExportState state,
            boolean handsAfterCrawl) {
        this.handsAfterCrawl = handsAfterCrawl;
        this.index = new Listing(run.names().ids());
        this.refetched = new IdSet(run.names().ids());
        this.state = state;
        this.version = client.options().notionVersion();
        this.spec = spec;
        this.run = run;
        this.queue = queue;
        this.users = new Users(client, run, state);
        this.attachments = spec.attachments() ? new Attachments(client, run, spec) : null;
        ViewReader views = new ViewReader(client, run);
        this.linkedViews = new LinkedViews(client, run, spec, state, queue, views, schemas);
        this.databases = new Databases(client, spec, run, queue, state, views, linkedViews, index, this::record,
                schemas, fetchedSchemas);
        this.discovery = new Discovery(spec, run, queue, state, index);
        this.pages = new Pages(client, spec, run, state, users, discovery, fetchedSchemas, this::walkedOn);
    }

    /** Releases what the export opened for its downloads. */
    Mono<Void> disposeLater() {
        Mono<Void> queries = databases.disposeLater();
        return attachments == null ? queries : queries.then(attachments.disposeLater());
    }

    /**
     * Search results as work; data sources found by search lead to their database. Search is read ahead of the walk
     * ({@link ReadAhead}): each object is noted in the {@link Listing} and the progress total as its answer arrives,
     * and taken as work when the walk gets to it. Until search is read to its end, pages the walk meets wait in the
     * listing rather than being fetched; then those search did not list follow, found by the walk.
     */
    Flux<Work> listing(Flux<? extends NotionObject> results) {
        // on a rerun databases wait for the end of search: only then are all their data sources known
        index.searchStarted(!spec.full() && !state.isEmpty());
        Path spool = spec.outputDir().resolve(StateDirectory.NAME).resolve(SEARCH_SPOOL);
        return Flux.defer(() -> ReadAhead.of(run.output(), run.counted(results), spool,
                        this::listed, this::searchEnded))
                .<Work>handle((object, sink) -> {
                    if (object instanceof Page page && !page.completeInListing(version)) {
                        // a row listed with its title only (2026-12-01): its data source's query gives it whole, at
                        // no extra request; without a database id, its own GET does
                        String database = page.parent().path("database_id").asText("");
                        Work work = database.isEmpty() ? new Work.PageWork(page.id(), null, Work.Origin.LISTED)
                                : new Work.DatabaseWork(database, Work.Origin.LISTED);
                        if (database.isEmpty() || index.fetchNow(work)) {
                            sink.next(work);
                        }
                    } else if (object instanceof Page page) {
                        sink.next(new Work.PageWork(page.id(), page, Work.Origin.LISTED));
                    } else if (object instanceof Database database) {
                        Work work = new Work.DatabaseWork(database.id(), Work.Origin.LISTED);
                        if (index.fetchNow(work)) {
                            sink.next(work);
                        }
                    }
                })
                .onErrorResume(Assembler::recoverable, error -> {
                    run.emit(Failures.failed("search", error));
                    return Flux.empty();
                });
    }

    /** An object search returned, as its answer arrives: known to the index and to the progress total at once. */
    private void listed(NotionObject object) {
        listed.increment();
        record(object);
        if (object instanceof DataSource source) {
            schemas.put(FileNames.normalizeId(source.id()), source);
            // what is exported is its database, queued at once rather than in search order: its rows' query is the
            // other listing, and the sooner it is read the sooner the progress total holds the rows
            source.databaseId().ifPresent(id -> {
                run.progress().discovered(id);
                Work work = new Work.DatabaseWork(id, Work.Origin.LISTED);
                if (index.fetchNow(work)) {
                    queue.add(Flux.just(work));
                }
            });
        } else {
            run.progress().discovered(object.id());
        }
    }

    /** Search is read (or gave up): the pages that waited for it and that it did not list are fetched now. */
    private void searchEnded(Throwable failure) {
        databases.searchEnded(failure == null);
        List<Work> waiting = index.searchDone();
        if (!waiting.isEmpty()) {
            queue.add(Flux.fromIterable(waiting));
        }
    }

    /** Notes a listed object in the index: what changed since the state's checkpoint is known before any fetch. */
    private void record(NotionObject object) {
        Instant edited = object.lastEditedTime().orElse(null);
        boolean changed = spec.full() || !state.unchanged(object.id(), edited);
        if (object instanceof Page || object instanceof DataSource) {
            index.add(object.id(), changed);
        }
    }

    /** How many objects search listed so far. */
    long listed() {
        return listed.sum();
    }

    /** What the listings of this run (search and data-source queries) returned. */
    Listing index() {
        return index;
    }

    Flux<PageExport> process(Work work) {
        if (work instanceof Work.Replays replays) {
            return Flux.fromIterable(replays.ids()).concatMap(id -> replay(id, replays.reemitted()), 0);
        }
        return assembleOne(work).flux();
    }

    private Mono<PageExport> assembleOne(Work work) {
        Mono<Assembled> assembled = assemble(work).onErrorResume(Assembler::recoverable, error -> {
            if (work instanceof Work.PageWork page && page.page() == null && work.origin() == Work.Origin.LISTED
                    && error instanceof NotionNonTransientException notion && !notion.isUnauthorized()) {
                // a root given by id may be a database rather than a page
                return databases.database(new Work.DatabaseWork(work.id(), Work.Origin.LISTED));
            }
            return Mono.error(error);
        });
        return assembled
                .flatMap(this::complete)
                .onErrorResume(Assembler::recoverable, error -> report(work, error))
                .doOnNext(export -> run.found(export.id()));
    }

    /**
     * The objects of the previous run this run neither exported nor removed (failed, held, or not reached by an
     * incomplete walk): replayed from their snapshots after the crawl, so the aggregate files keep them.
     *
     * @param removed the objects confirmed gone in this run
     */
    Flux<Work> leftovers(Set<String> removed) {
        // in the order the previous run wrote them, so what depends on arrival (a table's rows) comes out the same
        return Mono.fromCallable(state::writeOrder)
                .subscribeOn(Schedulers.boundedElastic())
                .doOnNext(order -> discovery.placeholders(order.placeholders()))
                .map(order -> order.known().stream().filter(id -> !run.foundIds().contains(id) && !removed.contains(id))
                        .toList())
                .filter(ids -> !ids.isEmpty())
                .map(ids -> (Work) new Work.Replays(ids, false))
                .flux();
    }

    /**
     * An object handed to the writers from its snapshot after the crawl: no request, no discovery. A leftover page
     * brings the linked-database placeholders the previous run made from its blocks, which have no snapshot.
     */
    private Flux<PageExport> replay(String id, boolean reemitted) {
        return Mono.fromCallable(() -> state.snapshots().read(id))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(Mono::justOrEmpty)
                .map(export -> {
                    run.late(export.id());
                    if (reemitted) {
                        // written earlier in this run, fetched or not: its files stay recorded as they were
                        return export.asRelink();
                    }
                    run.replayed(export.id());
                    return export;
                })
                .flatMap(export -> users.resolve(export).thenReturn(export))
                .flatMapMany(export -> reemitted ? Flux.just(export)
                        : Flux.just(export).concatWith(Flux.fromIterable(discovery.linkedDatabases(export))));
    }

    private Mono<Assembled> assemble(Work work) {
        return work instanceof Work.PageWork page ? pages.page(page) : databases.database((Work.DatabaseWork) work);
    }

    /**
     * Fresh objects get their files downloaded and are checkpointed; replayed ones are used as they are. When objects
     * are {@link #handsAfterCrawl handed after the crawl}, one with a snapshot waits there and nothing is handed now.
     */
    private Mono<PageExport> complete(Assembled assembled) {
        if (!assembled.fresh()) {
            PageExport export = assembled.export();
            run.replayed(export.id());
            run.names().assign(export.id(), export.title());
            List<ExportState.Found> found = discovery.found(export);
            // a database's walk is never taken from the state: only pages are walked on without their snapshot
            if (handsAfterCrawl && !export.isPlaceholder() && export.kind() != PageExport.Kind.DATABASE
                    && state.walk(export.id()).isEmpty()) {
                // a checkpoint an earlier version made: the next rerun need not read its snapshot to walk on
                state.walk(export.id(), found);
            }
            discovery.queue(found);
            if (waits(export)) {
                return Mono.empty();
            }
            // users met in replayed content were recorded in the state when first fetched; this costs no request
            return users.resolve(assembled.export()).thenReturn(assembled.export());
        }
        Mono<PageExport> downloaded = attachments == null ? Mono.just(assembled.export())
                : attachments.download(assembled.export());
        return downloaded.flatMap(export -> Mono.fromCallable(() -> {
            boolean changed;
            try {
                changed = run.writing(() -> checkpoint(export, assembled.fetchedAt(), assembled.complete(),
                        assembled.walk()));
            } catch (CancellationException cancelled) {
                // the export was cancelled while this object waited: nothing of it is written, nor goes on
                return null;
            }
            if (changed) {
                fetched.increment();
            } else {
                refetched.add(export.id());
            }
            return export;
        }).subscribeOn(Schedulers.boundedElastic())).filter(export -> !waits(export));
    }

    /** Whether an assembled object waits in its snapshot for the writers; a placeholder has none and goes now. */
    private boolean waits(PageExport export) {
        if (!handsAfterCrawl || export.isPlaceholder()) {
            return false;
        }
        waits(export.id());
        return true;
    }

    private void waits(String id) {
        run.found(id);
        run.progress().crawled(id);
        crawled.add(id);
    }

    /**
     * Walks on from an unchanged object without reading its snapshot, when the writers get it after the crawl and
     * the state holds what its checkpoint's content leads to: the snapshot is read once, for the writers, and only if
     * something changed at all.
     */
    boolean walkedOn(String id, Instant edited) {
        if (!handsAfterCrawl || spec.full() || spec.only().contains(FileNames.normalizeId(id))
                || !state.unchanged(id, edited)) {
            return false;
        }
        Optional<List<ExportState.Found>> found = state.walk(id);
        if (found.isEmpty()) {
            return false;
        }
        run.replayed(id);
        discovery.queue(found.get());
        waits(id);
        return true;
    }

    /** The ids of the objects that wait in their snapshots, in the order of the crawl; complete once it is done. */
    Collection<String> crawledIds() {
        return crawled;
    }

    /**
     * How many objects this run fetched and checkpointed that differ from their snapshot (none means nothing
     * changed: an object fetched again only because it was edited in the minute of its last fetch, and found as it
     * was, does not count).
     */
    long fetchedCount() {
        return fetched.sum();
    }

    /**
     * Whether this run fetched an object and found it as its snapshot held it: a quiet rerun replays it, yet it was
     * fetched, and counts so.
     */
    boolean refetchedUnchanged(String id) {
        return refetched.contains(id);
    }

    /**
     * The objects that waited in their snapshots, read back in the order of the crawl, once it is done: what a
     * crawl that hands each object at once would have handed, and as that one, each counts as exported in this run.
     */
    Flux<PageExport> crawled() {
        return Flux.defer(() -> {
            List<String> ids = new ArrayList<>(crawled);
            crawled.clear();
            return Flux.fromIterable(ids);
        }).concatMap(id -> Mono.fromCallable(() -> state.snapshots().read(id))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(Mono::justOrEmpty)
                .switchIfEmpty(Mono.fromRunnable(() -> {
                    // its files stay as they are; what the walk knows of it cannot tell it unchanged any more
                    state.refetch(id);
                    run.emit(new ExportEvent.PageFailed(id, ExportEvent.Reasons.WRITE_FAILED,
                            "its snapshot in the export state could not be read back; the next run fetches it again"));
                }))
                .flatMap(export -> users.resolve(export).thenReturn(export)), 0);
    }

    /**
     * Records a fetched object. One whose tree has a gap (children not readable, too deep, a cycle) is recorded
     * without its edit time, so the next run fetches it again instead of replaying the gap as complete.
     *
     * @return whether the object is new or changed since its snapshot
     */
    private boolean checkpoint(PageExport export, Instant fetchedAt, boolean complete, List<ExportState.Found> walk) {
        boolean changed = state.snapshots().write(export);
        for (DataSource source : export.dataSources()) {
            String name = run.names().name(source.id()).orElseGet(() -> run.names().assign(source.id(),
                    source.title()));
            state.named(source.id(), name, run.names().title(source.id()).orElse(""));
        }
        state.fetched(export.id(), export.kind().name().toLowerCase(Locale.ROOT),
                complete ? export.source().lastEditedTime().orElse(null) : null, fetchedAt,
                run.names().assign(export.id(), export.title()), export.title(),
                attachments == null ? List.of() : attachments.missing(export.id()));
        if (complete) {
            run.listedCompletely(export.id());
            if (walk != null) {
                state.walk(export.id(), walk);
            }
        }
        // an object with a gap is fetched again by every run: it never counts as found the same
        return changed || !complete;
    }

    private Mono<PageExport> report(Work work, Throwable error) {
        ExportEvent event = Failures.event(work, error);
        if (event instanceof ExportEvent.PageFailed failed && work instanceof Work.DatabaseWork
                && state.entry(work.id()).isPresent()
                && (ExportEvent.Reasons.UNSHARED.equals(failed.reason())
                        || ExportEvent.Reasons.FORBIDDEN.equals(failed.reason()))) {
            // exported before and unreadable now: a removal candidate, confirmed before anything moves aside
            event = new ExportEvent.Skipped(work.id(), failed.reason(), "no longer readable in Notion: "
                    + failed.message());
        }
        if (event instanceof ExportEvent.Skipped skipped && work instanceof Work.DatabaseWork database
                && ExportEvent.Reasons.LINKED_DATABASE.equals(skipped.reason())) {
            // a linked view is read through its views when it can be; only what cannot stays a placeholder
            StringBuilder unresolved = new StringBuilder();
            return linkedViews.resolve(database, unresolved)
                    .switchIfEmpty(Mono.defer(() -> linkedViews.placeholder(database, unresolved.toString())))
                    .doOnNext(export -> {
                        if (export.isPlaceholder()) {
                            run.emit(LinkedViews.skipped(export, skipped.message()));
                        }
                    });
        }
        run.emit(event);
        return Mono.empty();
    }

    static boolean recoverable(Throwable error) {
        // a full disk is no problem of one object, nor an outage longer than the client waits out: the export stops
        return !Failures.stopsExport(error) && !ExportFiles.isDiskFull(error);
    }
}
