package dev.notionsync.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C or SIGTERM during an export: cancels it, lets the report and the summary be written (for a few seconds at
 * most), and ends the JVM with {@link ExitCodes#INTERRUPTED}. Held only while the export runs.
 */
final class Interruption implements AutoCloseable {

    /** The longest the JVM waits for the cancelled export to write its report and the summary to be printed. */
    static final Duration GRACE = Duration.ofSeconds(5);

    private final Thread hook;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean interrupted;

    /**
     * @param export the running export
     * @param afterCancel prints what was done, once the cancelled export has written its report
     */
    Interruption(Future<?> export, Runnable afterCancel) {
        hook = new Thread(() -> {
            interrupted = true;
            // the engine writes its report on the cancelling thread; a thread of our own keeps the wait bounded
            Thread stop = new Thread(() -> {
                if (export.cancel(true)) {
                    afterCancel.run();
                }
            }, "notion-sync-stop");
            stop.setDaemon(true);
            stop.start();
            try {
                stop.join(GRACE.toMillis());
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            ended.countDown();
            // System.exit cannot be called from a shutdown hook; the status of a JVM ended by a signal is 128+n
            Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
        }, "notion-sync-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Returns whether the export was cancelled by Ctrl-C or SIGTERM, in which case the caller waits for the end
     * ({@link #awaitEnd()}) rather than reporting a failure.
     */
    boolean interrupted() {
        return interrupted;
    }

    /** Waits (bounded) while the shutdown hook prints what was done and ends the JVM. */
    void awaitEnd() throws InterruptedException {
        ended.await(2 * GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting; the hook runs anyway
        }
    }
}
