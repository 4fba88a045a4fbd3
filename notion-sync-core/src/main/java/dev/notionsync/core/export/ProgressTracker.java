package dev.notionsync.core.export;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts how many objects an export knows and how many of them are done, for {@link ExportEvent.Progress}.
 * <p>
 * "Known" is fed by whatever discovers objects ({@link #discovered(String)}): today the crawl's frontier when it
 * first meets an id, and any listing that reads ahead of the walk. Ids are kept once each, so two discoverers
 * reporting the same object count it once; an object announced done without having been discovered becomes known
 * at that moment, so the total never falls below the done count. Memory is a few bits per object ({@link IdSet}),
 * like the crawl's visited set.
 * <p>
 * A rerun that keeps its objects for the writers until the crawl is done ends the crawl with every object done
 * although nothing has been written yet; {@link #writing(long)} starts the stage that counts them through the
 * writers, so the display does not sit at 100% while the files are written.
 */
final class ProgressTracker {

    /** The failure reasons that leave the object exported (a file or a value is missing, not the object). */
    private static final Set<String> PARTIAL = Set.of(ExportEvent.Reasons.DOWNLOAD_FAILED,
            ExportEvent.Reasons.TRUNCATED_VALUE, ExportEvent.Reasons.FILE_TOO_LARGE);

    private final IdTable ids;
    /** Each known id, and those of them that are done: changed together, under this tracker's lock. */
    private final IdSet known;
    private final IdSet finished;
    private final AtomicLong done = new AtomicLong();
    private final LongAdder requests = new LongAdder();
    /** The writing stage: null during the crawl. */
    private volatile Writing writing;

    /** The objects the writing stage hands to the writers, and those handed; ids once each (a relink is no new one). */
    private static final class Writing {
        final AtomicLong total;
        final IdSet written;
        final long startMillis;

        Writing(IdTable ids, long total, long startMillis) {
            this.written = new IdSet(ids);
            this.total = new AtomicLong(total);
            this.startMillis = startMillis;
        }
    }

    /** @param ids the numbers of the run's ids, which the sets of ids are kept over */
    ProgressTracker(IdTable ids) {
        this.ids = ids;
        this.known = new IdSet(ids);
        this.finished = new IdSet(ids);
    }

    /** Records an object found by a listing or by the walk; an id reported twice counts once. */
    void discovered(String id) {
        known.add(id);
    }

    /** Records an API answer. */
    void request() {
        requests.increment();
    }

    /** Reads an export event: an object exported, unchanged, failed or skipped is done. */
    void onEvent(ExportEvent event) {
        if (event instanceof ExportEvent.PageExported exported) {
            Writing stage = writing;
            if (stage != null) {
                stage.written.add(exported.id());
            }
            finished(exported.id(), true);
        } else if (event instanceof ExportEvent.PageFailed failed && !PARTIAL.contains(failed.reason())) {
            // a failure names a block or a file as often as an object: only an object the export knows is done
            Writing stage = writing;
            if (stage != null && known.contains(failed.id())) {
                // an object whose snapshot could not be read back is done with, unwritten
                stage.written.add(failed.id());
            }
            finished(failed.id(), false);
        } else if (event instanceof ExportEvent.Skipped skipped) {
            finished(skipped.id(), false);
        }
    }

    /**
     * Records an object the crawl is done with although it reaches the writers only later (a rerun hands them its
     * objects after the crawl): done now, and once only when it is exported.
     */
    void crawled(String id) {
        finished(id, true);
    }

    /** Marks an id done once; an object becomes known if it was not, a failed block or file (not known) is ignored. */
    private void finished(String id, boolean object) {
        synchronized (this) {
            if (finished.contains(id) || !object && !known.contains(id)) {
                return;
            }
            known.add(id);
            finished.add(id);
        }
        done.incrementAndGet();
    }

    /**
     * Starts the writing stage: the crawl is done and {@code objects} wait for the writers.
     *
     * @param objects how many objects are handed to the writers, as far as known now
     */
    void writing(long objects) {
        writing = new Writing(ids, objects, Schedulers.parallel().now(TimeUnit.MILLISECONDS));
    }

    /** Adds objects to the writing stage's total, found once it had started (the previous run's leftovers). */
    void toWrite(long objects) {
        Writing stage = writing;
        if (stage != null) {
            stage.total.addAndGet(objects);
        }
    }

    /**
     * Returns the figures now.
     *
     * @param elapsed the time since the export started
     */
    ExportEvent.Progress snapshot(Duration elapsed) {
        return snapshot(elapsed, Schedulers.parallel().now(TimeUnit.MILLISECONDS));
    }

    private ExportEvent.Progress snapshot(Duration elapsed, long nowMillis) {
        Writing stage = writing;
        if (stage != null) {
            long written = stage.written.size();
            Duration inStage = Duration.ofMillis(Math.max(0, nowMillis - stage.startMillis));
            return new ExportEvent.Progress(Math.max(stage.total.get(), written), written, requests.sum(), elapsed,
                    ExportEvent.Progress.Stage.WRITING, inStage.compareTo(elapsed) > 0 ? elapsed : inStage);
        }
        long finished = done.get();
        // read after the done count: an object discovered and finished in between still leaves known >= done
        long known = Math.max(this.known.size(), finished);
        return new ExportEvent.Progress(known, finished, requests.sum(), elapsed);
    }

    /**
     * A progress event every {@code period} until {@code end} signals, then a last one. The clock is the parallel
     * scheduler's (virtual in tests) and starts at subscription, which is the export's start; it keeps running
     * whatever the export waits for (throttling, an outage, a retried connection).
     *
     * @param period the time between two events
     * @param end signals (or completes) when the crawl is done
     */
    Flux<ExportEvent> events(Duration period, Publisher<?> end) {
        return Flux.defer(() -> {
            Scheduler clock = Schedulers.parallel();
            long start = clock.now(TimeUnit.MILLISECONDS);
            Mono<ExportEvent> last = Mono.fromCallable(() -> since(clock, start));
            return Flux.interval(period, clock)
                    .<ExportEvent>map(tick -> since(clock, start))
                    .takeUntilOther(Flux.from(end).materialize())
                    .concatWith(last);
        });
    }

    private ExportEvent.Progress since(Scheduler clock, long start) {
        long now = clock.now(TimeUnit.MILLISECONDS);
        return snapshot(Duration.ofMillis(now - start), now);
    }
}
