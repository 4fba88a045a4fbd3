package dev.notionsync.core;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds back every request of a client after Notion answered 429 or 529, until the {@code Retry-After} has passed.
 * Without it only the throttled request would wait, and the other requests in flight would keep hitting the limit.
 */
final class ThrottleGate {

    private final AtomicLong pausedUntilMillis = new AtomicLong();
    private final Scheduler scheduler;

    ThrottleGate(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    void pauseFor(Duration wait) {
        long until = scheduler.now(TimeUnit.MILLISECONDS) + wait.toMillis();
        pausedUntilMillis.accumulateAndGet(until, Math::max);
    }

    /** @return whether requests are held back now */
    boolean isPaused() {
        return pausedUntilMillis.get() > scheduler.now(TimeUnit.MILLISECONDS);
    }

    /** Completes at once when not paused, otherwise when the pause ends. */
    Mono<Void> await() {
        return Mono.defer(() -> {
            long wait = pausedUntilMillis.get() - scheduler.now(TimeUnit.MILLISECONDS);
            return wait <= 0 ? Mono.empty() : Mono.delay(Duration.ofMillis(wait), scheduler).then();
        });
    }
}
