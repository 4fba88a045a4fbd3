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
 *   <li>until the first 429, the rate grows by 25% every second in which the client used most of it, so a limit
 *       of twice the start is found within a few seconds;</li>
 *   <li>a 429 (or 529) sets it to 98% of the rate Notion granted: the most requests accepted over any span of the
 *       last 60 seconds, divided by that span plus the {@code Retry-After} asked for. That is what sending until
 *       the 429 and then waiting would sustain, whatever the limit's shape: a bucket that allows a second's worth
 *       of burst and asks for a second's wait, or a budget per 60-second window spent in one burst whose
 *       {@code Retry-After} is the rest of the window. Once per throttling: the other 429s of the same wait are the
 *       same signal. A 429 met above the start rate never takes it below the start, nor does a lone 429 met at
 *       the start: only one at the start within a minute of another (429s keep coming at the start, so the limit
 *       is below it), or one met below it, does;</li>
 *   <li>after that, it grows by 1% per step of 60 seconds, and each further 429 doubles the time between two steps
 *       (up to 4 minutes), so it stays just below the limit it found and probes past it rarely. When a throttling
 *       leaves the rate at the start, the start is the limit (Notion's documented average): it stops probing, as
 *       each probe past such a limit costs a refused request and a {@code Retry-After} of sending nothing, which a
 *       budget that small never repays, so that the workspace gets what the fixed default gets but the one
 *       throttling that found the limit.</li>
 * </ul>
 * Both are timed by the client's scheduler, so tests can run them in virtual time.
 */
final class RequestPace {

    private static final double SLOW_START_FACTOR = 1.25;
    private static final long SLOW_START_STEP_MILLIS = 1_000;
    private static final double PROBE_FACTOR = 1.01;
    // once per 60-second window, Notion's unit of budget: more often would mostly meet the same limit again
    private static final long FIRST_PROBE_STEP_MILLIS = 60_000;
    private static final long LONGEST_PROBE_STEP_MILLIS = 240_000;
    private static final double SETTLE = 0.98;
    // Notion's newest limit is a budget per 60-second window: a longer look back says nothing more
    private static final long MEASURE_MILLIS = 60_000;
    // answers to requests sent just before a wait arrive during it or right after, and say nothing new
    private static final long HOLD_AFTER_WAIT_MILLIS = 1_000;
    // the refused request met a budget that held part of it (a bucket refuses below one whole token): counted as half
    private static final double REFUSED_SHARE = 0.5;
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
    private long stepMillis = SLOW_START_STEP_MILLIS;
    private long lastChange;
    private long holdUntil;
    // the last throttling, counted again once its wait is over; throttledRate is 0 when that is done
    private long throttledAt;
    private long throttledWait;
    private double throttledRate;
    private boolean throttledAtStart;
    // the last throttling that counted, and whether it left the rate at the start (no more probing then)
    private long lastThrottled = Long.MIN_VALUE;
    private boolean limitIsStart;

    private RequestPace(RateLimit limit, Scheduler scheduler) {
        this.adaptive = limit.isAdaptive();
        this.scheduler = scheduler;
        this.clock = monotonic(scheduler);
        this.rate = limit.requestsPerSecond();
        this.lastChange = now();
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
            if (throttledRate > 0 && now >= throttledAt + throttledWait) {
                // the answers to requests sent before the 429 have all come by now: counted, they may show that
                // Notion granted more than the first count said
                double recounted = settled(throttledAt, throttledWait, throttledRate, throttledAtStart);
                throttledRate = 0;
                if (recounted > rate) {
                    // more was granted than the first count said: the limit is above the start after all
                    limitIsStart &= recounted <= RateLimit.ADAPTIVE_START;
                    return change(recounted, Math.max(now, lastChange));
                }
            }
            if (limitIsStart || now < holdUntil || now - lastChange < stepMillis
                    || sentSince(now - stepMillis) < USED * rate * stepMillis / 1000.0) {
                return Double.NaN;
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
            long wait = Math.max(0, retryAfter.toMillis());
            stepMillis = throttledOnce ? Math.min(LONGEST_PROBE_STEP_MILLIS, stepMillis * 2) : FIRST_PROBE_STEP_MILLIS;
            throttledOnce = true;
            holdUntil = now + wait + HOLD_AFTER_WAIT_MILLIS;
            // at the start rate itself, one 429 may be a burst of another client of the budget or the last of a
            // burst the client spent; only a second within a minute says the limit is below the start
            boolean again = lastThrottled != Long.MIN_VALUE && now - lastThrottled <= MEASURE_MILLIS;
            throttledAtStart = rate == RateLimit.ADAPTIVE_START && !again;
            lastThrottled = now;
            throttledAt = now;
            throttledWait = wait;
            throttledRate = rate;
            double next = settled(now, wait, rate, throttledAtStart);
            // a 429 above the start that leaves the rate at the start found the limit there; a lone one at the
            // start keeps what an earlier one found, and says nothing of a larger budget
            limitIsStart = next == RateLimit.ADAPTIVE_START && (limitIsStart || rate > RateLimit.ADAPTIVE_START);
            return change(next, holdUntil);
        }
    }

    /**
     * The rate Notion granted: over every span from an accepted request of the last {@link #MEASURE_MILLIS} to the
     * 429, the requests accepted in it divided by the span plus the wait asked for; the highest of these. Half the
     * rate in force when nothing was accepted.
     */
    private double granted(long throttledAt, long waitMillis) {
        double best = 0;
        int count = 0;
        var newestFirst = successes.descendingIterator();
        while (newestFirst.hasNext()) {
            long at = newestFirst.next();
            if (at < throttledAt - MEASURE_MILLIS) {
                break;
            }
            if (at > throttledAt + waitMillis) {
                // the answer to a request sent after the wait
                continue;
            }
            count++;
            if (at <= throttledAt) {
                // the span starts just before this answer, so that it counts; answers that came during the wait (to
                // requests sent before the 429) count in every span
                best = Math.max(best, (count + REFUSED_SHARE) * 1000.0 / (throttledAt - at + 1 + waitMillis));
            }
        }
        return count == 0 ? rate / 2 : best;
    }

    /**
     * The rate a throttling at {@code throttledAt} with this wait leads to, from the answers known now.
     *
     * @param loneAtStart whether it came at the start rate with no other throttling in the minute before
     */
    private double settled(long throttledAt, long waitMillis, double inForce, boolean loneAtStart) {
        // never above the rate in force: a 429 says it was too much, whatever the count suggests
        double next = Math.min(inForce, SETTLE * granted(throttledAt, waitMillis));
        if (inForce > RateLimit.ADAPTIVE_START || loneAtStart) {
            // a 429 above the documented average says the limit lies between it and the probe, not below it, and a
            // lone one at it says nothing more: only 429s that keep coming at or under the start rate take the rate
            // under it (else auto would lose to fixed)
            next = Math.max(next, RateLimit.ADAPTIVE_START);
        }
        return next;
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
