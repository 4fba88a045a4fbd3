package dev.notionsync.core.export;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The crawl's frontier: a stream of sources of work (search results, a data source's rows, the child pages found in
 * a page), merged and processed with bounded concurrency. Sources are cold and demand-driven, so a listing is only
 * read as fast as objects are exported; only ids (the visited set and queued child ids) grow with the workspace.
 * When every source is exhausted and every item processed, the queue asks for the next source of its later phases
 * (the removal candidates that still exist, then the objects replayed from the export state); it completes when the
 * phases give none.
 */
final class WorkQueue {

    /** Sources read at the same time (each holds at most one page of 100 listed objects). */
    private static final int OPEN_SOURCES = 16;

    private final Sinks.Many<Flux<Work>> sources = Sinks.many().unicast().onBackpressureBuffer();
    private final IdSet visited;
    private final AtomicLong open = new AtomicLong();
    private volatile Supplier<Flux<Work>> next = () -> null;
    private final Consumer<String> discovered;

    /**
     * @param ids the numbers of the run's ids, which the visited set is kept over
     * @param discovered told each id the first time the queue takes it, so progress knows the object
     */
    WorkQueue(IdTable ids, Consumer<String> discovered) {
        this.visited = new IdSet(ids);
        this.discovered = discovered;
    }

    /** Adds a source of work; items whose id was seen before are dropped. */
    void add(Flux<Work> source) {
        open.incrementAndGet();
        synchronized (sources) {
            sources.tryEmitNext(source);
        }
    }

    /** Marks an id as seen without queuing it, for instance when its export failed in a way that must not repeat. */
    boolean visit(String id) {
        boolean first = visited.add(id);
        if (first) {
            discovered.accept(id);
        }
        return first;
    }

    /** Whether an id was already taken from the queue; lets callers avoid queuing what would be dropped anyway. */
    boolean visited(String id) {
        return visited.contains(id);
    }

    /**
     * Processes the work with bounded concurrency.
     *
     * @param process turns one unit of work into a result
     * @param concurrency units processed at the same time
     * @param whenDrained asked each time everything queued is processed, for the next source; null when there is none
     *     left, which completes the queue
     */
    <T> Flux<T> run(Function<Work, ? extends Publisher<T>> process, int concurrency, Supplier<Flux<Work>> whenDrained) {
        this.next = whenDrained;
        return sources.asFlux()
                .flatMap(source -> source
                        // a replay re-emits what the state holds, whether or not the crawl met the id before
                        .filter(work -> work instanceof Work.Replays || visit(work.id()))
                        .doOnNext(work -> open.incrementAndGet())
                        .doFinally(signal -> done()), OPEN_SOURCES, 1)
                .flatMap(work -> Flux.from(process.apply(work)).doFinally(signal -> done()), concurrency, 1);
    }

    private void done() {
        if (open.decrementAndGet() == 0) {
            Flux<Work> more = next.get();
            if (more != null) {
                add(more);
                return;
            }
            synchronized (sources) {
                sources.tryEmitComplete();
            }
        }
    }
}
