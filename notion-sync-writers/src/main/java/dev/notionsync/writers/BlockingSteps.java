package dev.notionsync.writers;

import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.PageExport;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The frame the file writers share: their blocking steps (rendering, writing files, spooling) run on
 * {@link Schedulers#boundedElastic()}, one export at a time and in order, so Reactor's threads never block and a
 * writer's files are written one after the other.
 */
final class BlockingSteps {

    private BlockingSteps() {
    }

    /**
     * Runs a step for each export, one at a time and in order.
     *
     * @param exports the exports
     * @param step writes one export and returns its events
     * @return the events of every export, in order
     */
    static Flux<ExportEvent> each(Flux<PageExport> exports, Function<PageExport, List<ExportEvent>> step) {
        // an upstream error waits for the step in flight: a file being written is finished (or its temporary file
        // removed) before the stream ends, so nothing half-written outlives the error
        return exports.concatMapDelayError(export -> Mono.fromCallable(() -> apply(step, export))
                        .subscribeOn(Schedulers.boundedElastic()), false, 1)
                .concatMapIterable(events -> events);
    }

    private static List<ExportEvent> apply(Function<PageExport, List<ExportEvent>> step, PageExport export) {
        try {
            return step.apply(export);
        } catch (LinkageError broken) {
            // Reactor rethrows linkage errors as fatal, which would leave the export waiting forever; a class
            // missing from a broken installation must end it with a message instead
            throw new IllegalStateException("notion-sync is not installed correctly: " + broken, broken);
        }
    }

    /**
     * Runs a step for each export with state opened for the subscription, then a last step when the exports
     * complete; the state is closed however the subscription ends (completion, error or cancellation).
     *
     * @param exports the exports
     * @param open opens the state, such as temporary files
     * @param step writes or keeps one export and returns its events
     * @param finish writes what waited for the end and returns its events
     * @param close releases the state
     * @param <S> the state
     * @return the events of every export, then those of the last step
     */
    static <S> Flux<ExportEvent> withState(Flux<PageExport> exports, Callable<S> open,
            BiFunction<S, PageExport, List<ExportEvent>> step, Function<S, List<ExportEvent>> finish,
            Consumer<S> close) {
        return Flux.usingWhen(
                Mono.fromCallable(open).subscribeOn(Schedulers.boundedElastic()),
                state -> each(exports, export -> step.apply(state, export))
                        .concatWith(Mono.fromCallable(() -> finish.apply(state))
                                .subscribeOn(Schedulers.boundedElastic())
                                .flatMapIterable(events -> events)),
                state -> Mono.fromRunnable(() -> close.accept(state)).subscribeOn(Schedulers.boundedElastic()));
    }
}
