package dev.notionsync.core.export;

import reactor.core.scheduler.Schedulers;

/**
 * The rule that file writes never run on a non-blocking thread (a Netty event loop, Reactor's parallel scheduler):
 * a write there stalls every connection of the loop. Checked with {@code assert}, so the tests (which run with
 * assertions on) catch a write that strays onto such a thread, at no cost in production.
 */
final class OffTheEventLoop {

    private OffTheEventLoop() {
    }

    /**
     * Returns {@code true} on a thread that may block, and throws otherwise.
     *
     * @param what what is being written, for the message
     * @throws IllegalStateException on a non-blocking thread
     */
    static boolean check(String what) {
        if (Schedulers.isInNonBlockingThread()) {
            throw new IllegalStateException("a write of " + what + " ran on the non-blocking thread "
                    + Thread.currentThread().getName() + "; file I/O belongs on Schedulers.boundedElastic()");
        }
        return true;
    }
}
