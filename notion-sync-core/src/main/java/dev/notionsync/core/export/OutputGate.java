package dev.notionsync.core.export;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * The blocking steps of one export that write into its output folder (snapshots, state records, writers' files,
 * downloads), counted while they run. A cancel closes the gate: a step that had not begun is refused, and the
 * cancelling thread can wait for those in flight, so once {@code cancel()} returns nothing writes into the folder
 * any more and the caller may read, move or delete it. Reactor's cancel does not wait for work already running on
 * other threads; this is what does.
 */
final class OutputGate {

    private int inFlight;
    private boolean closed;

    /**
     * Runs a step that writes into the output folder.
     *
     * @throws CancellationException if the export was cancelled before the step began
     */
    <T> T writing(Supplier<T> step) {
        enter(false);
        try {
            return step.get();
        } finally {
            exit();
        }
    }

    /** Runs a step that writes into the output folder and returns nothing, as {@link #writing(Supplier)} does. */
    void write(Runnable step) {
        writing(() -> {
            step.run();
            return null;
        });
    }

    /** Runs a step that removes what a step began (a temporary file), even after the cancel. */
    void cleanup(Runnable step) {
        enter(true);
        try {
            step.run();
        } finally {
            exit();
        }
    }

    /**
     * Runs a step that writes into the output folder unless the export was cancelled.
     *
     * @return whether the step ran
     */
    boolean ifOpen(Runnable step) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            inFlight++;
        }
        try {
            step.run();
            return true;
        } finally {
            exit();
        }
    }

    /**
     * Counts a step in flight from now until {@link #exit()}.
     *
     * @param cleanup whether the step removes what was begun (a temporary file): those are let in after the cancel,
     *     as it is the cancel that starts them
     * @throws CancellationException if the export was cancelled and the step is not a cleanup
     */
    synchronized void enter(boolean cleanup) {
        if (closed && !cleanup) {
            throw new CancellationException("the export was cancelled");
        }
        inFlight++;
    }

    /** Ends a step counted by {@link #enter(boolean)}. */
    synchronized void exit() {
        inFlight--;
        if (inFlight == 0) {
            notifyAll();
        }
    }

    /** Refuses the steps that have not begun. */
    synchronized void close() {
        closed = true;
    }

    /**
     * Waits until no step is in flight, at most {@code patience}: a step stuck on a hung disk must not hold a
     * Ctrl-C forever.
     *
     * @return whether the folder is quiet
     */
    synchronized boolean awaitQuiet(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        try {
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
