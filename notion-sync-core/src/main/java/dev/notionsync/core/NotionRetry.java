package dev.notionsync.core;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The retry policy of one request: transient failures only, {@code Retry-After} when Notion gives one, otherwise
 * exponential backoff with jitter; bounded separately for throttling (429/529) and for faults (5xx, I/O).
 */
final class NotionRetry extends Retry {

    private final NotionClientOptions options;
    private final String endpoint;
    private final RequestListener listener;
    private final ThrottleGate gate;
    private final OutageBreaker outage;
    private final Scheduler scheduler;
    private final boolean retryFaults;

    NotionRetry(NotionClientOptions options, String endpoint, RequestListener listener, ThrottleGate gate,
            OutageBreaker outage, Scheduler scheduler) {
        this(options, endpoint, listener, gate, outage, scheduler, true);
    }

    /**
     * A policy that, without {@code retryFaults}, retries throttling only: a create that failed with a 5xx or a
     * timeout may have been applied, so it is the caller's to find out before sending it again. A request the
     * outage breaker turned away was never sent, so it waits for the outage either way.
     */
    NotionRetry(NotionClientOptions options, String endpoint, RequestListener listener, ThrottleGate gate,
            OutageBreaker outage, Scheduler scheduler, boolean retryFaults) {
        this.retryFaults = retryFaults;
        this.options = options;
        this.endpoint = endpoint;
        this.listener = listener;
        this.gate = gate;
        this.outage = outage;
        this.scheduler = scheduler;
    }

    @Override
    public Publisher<?> generateCompanion(Flux<RetrySignal> signals) {
        // one companion per subscription, so these counters belong to one request's retries; the two budgets
        // are counted apart so that one 502 among many 429s is not judged against the throttling count
        long[] throttled = {0};
        long[] faults = {0};
        return signals.concatMap(signal -> {
            if (OutageBreaker.isTurnedAway(signal.failure())) {
                // the breaker opened between the outage check and the send: the next attempt waits for the outage
                return Mono.delay(TURNED_AWAY_PAUSE, scheduler);
            }
            if (!(signal.failure() instanceof NotionTransientException failure)
                    || failure.kind() == FailureKind.OUTAGE
                    || (!retryFaults && !failure.isThrottling())) {
                return Mono.error(signal.failure());
            }
            if (OutageBreaker.isOutage(failure) && outage.isOn()) {
                // a fault of an outage is not this request's: it waits for the outage to end, retries untouched
                listener.onRetry(endpoint, failure, Duration.ZERO);
                return Mono.just(signal.totalRetries());
            }
            long[] counter = failure.isThrottling() ? throttled : faults;
            long attempt = counter[0];
            int budget = failure.isThrottling() ? options.maxThrottleRetries() : options.maxRetries();
            if (attempt >= budget) {
                return Mono.error(new NotionTransientException(
                        "gave up after " + attempt + " retries: " + failure.getMessage(), failure.kind(),
                        failure.status(), failure.code(), failure.requestId().orElse(null), failure.endpoint(),
                        failure.retryAfter().orElse(null), failure.rateLimitReason(), failure));
            }
            counter[0]++;
            Duration wait = failure.retryAfter()
                    .filter(ignored -> failure.isThrottling())
                    // ErrorMapper already cuts Retry-After; this guards waits from any other transport
                    .map(asked -> asked.compareTo(options.maxRetryAfter()) > 0 ? options.maxRetryAfter() : asked)
                    .orElseGet(() -> backoff(attempt));
            if (failure.isThrottling()) {
                gate.pauseFor(wait);
                listener.onThrottled(failure.rateLimitReason(), wait);
            }
            listener.onRetry(endpoint, failure, wait);
            return Mono.delay(wait, scheduler);
        });
    }

    /** How long an attempt the breaker turned away waits before it asks again (and meets the outage's wait). */
    private static final Duration TURNED_AWAY_PAUSE = Duration.ofMillis(10);

    private Duration backoff(long attempt) {
        long base = options.minBackoff().toMillis() << Math.min(attempt, 20);
        long capped = Math.min(base, options.maxBackoff().toMillis());
        // full range [capped/2, capped*3/2): spreads clients that failed together
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(Math.max(1, capped));
        return Duration.ofMillis(Math.min(jittered, options.maxBackoff().toMillis()));
    }
}
