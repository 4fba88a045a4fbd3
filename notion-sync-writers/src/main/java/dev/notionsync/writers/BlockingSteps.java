package dev.notionsync.writers;

import dev.notionsync.core.export.ExportContext;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.PageExport;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
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
    static Flux<ExportEvent> each(Flux<PageExport> exports, ExportContext context,
            Function<PageExport, List<ExportEvent>> step) {
        // an upstream error waits for the step in flight: a file being written is finished (or its temporary file
        // removed) before the stream ends, so nothing half-written outlives the error; a cancel waits for it
        // through the context
        return exports.concatMapDelayError(export -> Mono.fromCallable(() -> guarded(context,
                                () -> apply(step, export)))
                        .subscribeOn(Schedulers.boundedElastic()), false, 1)
                .concatMapIterable(events -> events);
    }

    /**
     * Runs a step through the context's count of steps writing into the output folder; one the export's cancel
     * refused gives nothing (an empty publisher), as nobody listens any more.
     */
    private static <T> T guarded(ExportContext context, Callable<T> step) throws Exception {
        try {
            return context.writing(() -> {
                try {
                    return step.call();
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Exception e) {
                    throw new Checked(e);
                }
            });
        } catch (CancellationException refused) {
            return null;
        } catch (Checked wrapped) {
            throw wrapped.original;
        }
    }

    /** A checked exception of a step, carried through {@link ExportContext#writing}. */
    private static final class Checked extends RuntimeException {
        final Exception original;

        Checked(Exception cause) {
            super(cause);
            this.original = cause;
        }
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
    static <S> Flux<ExportEvent> withState(Flux<PageExport> exports, ExportContext context, Callable<S> open,
            BiFunction<S, PageExport, List<ExportEvent>> step, Function<S, List<ExportEvent>> finish,
            Consumer<S> close) {
        return Flux.usingWhen(
                Mono.fromCallable(() -> guarded(context, open)).subscribeOn(Schedulers.boundedElastic()),
                state -> each(exports, context, export -> step.apply(state, export))
                        .concatWith(Mono.fromCallable(() -> guarded(context, () -> finish.apply(state)))
                                .subscribeOn(Schedulers.boundedElastic())
                                .flatMapIterable(events -> events)),
                state -> context.cleanup(() -> close.accept(state)));
    }
}
