package dev.notionsync.cli;

import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.PageExport;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live progress on a terminal: one line, redrawn at most five times a second. Off a terminal it prints only
 * failures, so logs of scripted runs stay short.
 */
final class ProgressDisplay {

    private static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final PrintWriter err;
    private final boolean live;
    private final long start = System.nanoTime();
    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong databases = new AtomicLong();
    private final AtomicLong blocks = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private long lastDraw;
    private boolean drawn;

    ProgressDisplay(PrintWriter err, boolean live) {
        this.err = err;
        this.live = live;
    }

    synchronized void onEvent(ExportEvent event) {
        if (event instanceof ExportEvent.PageExported exported) {
            if (exported.kind() == PageExport.Kind.DATABASE) {
                databases.incrementAndGet();
            } else {
                pages.incrementAndGet();
            }
            blocks.addAndGet(exported.blocks());
        } else if (event instanceof ExportEvent.PageFailed failed) {
            failures.incrementAndGet();
            clear();
            err.println("  failed: " + failed.id() + " (" + failed.reason() + "): " + failed.message());
        } else if (event instanceof ExportEvent.Throttled throttled && live) {
            clear();
            err.println("  Notion asked to slow down (" + throttled.reason() + "): waiting "
                    + throttled.delay().toSeconds() + " s");
        }
        long now = System.nanoTime();
        if (live && now - lastDraw > REDRAW_NANOS) {
            lastDraw = now;
            double seconds = (now - start) / 1e9;
            err.printf("\r%,d pages, %,d databases, %,d blocks, %,d failures  %.0f s   ", pages.get(),
                    databases.get(), blocks.get(), failures.get(), seconds);
            err.flush();
            drawn = true;
        }
    }

    synchronized void clear() {
        if (drawn) {
            err.print("\r\033[2K");
            err.flush();
            drawn = false;
        }
    }
}
