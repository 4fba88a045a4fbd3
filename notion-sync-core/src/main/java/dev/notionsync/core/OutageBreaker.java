package dev.notionsync.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Rides out an outage of the API with a Resilience4j circuit breaker over every attempt of a client. When the last
 * {@value #WINDOW} answers were all faults (5xx, resets, timeouts), the breaker opens: nothing more is sent,
 * requests about to be sent or retried wait without spending their retries, and a single probe request is sent
 * after a growing interval ({@link NotionClientOptions#outageProbeInterval()} up to
 * {@link NotionClientOptions#maxOutageProbeInterval()}). Its success closes the breaker and releases every waiting
 * request at once; a failure opens it again. An outage longer than {@link NotionClientOptions#maxOutage()} fails the
 * waiting requests with {@link FailureKind#OUTAGE}, and the breaker starts afresh.
 *
 * <p>The probe is {@code GET /v1/users/me}, not one of the held requests: a request that fails on its own (one
 * page's listing answering 503 for ever) must not pass for an outage of the whole API, so it is not the one that
 * decides whether Notion is back. Such a request trips the breaker now and then, waits one probe, and still runs out
 * of its retries in the end. The breaker is armed by the client's first answer: an API that never answered is
 * misconfigured or unreachable, and fails at once as it did before.
 */
final class OutageBreaker {

    /** Faults in a row (in the order their answers arrive) that open the breaker. */
    static final int WINDOW = 5;
    private static final NotionRequest PROBE = NotionRequest.get(ResponseShape.object("user"), "/v1/users/me");

    private final CircuitBreaker breaker;
    private final NotionClientOptions options;
    private final Scheduler scheduler;
    private final RequestListener clientListener;
    private final Supplier<Mono<JsonNode>> probe;
    private final AtomicReference<Period> period = new AtomicReference<>();
    private volatile boolean armed;
    private volatile boolean closed;

    OutageBreaker(NotionTransport transport, NotionClientOptions options, Scheduler scheduler,
            RequestListener clientListener) {
        this.options = options;
        this.scheduler = scheduler;
        this.clientListener = clientListener;
        this.breaker = CircuitBreaker.of("notion-api", CircuitBreakerConfig.custom()
                .slidingWindow(WINDOW, WINDOW, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(100)
                .permittedNumberOfCallsInHalfOpenState(1)
                // the probe decides when the breaker half-opens; left to itself it would stay open
                .waitDurationInOpenState(Duration.ofDays(1))
                .recordException(OutageBreaker::isOutage)
                // a 429 says nothing about availability; a 404 or a 400 is an answer, so it counts as one
                .ignoreException(error -> error instanceof NotionTransientException t && t.isThrottling())
                .build());
        breaker.getEventPublisher().onStateTransition(event -> {
            switch (event.getStateTransition()) {
                case CLOSED_TO_OPEN -> started();
                // a request sent just as the breaker opened may be the one that finds Notion back
                case HALF_OPEN_TO_CLOSED -> {
                    Period current = period.get();
                    if (current != null) {
                        end(current, null);
                    }
                }
                default -> {
                }
            }
        });
        this.probe = () -> Mono.defer(() -> transport.exchange(PROBE))
                .timeout(options.requestTimeout(), scheduler)
                .onErrorMap(TimeoutException.class,
                        error -> ErrorMapper.deadline(PROBE.endpoint(), options.requestTimeout(), error))
                .transformDeferred(CircuitBreakerOperator.of(breaker));
    }

    /** Whether a failure is one of those an outage is made of. */
    static boolean isOutage(Throwable error) {
        if (!(error instanceof NotionTransientException failure)) {
            return false;
        }
        return switch (failure.kind()) {
            case FAULT, CONNECTION_FAILED, TIMEOUT -> true;
            default -> false;
        };
    }

    /** Whether a failure is the breaker turning an attempt away: it is tried again once the outage is over. */
    static boolean isTurnedAway(Throwable error) {
        return error instanceof CallNotPermittedException;
    }

    /** Whether an outage is going on: faults met now are the outage's, not the request's own. */
    boolean isOn() {
        CircuitBreaker.State state = breaker.getState();
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.HALF_OPEN;
    }

    /**
     * Completes at once when no outage is going on; otherwise when it ends, or with {@link FailureKind#OUTAGE} when
     * it lasts longer than the longest outage waited out.
     *
     * @param listener the listener of the request's own subscription, told of the outage it waits for
     * @param endpoint the endpoint template of the request, named by the failure
     */
    Mono<Void> await(RequestListener listener, String endpoint) {
        return Mono.defer(() -> {
            Period current = period.get();
            if (current == null) {
                return Mono.empty();
            }
            current.hold(listener);
            return current.over.asMono().onErrorMap(NotionTransientException.class,
                    error -> ErrorMapper.outage(endpoint, error.getMessage()));
        });
    }

    /** One attempt, through the breaker once the client has had an answer. */
    Mono<JsonNode> guard(Mono<JsonNode> attempt) {
        return Mono.defer(() -> armed ? attempt.transformDeferred(CircuitBreakerOperator.of(breaker))
                : attempt.doOnSuccess(answer -> armed = true));
    }

    /** Stops probing; requests still waiting fail. */
    void close() {
        closed = true;
        // lets every attempt through and records none: a closed client holds nothing back any more
        breaker.transitionToDisabledState();
        Period current = period.get();
        if (current != null) {
            end(current, "the client was closed during an outage of the API");
        }
    }

    private void started() {
        Period started = new Period(now());
        if (closed || !period.compareAndSet(null, started)) {
            return;
        }
        Duration retryIn = schedule(started);
        clientListener.onOutageStarted(retryIn);
    }

    /**
     * Waits for the next probe, or for the end of the longest outage waited out, whichever comes first.
     *
     * @return the wait
     */
    private Duration schedule(Period current) {
        long left = Math.max(0, current.startedAt + options.maxOutage().toMillis() - now());
        long wait = interval(current.probes.get()).toMillis();
        current.nextAt = now() + Math.min(left, wait);
        current.timer = left <= wait
                ? scheduler.schedule(() -> giveUp(current), left, TimeUnit.MILLISECONDS)
                : scheduler.schedule(() -> probe(current), wait, TimeUnit.MILLISECONDS);
        return Duration.ofMillis(Math.min(left, wait));
    }

    private void probe(Period current) {
        if (period.get() != current) {
            return;
        }
        current.probes.incrementAndGet();
        breaker.transitionToHalfOpenState();
        current.timer = probe.get().subscribe(answer -> recovered(current), error -> {
            if (breaker.getState() == CircuitBreaker.State.CLOSED) {
                recovered(current);
            } else if (isOutage(error) || isTurnedAway(error)) {
                if (breaker.getState() == CircuitBreaker.State.HALF_OPEN) {
                    breaker.transitionToOpenState();
                }
                Duration elapsed = Duration.ofMillis(now() - current.startedAt);
                Duration next = schedule(current);
                clientListener.onOutageProbeFailed(elapsed, next);
                current.listeners.keySet().forEach(listener -> listener.onOutageProbeFailed(elapsed, next));
            } else {
                // any answer that is not a fault (a 429 or a 401 as well) says the API is there again
                recovered(current);
            }
        });
    }

    private void recovered(Period current) {
        if (breaker.getState() != CircuitBreaker.State.CLOSED) {
            breaker.transitionToClosedState();
        }
        end(current, null);
    }

    private void giveUp(Period current) {
        if (period.get() != current) {
            return;
        }
        breaker.reset();
        Duration elapsed = Duration.ofMillis(now() - current.startedAt);
        end(current, "Notion has been unavailable for " + words(elapsed) + ", longer than the longest outage "
                + "waited out (" + words(options.maxOutage()) + ")");
    }

    /** Ends the outage: the waiting requests go on, or fail with {@code failure} when it is not null. */
    private void end(Period current, String failure) {
        if (!period.compareAndSet(current, null)) {
            return;
        }
        current.timer.dispose();
        Duration duration = Duration.ofMillis(now() - current.startedAt);
        boolean recovered = failure == null;
        clientListener.onOutageEnded(duration, current.held.get(), recovered);
        current.listeners.forEach((listener, held) -> listener.onOutageEnded(duration, held.get(), recovered));
        if (recovered) {
            current.over.tryEmitEmpty();
        } else {
            current.over.tryEmitError(ErrorMapper.outage("", failure));
        }
    }

    /** The wait before probe number {@code probes + 1}: doubling from the first interval up to the longest. */
    private Duration interval(int probes) {
        long first = options.outageProbeInterval().toMillis();
        long longest = Math.max(first, options.maxOutageProbeInterval().toMillis());
        return Duration.ofMillis(Math.min(first << Math.min(probes, 20), longest));
    }

    private long now() {
        return scheduler.now(TimeUnit.MILLISECONDS);
    }

    static String words(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds >= 120) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        return seconds > 0 ? seconds + " s" : duration.toMillis() + " ms";
    }

    /** One outage: when it started, who waits for it, and the sink that releases them. */
    private final class Period {

        final long startedAt;
        final Sinks.Empty<Void> over = Sinks.empty();
        final Map<RequestListener, AtomicLong> listeners = new ConcurrentHashMap<>();
        final AtomicLong held = new AtomicLong();
        final AtomicInteger probes = new AtomicInteger();
        volatile long nextAt;
        volatile Disposable timer = () -> { };

        Period(long startedAt) {
            this.startedAt = startedAt;
        }

        /** Counts a held request; its export hears of the outage with its first one. */
        void hold(RequestListener listener) {
            held.incrementAndGet();
            boolean[] first = {false};
            listeners.computeIfAbsent(listener, key -> {
                first[0] = true;
                return new AtomicLong();
            }).incrementAndGet();
            if (first[0]) {
                listener.onOutageStarted(Duration.ofMillis(Math.max(0, nextAt - now())));
            }
        }
    }
}
