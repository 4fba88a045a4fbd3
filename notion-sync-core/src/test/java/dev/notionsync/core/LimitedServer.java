package dev.notionsync.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transport double with a rate limit on the virtual clock, answering 2xx after 100 ms within it and 429 with
 * {@code Retry-After} (whole seconds) over it: a token bucket of {@code rate} tokens per second holding
 * {@code burst}, whose {@code Retry-After} is the time to the next token, or a budget per 60-second window, whose
 * {@code Retry-After} is the time until the window resets (Notion's newest rate-limit text). A request can also be
 * refused once at a given time whatever the budget, as when another client of the same budget spends it.
 */
final class LimitedServer implements NotionTransport {

    private static final ObjectNode PAGE = Json.object().put("object", "page").put("id", "p1");
    private static final long WINDOW_MILLIS = 60_000;

    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger throttled = new AtomicInteger();
    /** Virtual times of the requests received, in milliseconds. */
    final List<Long> received = new CopyOnWriteArrayList<>();
    /** Virtual times of the 429 answers, in milliseconds. */
    final List<Long> refused = new CopyOnWriteArrayList<>();
    private final double rate;
    private final double burst;
    private final boolean window;
    private final List<Long> refuseOnce = new CopyOnWriteArrayList<>();
    private double tokens;
    private long last = -1;
    private long windowStart = -1;

    private LimitedServer(double rate, double burst, boolean window) {
        this.rate = rate;
        this.burst = burst;
        this.window = window;
        this.tokens = burst;
    }

    /** A token bucket: {@code rate} a second, {@code burst} at most. */
    static LimitedServer bucket(double rate, int burst) {
        return new LimitedServer(rate, burst, false);
    }

    /** A budget of {@code 60 * rate} requests per 60-second window, which may be spent in one burst. */
    static LimitedServer window(double rate) {
        return new LimitedServer(rate, rate * WINDOW_MILLIS / 1000, true);
    }

    /**
     * Refuses the first request received at or after each of these virtual times, with {@code Retry-After: 1}, as a
     * burst of another client of the same budget would; the budget is not touched.
     */
    LimitedServer refusingOnceAt(long... millis) {
        for (long at : millis) {
            refuseOnce.add(at);
        }
        return this;
    }

    /** No limit at all. */
    static LimitedServer unlimited() {
        return new LimitedServer(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, false);
    }

    @Override
    public Mono<JsonNode> exchange(NotionRequest request) {
        return Mono.defer(() -> {
            long now = Schedulers.parallel().now(TimeUnit.MILLISECONDS);
            received.add(now);
            if (refusedOnce(now)) {
                throttled.incrementAndGet();
                refused.add(now);
                return Mono.error(ScriptedTransport.error(429, "rate_limited", "1"));
            }
            long wait = take(now);
            if (wait > 0) {
                throttled.incrementAndGet();
                refused.add(now);
                return Mono.error(ScriptedTransport.error(429, "rate_limited",
                        Long.toString(Math.max(1, (wait + 999) / 1000))));
            }
            accepted.incrementAndGet();
            return Mono.delay(Duration.ofMillis(100)).thenReturn(PAGE);
        });
    }

    private synchronized boolean refusedOnce(long now) {
        for (Long at : refuseOnce) {
            if (at <= now) {
                refuseOnce.remove(at);
                return true;
            }
        }
        return false;
    }

    /** Takes one request from the budget; returns 0, or the milliseconds until the budget allows one again. */
    private synchronized long take(long now) {
        if (Double.isInfinite(rate)) {
            return 0;
        }
        if (window) {
            if (windowStart < 0 || now >= windowStart + WINDOW_MILLIS) {
                windowStart = now;
                tokens = burst;
            }
        } else if (last >= 0) {
            tokens = Math.min(burst, tokens + (now - last) * rate / 1000.0);
        }
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return window ? windowStart + WINDOW_MILLIS - now : (long) Math.ceil((1 - tokens) * 1000.0 / rate);
    }
}
