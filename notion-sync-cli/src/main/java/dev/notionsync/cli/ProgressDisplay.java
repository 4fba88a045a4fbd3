package dev.notionsync.cli;

import dev.notionsync.core.Secrets;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.PageExport;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress: on a terminal one live line, redrawn at most five times a second; in {@code lines} mode one line per
 * object, exported or unchanged, for logs; otherwise only failures. Pages count rows, as the summary does.
 */
final class ProgressDisplay {

    /** How progress is shown. */
    enum Mode {
        /** A live line, for terminals. */
        LIVE,
        /** A line per object. */
        LINES,
        /** Failures only. */
        QUIET
    }

    private static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final PrintWriter err;
    private final String token;
    private final boolean live;
    private final boolean lines;
    private final long start = System.nanoTime();
    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong databases = new AtomicLong();
    private final AtomicLong blocks = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private long lastDraw;
    private boolean drawn;

    /**
     * @param err where progress goes
     * @param mode how it is shown
     * @param token the token in use, kept out of every line printed
     */
    ProgressDisplay(PrintWriter err, Mode mode, String token) {
        this.err = err;
        this.token = token;
        this.live = mode == Mode.LIVE;
        this.lines = mode == Mode.LINES;
    }

    synchronized void onEvent(ExportEvent event) {
        if (event instanceof ExportEvent.PageExported exported) {
            if (exported.kind() == PageExport.Kind.DATABASE) {
                databases.incrementAndGet();
            } else {
                pages.incrementAndGet();
            }
            blocks.addAndGet(exported.blocks());
            if (exported.unchanged()) {
                unchanged.incrementAndGet();
            }
            if (lines) {
                err.println((exported.unchanged() ? "unchanged " : "exported ")
                        + exported.kind().name().toLowerCase(Locale.ROOT) + " " + exported.id() + " " + exported.title().replaceAll("\\s+", " "));
                err.flush();
            }
        } else if (event instanceof ExportEvent.PageFailed failed) {
            failures.incrementAndGet();
            clear();
            err.println("  failed: " + failed.id() + " (" + failed.reason() + "): "
                    + Secrets.redact(failed.message(), token));
        } else if (event instanceof ExportEvent.OutageStarted outage && (live || lines)) {
            clear();
            err.println("  Notion unavailable, retrying in " + seconds(outage.retryIn()));
        } else if (event instanceof ExportEvent.OutageProbeFailed outage && (live || lines)) {
            clear();
            err.println("  Notion unavailable for " + seconds(outage.elapsed()) + ", retrying in "
                    + seconds(outage.retryIn()));
        } else if (event instanceof ExportEvent.OutageEnded outage && (live || lines)) {
            clear();
            err.println("  Notion is back after " + seconds(outage.duration()) + "; " + outage.heldRequests()
                    + " requests were held back instead of failing");
        } else if (event instanceof ExportEvent.Throttled throttled && live) {
            clear();
            err.println("  Notion asked to slow down (" + throttled.reason() + "): waiting "
                    + throttled.delay().toSeconds() + " s");
        }
        long now = System.nanoTime();
        if (live && now - lastDraw > REDRAW_NANOS) {
            lastDraw = now;
            double seconds = (now - start) / 1e9;
            err.printf("\r%,d pages, %,d databases, %,d unchanged, %,d blocks, %,d failures  %.0f s   ",
                    pages.get(), databases.get(), unchanged.get(), blocks.get(), failures.get(), seconds);
            err.flush();
            drawn = true;
        }
    }

    private static String seconds(java.time.Duration duration) {
        long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
        return seconds >= 120 ? seconds / 60 + " min " + seconds % 60 + " s" : seconds + " s";
    }

    synchronized void clear() {
        if (drawn) {
            err.print("\r\033[2K");
            err.flush();
            drawn = false;
        }
    }
}
