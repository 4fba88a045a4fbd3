package dev.notionsync.cli;

import dev.notionsync.core.Secrets;
import dev.notionsync.core.export.ExportEvent;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Progress: on a terminal a progress bar (percentage, objects done of those known, objects/s, requests/s, ETA) whose
 * last part is one status that updates in place (throttling, an outage); in {@code lines} mode one line per object,
 * exported or unchanged, and every few seconds a line with the same figures, for logs; otherwise only failures. A
 * rerun's pass through the writers after its crawl is shown as its own stage ("writing files"), counted from zero.
 * <p>
 * The bar redraws on its own timer, so the clock keeps running while requests wait for the rate limit, a retry or
 * the end of an outage.
 */
final class ProgressDisplay {

    /** How progress is shown. */
    enum Mode {
        /** A progress bar, for terminals. */
        LIVE,
        /** A line per object, and the figures every few seconds. */
        LINES,
        /** Failures only. */
        QUIET
    }

    /** Time between two figure lines in {@code lines} mode. */
    static final Duration LINES_PERIOD = Duration.ofSeconds(5);
    /** How long a throttling status stays after its wait is over, when no other 429 comes. */
    private static final long STATUS_LINGER_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final PrintWriter err;
    private final String token;
    private final Mode mode;
    private final ProgressBar bar;
    private final LongSupplier nanos;
    private ExportEvent.Progress last = new ExportEvent.Progress(0, 0, 0, Duration.ZERO);
    private Duration lastLine = Duration.ZERO;
    private String status = "";
    private long statusUntil;
    private boolean closed;

    /**
     * @param err where progress goes
     * @param mode how it is shown
     * @param token the token in use, kept out of every line printed
     */
    ProgressDisplay(PrintWriter err, Mode mode, String token) {
        this(err, mode, token, mode == Mode.LIVE ? terminal(err) : null, System::nanoTime);
    }

    /**
     * @param bar where the live bar is drawn, used in {@link Mode#LIVE} only
     * @param nanos the clock that ends a throttling status
     */
    ProgressDisplay(PrintWriter err, Mode mode, String token, ProgressBarConsumer bar, LongSupplier nanos) {
        this.err = err;
        this.token = token;
        this.mode = mode;
        this.nanos = nanos;
        this.bar = mode == Mode.LIVE ? new ProgressBarBuilder()
                .setTaskName("Export")
                .setInitialMax(-1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" objects", 1)
                // redrawn on every tick, moved or not: the elapsed time runs on while requests wait
                .continuousUpdate()
                .setUpdateIntervalMillis(200)
                // the export's estimate: it knows the objects still queued, the bar only its own counter
                .setEtaFunction(state -> last.eta())
                .setConsumer(bar)
                .build() : null;
    }

    /** Draws on the terminal through the same writer as every other line, so a line never cuts a frame. */
    private static ProgressBarConsumer terminal(PrintWriter err) {
        return new DelegatingProgressBarConsumer(frame -> {
            err.print("\r" + frame);
            err.flush();
        }, terminalWidth());
    }

    private static int terminalWidth() {
        try {
            return Math.max(60, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "120").trim()) - 1);
        } catch (NumberFormatException notANumber) {
            return 119;
        }
    }

    synchronized void onEvent(ExportEvent event) {
        if (event instanceof ExportEvent.PageExported exported) {
            if (mode == Mode.LINES) {
                print((exported.unchanged() ? "unchanged " : "exported ")
                        + exported.kind().name().toLowerCase(Locale.ROOT) + " " + exported.id() + " "
                        + exported.title().replaceAll("\\s+", " "));
            }
        } else if (event instanceof ExportEvent.PageFailed failed) {
            print("  failed: " + failed.id() + " (" + failed.reason() + "): "
                    + Secrets.redact(failed.message(), token));
        } else if (event instanceof ExportEvent.Progress progress) {
            progress(progress);
        } else if (event instanceof ExportEvent.Finished) {
            if (mode == Mode.LINES && last.elapsed().compareTo(lastLine) > 0) {
                print(figures(last));
            }
            close();
        } else if (event instanceof ExportEvent.OutageStarted outage) {
            status("Notion unavailable, retrying in " + seconds(outage.retryIn()), Long.MAX_VALUE);
        } else if (event instanceof ExportEvent.OutageProbeFailed outage) {
            status("Notion unavailable for " + seconds(outage.elapsed()) + ", retrying in "
                    + seconds(outage.retryIn()), Long.MAX_VALUE);
        } else if (event instanceof ExportEvent.OutageEnded outage && mode != Mode.QUIET) {
            status = "";
            statusUntil = 0;
            print("  Notion is back after " + seconds(outage.duration()) + "; " + outage.heldRequests()
                    + " requests were held back instead of failing");
        } else if (event instanceof ExportEvent.Throttled throttled && mode == Mode.LIVE
                && statusUntil != Long.MAX_VALUE) {
            // each 429 rewrites the same status; an outage's status says more and stays until the outage ends
            status("Notion asked to slow down (" + throttled.reason() + "), waiting " + seconds(throttled.delay()),
                    nanos.getAsLong() + throttled.delay().toNanos() + STATUS_LINGER_NANOS);
        }
    }

    private void progress(ExportEvent.Progress progress) {
        last = progress;
        if (mode == Mode.LINES && progress.elapsed().minus(lastLine).compareTo(LINES_PERIOD) >= 0) {
            lastLine = progress.elapsed();
            print(figures(progress));
        } else if (bar != null) {
            if (!status.isEmpty() && nanos.getAsLong() - statusUntil > 0) {
                status = "";
            }
            bar.maxHint(progress.known());
            bar.stepTo(progress.done());
            bar.setExtraMessage(extra());
        }
    }

    /** Sets the status: on the bar it replaces the previous one; in lines mode an outage still gets its line. */
    private void status(String text, long until) {
        if (bar != null) {
            status = text;
            statusUntil = until;
            bar.setExtraMessage(extra());
            bar.refresh();
        } else if (mode == Mode.LINES) {
            print("  " + text);
        }
    }

    private String extra() {
        String rate = String.format(Locale.ROOT, "%s %.1f objects/s, %.1f requests/s", stage(last),
                last.objectsPerSecond(), last.requestsPerSecond());
        return status.isEmpty() ? rate : rate + " | " + status;
    }

    /** The figures of a progress event on one line, for logs. */
    static String figures(ExportEvent.Progress progress) {
        return String.format(Locale.ROOT, "progress:%s %.0f%% (%,d of %,d objects), %.1f objects/s, %.1f requests/s,"
                        + " ETA %s, %s elapsed", stage(progress), Math.floor(progress.percent()), progress.done(),
                progress.known(),
                progress.objectsPerSecond(), progress.requestsPerSecond(), eta(progress.eta()),
                clock(progress.elapsed()));
    }

    /** The writing stage is named: its figures count files written, not objects crawled. */
    private static String stage(ExportEvent.Progress progress) {
        return progress.stage() == ExportEvent.Progress.Stage.WRITING ? " writing files," : "";
    }

    private static String eta(Optional<Duration> eta) {
        return eta.map(ProgressDisplay::clock).orElse("unknown");
    }

    private static String clock(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60,
                seconds % 60) : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    private static String seconds(Duration duration) {
        long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
        return seconds >= 120 ? seconds / 60 + " min " + seconds % 60 + " s" : seconds + " s";
    }

    /** Prints a line of its own, above the bar when there is one (the bar redraws on its next tick). */
    private void print(String line) {
        err.print(bar != null ? "\r\033[2K" + line + System.lineSeparator() : line + System.lineSeparator());
        err.flush();
    }

    /** Stops the bar, leaving its last frame on screen; the summary follows on the next line. */
    synchronized void clear() {
        close();
    }

    private void close() {
        if (bar != null && !closed) {
            closed = true;
            status = "";
            bar.setExtraMessage(extra());
            bar.close();
            err.println();
            err.flush();
        }
    }
}
