package dev.notionsync.testkit;

import java.time.Clock;

/** The optional rate limit: a token bucket of {@code rate} tokens per second holding at most {@code burst}. */
final class TokenBucket implements RateBudget {

    private final double rate;
    private final double burst;
    private final Clock clock;
    private double tokens;
    private long last;

    TokenBucket(double rate, int burst, Clock clock) {
        this.rate = rate;
        this.burst = Math.max(1, burst);
        this.clock = clock;
        this.tokens = this.burst;
        this.last = clock.millis();
    }

    /** Takes a token; returns 0 on success, or the milliseconds until a token is available. */
    @Override
    public synchronized long acquire() {
        long now = clock.millis();
        if (now > last) {
            tokens = Math.min(burst, tokens + (now - last) * rate / 1000.0);
            last = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) * 1000.0 / rate);
    }

    @Override
    public synchronized void reset() {
        tokens = burst;
        last = clock.millis();
    }
}
