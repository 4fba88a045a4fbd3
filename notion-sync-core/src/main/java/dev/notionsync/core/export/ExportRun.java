package dev.notionsync.core.export;

import dev.notionsync.core.NotionTransientException;
import dev.notionsync.core.RequestListener;
import dev.notionsync.core.model.User;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The state of one export subscription: counters, the users met, the naming table, and the side channel for
 * events raised away from the writers (failures, throttling). It is created inside {@code Flux.defer}, so two
 * exports never share it.
 */
final class ExportRun implements ExportContext, RequestListener {

    private final ExportSpec spec;
    private final FileNames names;
    private final Instant started = Instant.now();
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Sinks.Many<ExportEvent> side = Sinks.many().unicast().onBackpressureBuffer();

    private final LongAdder pages = new LongAdder();
    private final LongAdder rows = new LongAdder();
    private final LongAdder databases = new LongAdder();
    private final LongAdder unchanged = new LongAdder();
    private final LongAdder blocks = new LongAdder();
    private final LongAdder files = new LongAdder();
    private final LongAdder filesUnchanged = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> skipped = new ConcurrentHashMap<>();
    private final Set<String> skips = ConcurrentHashMap.newKeySet();
    // sets of ids as bits over the names' id numbers: each holds up to every object of the workspace
    private final IdSet replayed;
    private final IdSet late;
    private final IdSet failed;
    private final IdSet found;
    private final IdSet gone;
    private final IdSet listedCompletely;
    private volatile boolean incomplete;
    private final ProgressTracker progress;

    private final MeterRegistry meters;
    private final LinkPlan links;
    private final OutputGate output = new OutputGate();

    ExportRun(ExportSpec spec, FileNames names, MeterRegistry meters) {
        this.spec = spec;
        this.names = names;
        this.meters = meters;
        this.links = new LinkPlan(names);
        IdTable ids = names.ids();
        this.replayed = new IdSet(ids);
        this.late = new IdSet(ids);
        this.failed = new IdSet(ids);
        this.found = new IdSet(ids);
        this.gone = new IdSet(ids);
        this.listedCompletely = new IdSet(ids);
        this.progress = new ProgressTracker(ids);
    }

    /** The forward references of this run, rewritten after the crawl. */
    LinkPlan links() {
        return links;
    }

    @Override
    public Path outputDir() {
        return spec.outputDir();
    }

    @Override
    public FileNames names() {
        return names;
    }

    @Override
    public Optional<User> user(String id) {
        return Optional.ofNullable(users.get(FileNames.normalizeId(id)));
    }

    @Override
    public Collection<User> users() {
        return List.copyOf(users.values());
    }

    @Override
    public ExportSpec spec() {
        return spec;
    }

    /** Known and done objects, for the progress events. */
    ProgressTracker progress() {
        return progress;
    }

    void addUser(User user) {
        users.put(FileNames.normalizeId(user.id()), user);
    }

    boolean knowsUser(String id) {
        return users.containsKey(FileNames.normalizeId(id));
    }

    /**
     * Counts the requests of a listing read in a subscription of its own (read ahead of the walk) as this run's:
     * the run's context, which carries the listener, reaches only what is subscribed inside the export's stream.
     */
    <T> Flux<T> counted(Flux<T> requests) {
        return requests.contextWrite(context -> context.put(RequestListener.class, this));
    }

    // RequestListener: this run's share of the client's traffic

    @Override
    public void onResponse(String endpoint, int status) {
        requests.increment();
        progress.request();
    }

    @Override
    public void onRetry(String endpoint, NotionTransientException error, Duration wait) {
        retries.increment();
    }

    @Override
    public void onThrottled(String reason, Duration wait) {
        throttled.increment();
        emit(new ExportEvent.Throttled(wait, reason));
    }

    @Override
    public void onOutageStarted(Duration retryIn) {
        emit(new ExportEvent.OutageStarted(retryIn));
    }

    @Override
    public void onOutageProbeFailed(Duration elapsed, Duration retryIn) {
        emit(new ExportEvent.OutageProbeFailed(elapsed, retryIn));
    }

    @Override
    public void onOutageEnded(Duration duration, long heldRequests, boolean recovered) {
        // an outage waited out no longer stops the export with its own failure, which says it all
        if (recovered) {
            emit(new ExportEvent.OutageEnded(duration, heldRequests));
        }
    }

    /** Raises an event from outside the writers' stream and counts it. */
    void emit(ExportEvent event) {
        count(event);
        synchronized (side) {
            side.tryEmitNext(event);
        }
    }

    Flux<ExportEvent> sideEvents() {
        return side.asFlux();
    }

    @Override
    public <T> T writing(Supplier<T> step) {
        return output.writing(step);
    }

    @Override
    public Mono<Void> cleanup(Runnable step) {
        return Mono.defer(() -> {
            // counted at once, on the cancelling thread, so that a cancel waiting for the folder waits for it too
            output.enter(true);
            return ExportContext.super.cleanup(step).doFinally(signal -> output.exit());
        });
    }

    /** The steps writing into the output folder, which a cancel closes and waits for. */
    OutputGate output() {
        return output;
    }

    void closeSide() {
        synchronized (side) {
            side.tryEmitComplete();
        }
    }

    /**
     * Announces an object handed to the writers, fetched or replayed. A placeholder is not announced: the skip
     * that made it ({@code linked_database}) already counts it, and once is the truth.
     */
    void exported(PageExport export) {
        if (!export.isPlaceholder()) {
            emit(new ExportEvent.PageExported(export.id(), export.kind(), export.title(), export.blocks().size(),
                    isReplayed(export.id())));
        }
    }

    /** Marks an object as replayed from the export state rather than fetched. */
    void replayed(String id) {
        replayed.add(id);
    }

    /**
     * Marks an object as handed to the writers after the crawl (a leftover of the previous run, or a page written
     * again): it is not counted as exported in this run.
     */
    void late(String id) {
        late.add(id);
    }

    boolean isLate(String id) {
        return late.contains(id);
    }

    boolean isReplayed(String id) {
        return replayed.contains(id);
    }

    /** Marks an object as assembled in this run (fetched or replayed), before the writers see it. */
    void found(String id) {
        found.add(id);
    }

    /** Ids assembled in this run; unlike the ids handed to the writers, complete as soon as the crawl is. */
    IdSet foundIds() {
        return found;
    }

    /** Records proof that an object is gone: Notion answered it is in the trash. */
    void gone(String id) {
        gone.add(id);
    }

    /** Ids Notion confirmed gone in this run. */
    IdSet goneIds() {
        return gone;
    }

    /**
     * Records that the children of a page (its complete tree) or the rows of a data source (its query to the end)
     * were read in this run: what they no longer hold is gone from there.
     */
    void listedCompletely(String id) {
        listedCompletely.add(id);
    }

    boolean isListedCompletely(String id) {
        return listedCompletely.contains(id);
    }

    /** Ids that failed in this run: they keep their previous files. */
    IdSet failedIds() {
        return failed;
    }

    /**
     * Whether the walk may have missed objects (a listing or a subtree gave up): then nothing is removed, since
     * "not seen" would not mean "gone".
     */
    boolean incomplete() {
        return incomplete;
    }

    /** Counts an event; writer events are counted as they pass, side events when emitted. */
    void count(ExportEvent event) {
        if (meters != null) {
            ExportMeters.record(meters, event, spec.outputDir());
        }
        progress.onEvent(event);
        if (event instanceof ExportEvent.PageExported exported) {
            switch (exported.kind()) {
                case DATABASE -> databases.increment();
                case ROW -> {
                    rows.increment();
                    pages.increment();
                }
                case PAGE -> pages.increment();
            }
            if (exported.unchanged()) {
                unchanged.increment();
            }
            blocks.add(exported.blocks());
        } else if (event instanceof ExportEvent.PageWritten written) {
            switch (links.written(written)) {
                case CHANGED -> files.increment();
                case UNCHANGED -> filesUnchanged.increment();
                case NOW_CHANGED -> {
                    files.increment();
                    filesUnchanged.decrement();
                }
                case AGAIN -> {
                }
            }
        } else if (event instanceof ExportEvent.PageFailed failure) {
            failures.computeIfAbsent(failure.reason(), r -> new AtomicLong()).incrementAndGet();
            failed.add(failure.id());
            if (!ExportEvent.Reasons.UNSHARED.equals(failure.reason())
                    && !ExportEvent.Reasons.FORBIDDEN.equals(failure.reason())
                    && !ExportEvent.Reasons.DOWNLOAD_FAILED.equals(failure.reason())
                    && !ExportEvent.Reasons.TRUNCATED_VALUE.equals(failure.reason())) {
                incomplete = true;
            }
        } else if (event instanceof ExportEvent.Skipped skip
                && skips.add(skip.reason() + ":" + FileNames.normalizeId(skip.id()))) {
            // a page written again by the relink pass reports its unsupported blocks again: counted once
            skipped.computeIfAbsent(skip.reason(), r -> new AtomicLong()).incrementAndGet();
        }
    }

    ExportEvent.Finished finished() {
        if (meters != null) {
            meters.timer("notion.export.duration").record(Duration.between(started, Instant.now()));
        }
        return new ExportEvent.Finished(new ExportEvent.Summary(pages.sum(), rows.sum(), databases.sum(),
                unchanged.sum(), blocks.sum(), files.sum(), filesUnchanged.sum(), requests.sum(), retries.sum(),
                throttled.sum(), snapshot(failures), snapshot(skipped), Duration.between(started, Instant.now())));
    }

    private static Map<String, Long> snapshot(Map<String, AtomicLong> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((reason, count) -> copy.put(reason, count.get()));
        return copy;
    }
}
