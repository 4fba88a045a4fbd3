package dev.notionsync.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.reactor.ratelimiter.operator.RateLimiterOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Rate limit, throttle gate, deadline, answer validation and retry around the transport: every request of a client
 * takes one permit from the same limiter, per attempt, so retries are paced too.
 */
final class Resilience {

    private final NotionTransport transport;
    private final NotionClientOptions options;
    private final RateLimiter limiter;
    private final ThrottleGate gate;
    private final Scheduler scheduler;
    private final RequestListener clientListener;

    Resilience(NotionTransport transport, NotionClientOptions options, Scheduler scheduler,
            RequestListener clientListener) {
        this.transport = transport;
        this.options = options;
        this.scheduler = scheduler;
        this.clientListener = clientListener;
        this.gate = new ThrottleGate(scheduler);
        this.limiter = options.requestsPerSecond() > 0 ? rateLimiter(options.requestsPerSecond()) : null;
    }

    private static RateLimiter rateLimiter(double requestsPerSecond) {
        // one permit per slot of 1/rate: an even pace that never bursts above the budget
        long periodNanos = Math.max(1, Math.round(1_000_000_000d / requestsPerSecond));
        return RateLimiter.of("notion-api", RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofNanos(periodNanos))
                .timeoutDuration(Duration.ofDays(1))
                .build());
    }

    Mono<JsonNode> execute(NotionRequest request) {
        String endpoint = request.endpoint();
        return Mono.deferContextual(context -> {
            RequestListener listener = RequestListener.both(clientListener, RequestListener.from(context));
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
            if (limiter != null) {
                send = send.transformDeferred(RateLimiterOperator.of(limiter));
            }
            Mono<JsonNode> attempt = gate.await()
                    .then(send)
                    .doOnSuccess(ignored -> listener.onResponse(endpoint, 200))
                    .doOnError(NotionException.class, error -> listener.onResponse(endpoint, error.status()));
            return attempt.retryWhen(new NotionRetry(options, endpoint, listener, gate, scheduler));
        });
    }
}
