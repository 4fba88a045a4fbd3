package dev.notionsync.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.reactor.ratelimiter.operator.RateLimiterOperator;
import io.micrometer.core.instrument.Gauge;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Rate limit, throttle gate, outage breaker, deadline, answer validation and retry around the transport: every
 * request of a client takes one permit from the same limiter, per attempt, so retries are paced too. The breaker
 * ({@link OutageBreaker}) is an operator of its own around each attempt, outside the limiter, so an attempt held
 * back during an outage takes no permit.
 */
final class Resilience {

    private final NotionTransport transport;
    private final NotionClientOptions options;
    private final RequestPace pace;
    private final ThrottleGate gate;
    private final OutageBreaker outage;
    private final Scheduler scheduler;
    private final RequestListener clientListener;

    Resilience(NotionTransport transport, NotionClientOptions options, Scheduler scheduler,
            RequestListener clientListener) {
        this.transport = transport;
        this.options = options;
        this.scheduler = scheduler;
        this.clientListener = clientListener;
        this.gate = new ThrottleGate(scheduler);
        this.pace = RequestPace.of(options.rateLimit(), scheduler);
        this.outage = new OutageBreaker(transport, options, scheduler, clientListener);
        options.meterRegistry().ifPresent(registry -> Gauge.builder("notion.api.rate", pace, RequestPace::rate)
                .description("The client's request budget in requests per second (0: unlimited); it moves when the"
                        + " rate limit is adaptive")
                .baseUnit("requests/s")
                // the client owns the pace; without this the gauge would read NaN once the client is collected
                .strongReference(true)
                .register(registry));
    }

    Mono<JsonNode> execute(NotionRequest request) {
        return execute(request, true);
    }

    /** Like {@link #execute(NotionRequest)}; without {@code retryFaults} only throttling answers are retried. */
    Mono<JsonNode> execute(NotionRequest request, boolean retryFaults) {
        String endpoint = request.endpoint();
        return Mono.deferContextual(context -> {
            RequestListener own = RequestListener.from(context);
            RequestListener listener = RequestListener.both(clientListener, own);
            Mono<JsonNode> send = Mono.defer(() -> transport.exchange(request))
                    // the response timeout bounds silences only; an answer trickling in byte by byte needs a deadline
                    .timeout(options.requestTimeout(), scheduler)
                    .onErrorMap(TimeoutException.class,
                            error -> ErrorMapper.deadline(endpoint, options.requestTimeout(), error))
                    // checked inside the retry scope, so that a broken answer is fetched again, not taken as empty
                    .handle((json, sink) -> {
                        String violation = request.shape().violation(json);
                        if (violation == null) {
                            sink.next(json);
                        } else {
                            sink.error(ErrorMapper.malformed(200, json, violation, endpoint));
                        }
                    });
            Mono<JsonNode> attempt = gate.await()
                    .then(outage.await(own, endpoint))
                    .then(outage.guard(paced(send)))
                    .doOnSuccess(ignored -> {
                        listener.onResponse(endpoint, 200);
                        rateChanged(pace.onSuccess(), listener);
                    })
                    .doOnError(NotionException.class, error -> {
                        listener.onResponse(endpoint, error.status());
                        if (error instanceof NotionTransientException throttled && throttled.isThrottling()) {
                            rateChanged(pace.onThrottled(throttled.retryAfter().orElse(Duration.ofSeconds(1))),
                                    listener);
                        }
                    });
            return attempt.retryWhen(new NotionRetry(options, endpoint, listener, gate, outage, scheduler,
                    retryFaults));
        });
    }

    /**
     * The send once the limiter hands out a permit. A request that got its permit while Notion's wait began waits
     * for the wait to end and for a new permit: requests queued for permits would otherwise go out during the wait,
     * at the rate that was just too much, and meet 429s of their own.
     */
    private Mono<JsonNode> paced(Mono<JsonNode> send) {
        Mono<JsonNode> unlessPaused = Mono.defer(() -> gate.isPaused() ? gate.await().then(paced(send)) : send);
        if (pace.limiter() == null) {
            return unlessPaused;
        }
        // the limiter is looked up per attempt: an adaptive rate re-creates it when it moves
        return unlessPaused.transformDeferred(source -> RateLimiterOperator.<JsonNode>of(pace.limiter()).apply(source));
    }

    /** Stops the outage probes; requests waiting for an outage to end fail. */
    void close() {
        outage.close();
    }

    private static void rateChanged(double rate, RequestListener listener) {
        if (!Double.isNaN(rate)) {
            listener.onRateChanged(rate);
        }
    }
}
