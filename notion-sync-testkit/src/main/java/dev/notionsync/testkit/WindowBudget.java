package dev.notionsync.testkit;

import java.time.Clock;

/**
 * A budget of requests per fixed window (Notion's newest rate-limit text: a budget per 60-second window, sized by
 * the plan, that may be spent evenly or in one burst). Over it, the wait is the time until the window resets.
 */
final class WindowBudget implements RateBudget {

    private final int budget;
    private final long windowMillis;
    private final Clock clock;
    private long windowStart;
    private int used;

    WindowBudget(int budget, long windowMillis, Clock clock) {
        this.budget = Math.max(1, budget);
        this.windowMillis = windowMillis;
        this.clock = clock;
        this.windowStart = clock.millis();
    }

    @Override
    public synchronized long acquire() {
        long now = clock.millis();
        if (now >= windowStart + windowMillis) {
            // windows follow one another from the start, as a fixed window does, not from the first request after
            windowStart += (now - windowStart) / windowMillis * windowMillis;
            used = 0;
        }
        if (used < budget) {
            used++;
            return 0;
        }
        return windowStart + windowMillis - now;
    }

    @Override
    public synchronized void reset() {
        windowStart = clock.millis();
        used = 0;
    }
}
