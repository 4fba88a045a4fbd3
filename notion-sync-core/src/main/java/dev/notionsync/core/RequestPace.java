package dev.notionsync.core;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The pace of one client's requests: a Resilience4j limiter handing out one permit per {@code 1/rate}, so requests
 * are spread evenly. A fixed {@link RateLimit} keeps its limiter; an adaptive one re-creates it at a new rate as
 * Notion's answers come in:
 * <ul>
 *   <li>until the first 429, the rate grows by 10% every 2 seconds in which the client used most of it;</li>
 *   <li>a 429 (or 529) sets it to 90% of the throughput Notion accepted over the last 10 seconds (never above the
 *       rate in force), once per throttling: the other 429s of the same wait are the same signal; a 429 met above
 *       the start rate never takes it below the start, so a workspace allowing only Notion's documented average
 *       gets all of it, as with the fixed default;</li>
 *   <li>after that, it grows by 2% per step, and each further 429 doubles the time between two steps (5 s up to
 *       40 s), so it stays just below the limit it found and probes it rarely.</li>
 * </ul>
 * Both are timed by the client's scheduler, so tests can run them in virtual time.
 */
final class RequestPace {

    private static final double SLOW_START_FACTOR = 1.1;
    private static final long SLOW_START_STEP_MILLIS = 2_000;
    private static final double PROBE_FACTOR = 1.02;
    private static final long FIRST_PROBE_STEP_MILLIS = 5_000;
    private static final long LONGEST_PROBE_STEP_MILLIS = 40_000;
    private static final double DECREASE = 0.9;
    private static final double SETTLE = 0.95;
    private static final long MEASURE_MILLIS = 10_000;
    private static final long SHORTEST_MEASURE_MILLIS = 2_000;
    // a step is taken only when the client sent at least this share of the rate: a limit that is never reached
    // tells nothing about the server, and raising it would only allow a burst later
    private static final double USED = 0.8;

    private final boolean adaptive;
    private final Scheduler scheduler;
    private final Supplier<Long> clock;
    private final ArrayDeque<Long> successes = new ArrayDeque<>();
    private volatile RateLimiter limiter;
    private volatile double rate;
    private boolean throttledOnce;
    private double settleAt;
    private long stepMillis = SLOW_START_STEP_MILLIS;
    private long lastChange;
    private long holdUntil;
    private long measuredSince;

    private RequestPace(RateLimit limit, Scheduler scheduler) {
        this.adaptive = limit.isAdaptive();
        this.scheduler = scheduler;
        this.clock = monotonic(scheduler);
        this.rate = limit.requestsPerSecond();
        this.lastChange = now();
        this.measuredSince = lastChange;
        this.limiter = rate > 0 ? limiter(rate) : null;
    }

    static RequestPace of(RateLimit limit, Scheduler scheduler) {
        return new RequestPace(limit, scheduler);
    }

    /** @return the limiter in force, or {@code null} when requests are not limited */
    RateLimiter limiter() {
        return limiter;
    }

    /** @return the current rate in requests per second; 0 means unlimited */
    double rate() {
        return rate;
    }

    /**
     * Notes a 2xx answer.
     *
     * @return the new rate when this answer raised it, otherwise {@link Double#NaN}
     */
    double onSuccess() {
        if (!adaptive) {
            return Double.NaN;
        }
        synchronized (this) {
            long now = now();
            successes.addLast(now);
            while (successes.size() > 1 && successes.peekFirst() < now - Math.max(MEASURE_MILLIS, stepMillis)) {
                successes.pollFirst();
            }
            boolean recovering = throttledOnce && rate < settleAt;
            long step = recovering || !throttledOnce ? SLOW_START_STEP_MILLIS : stepMillis;
            if (now < holdUntil || now - lastChange < step || sentSince(now - step) < USED * rate * step / 1000.0) {
                return Double.NaN;
            }
            if (recovering) {
                // back quickly to just below the throughput Notion accepted, then slowly past it
                return change(Math.min(settleAt, rate + Math.max(rate * (PROBE_FACTOR - 1), (settleAt - rate) / 2)),
                        now);
            }
            return change(rate * (throttledOnce ? PROBE_FACTOR : SLOW_START_FACTOR), now);
        }
    }

    /**
     * Notes a 429 or 529 answer.
     *
     * @param retryAfter how long Notion asked the client to wait
     * @return the new rate when this answer lowered it, otherwise {@link Double#NaN}
     */
    double onThrottled(Duration retryAfter) {
        if (!adaptive) {
            return Double.NaN;
        }
        synchronized (this) {
            long now = now();
            if (now < holdUntil) {
                return Double.NaN;
            }
            // the last wait is left out: no request was sent during it
            long from = Math.max(now - MEASURE_MILLIS, measuredSince);
            long span = now - from;
            double accepted = span >= SHORTEST_MEASURE_MILLIS ? sentSince(from) * 1000.0 / span : rate;
            stepMillis = throttledOnce ? Math.min(LONGEST_PROBE_STEP_MILLIS, stepMillis * 2) : FIRST_PROBE_STEP_MILLIS;
            throttledOnce = true;
            // the answers to requests sent before the wait began arrive during it and say nothing new
            holdUntil = now + retryAfter.toMillis() + SLOW_START_STEP_MILLIS;
            measuredSince = now + retryAfter.toMillis();
            // below the accepted throughput for a moment, so a token bucket can fill again, then settle just under it
            settleAt = SETTLE * Math.min(rate, accepted);
            double next = DECREASE * Math.min(rate, accepted);
            if (rate > RateLimit.ADAPTIVE_START) {
                // a 429 above the documented average says the limit lies between it and the probe, not below it:
                // only a 429 at or under the start rate takes the rate under it (else auto would lose to fixed)
                settleAt = Math.max(settleAt, RateLimit.ADAPTIVE_START);
                next = Math.max(next, RateLimit.ADAPTIVE_START);
            }
            return change(next, holdUntil);
        }
    }

    private double change(double wanted, long at) {
        double next = Math.max(RateLimit.ADAPTIVE_MIN, Math.min(RateLimit.ADAPTIVE_MAX, wanted));
        lastChange = at;
        if (next == rate) {
            return Double.NaN;
        }
        rate = next;
        RateLimiter fresh = limiter(next);
        // the new limiter would hand out its first permit at once, on top of those the old one already promised to
        // requests waiting for it: its own first permit comes after the old one's last
        fresh.drainPermissions();
        long promised = limiter.getMetrics() instanceof AtomicRateLimiter.AtomicRateLimiterMetrics metrics
                ? metrics.getNanosToWait() : 0;
        long period = fresh.getRateLimiterConfig().getLimitRefreshPeriod().toNanos();
        for (long covered = period; covered < promised; covered += period) {
            fresh.reservePermission();
        }
        limiter = fresh;
        return next;
    }

    private int sentSince(long from) {
        int count = 0;
        var newestFirst = successes.descendingIterator();
        while (newestFirst.hasNext() && newestFirst.next() > from) {
            count++;
        }
        return count;
    }

    private RateLimiter limiter(double requestsPerSecond) {
        // one permit per slot of 1/rate: an even pace that never bursts above the budget
        long periodNanos = Math.max(1, Math.round(1_000_000_000d / requestsPerSecond));
        return new AtomicRateLimiter("notion-api", RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofNanos(periodNanos))
                .timeoutDuration(Duration.ofDays(1))
                .build(), Map.of(), clock);
    }

    private long now() {
        return scheduler.now(TimeUnit.MILLISECONDS);
    }

    /**
     * The scheduler's time in nanoseconds, never going back: a wall clock set back would otherwise make the limiter
     * wait for the lost time. Follows the scheduler so that virtual time paces the limiter too.
     */
    private static Supplier<Long> monotonic(Scheduler scheduler) {
        long[] last = {scheduler.now(TimeUnit.NANOSECONDS)};
        long[] elapsed = {0};
        return () -> {
            synchronized (last) {
                long raw = scheduler.now(TimeUnit.NANOSECONDS);
                elapsed[0] += Math.max(0, raw - last[0]);
                last[0] = raw;
                return elapsed[0];
            }
        };
    }
}
