package dev.notionsync.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.model.Page;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ResilienceTests {

    private static final ObjectNode PAGE = Json.object().put("object", "page").put("id", "p1");

    @Test
    void retryAfterIsHonouredBeforeTheNextAttempt() {
        AtomicInteger attempts = new AtomicInteger();
        List<Duration> throttles = new CopyOnWriteArrayList<>();
        RequestListener listener = new RequestListener() {
            @Override
            public void onThrottled(String reason, Duration wait) {
                throttles.add(wait);
            }
        };

        StepVerifier.withVirtualTime(() -> client(request -> attempts.incrementAndGet() == 1
                                ? Mono.error(ScriptedTransport.error(429, "rate_limited", "7"))
                                : Mono.just(PAGE))
                        .page("p1")
                        .contextWrite(Context.of(RequestListener.class, listener)))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(6))
                .then(() -> assertThat(attempts).hasValue(1))
                .thenAwait(Duration.ofSeconds(1))
                .assertNext(page -> assertThat(page.id()).isEqualTo("p1"))
                .verifyComplete();

        assertThat(attempts).hasValue(2);
        assertThat(throttles).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void aRetryAfterLongerThanAMinuteIsWaitedOutToo() {
        AtomicInteger attempts = new AtomicInteger();

        StepVerifier.withVirtualTime(() -> client(request -> attempts.incrementAndGet() == 1
                        ? Mono.error(ScriptedTransport.error(529, "service_overload", "120"))
                        : Mono.just(PAGE)).page("p1"))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(119))
                .thenAwait(Duration.ofSeconds(1))
                .expectNextCount(1)
                .verifyComplete();
    }

    @Test
    void serverErrorsAreRetriedABoundedNumberOfTimesThenFailClearly() {
        AtomicInteger attempts = new AtomicInteger();

        StepVerifier.withVirtualTime(() -> client(request -> {
                    attempts.incrementAndGet();
                    return Mono.error(ScriptedTransport.error(503, "service_unavailable", null));
                }).page("p1"))
                .expectSubscription()
                .thenAwait(Duration.ofHours(1))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(NotionTransientException.class);
                    assertThat(error.getMessage()).startsWith("gave up after 6 retries")
                            .contains("503 service_unavailable");
                    assertThat(((NotionException) error).requestId()).contains("req-503");
                })
                .verify();

        assertThat(attempts).hasValue(1 + NotionClientOptions.DEFAULT_MAX_RETRIES);
    }

    @Test
    void oneServerErrorAmongManyThrottlesIsJudgedAgainstTheFaultBudget() {
        AtomicInteger attempts = new AtomicInteger();
        List<Integer> retriedStatuses = new CopyOnWriteArrayList<>();
        RequestListener listener = new RequestListener() {
            @Override
            public void onRetry(String endpoint, NotionTransientException error, Duration wait) {
                retriedStatuses.add(error.status());
            }
        };

        // ten 429s, then one 502, then the page: more throttles than the fault budget of 6, but only one fault
        StepVerifier.withVirtualTime(() -> client(request -> {
                    int attempt = attempts.incrementAndGet();
                    if (attempt <= 10) {
                        return Mono.error(ScriptedTransport.error(429, "rate_limited", "1"));
                    }
                    return attempt == 11 ? Mono.error(ScriptedTransport.error(502, "http_502", null))
                            : Mono.just(PAGE);
                }).page("p1").map(Page::id).contextWrite(Context.of(RequestListener.class, listener)))
                .expectSubscription()
                .thenAwait(Duration.ofMinutes(5))
                .expectNext("p1")
                .verifyComplete();

        assertThat(attempts).hasValue(12);
        assertThat(retriedStatuses).hasSize(11).endsWith(502);
    }

    @Test
    void faultsAmongThrottlesStillHaveTheirOwnBoundAndThrottlesDoNotGrowTheBackoff() {
        AtomicInteger attempts = new AtomicInteger();
        List<Duration> faultWaits = new CopyOnWriteArrayList<>();
        RequestListener listener = new RequestListener() {
            @Override
            public void onRetry(String endpoint, NotionTransientException error, Duration wait) {
                if (!error.isThrottling()) {
                    faultWaits.add(wait);
                }
            }
        };

        // 429 and 503 take turns for ever: the 7th 503 ends the request, after 6 throttles
        StepVerifier.withVirtualTime(() -> client(request -> attempts.incrementAndGet() % 2 == 1
                        ? Mono.error(ScriptedTransport.error(429, "rate_limited", "1"))
                        : Mono.error(ScriptedTransport.error(503, "service_unavailable", null)))
                        .page("p1").contextWrite(Context.of(RequestListener.class, listener)))
                .expectSubscription()
                .thenAwait(Duration.ofHours(1))
                .expectErrorSatisfies(error -> assertThat(error.getMessage()).startsWith("gave up after 6 retries")
                        .contains("503 service_unavailable"))
                .verify();

        assertThat(attempts).hasValue(2 * (1 + NotionClientOptions.DEFAULT_MAX_RETRIES));
        // the first fault waits the first backoff step (500 ms with jitter), though throttles came before it
        assertThat(faultWaits.get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(750));
    }

    @Test
    void backoffGrowsBetweenAttempts() {
        List<Duration> waits = new CopyOnWriteArrayList<>();
        RequestListener listener = new RequestListener() {
            @Override
            public void onRetry(String endpoint, NotionTransientException error, Duration wait) {
                waits.add(wait);
            }
        };

        StepVerifier.withVirtualTime(() -> client(request -> Mono.error(ScriptedTransport.error(502, "http_502",
                        null))).page("p1").contextWrite(Context.of(RequestListener.class, listener)))
                .expectSubscription()
                .thenAwait(Duration.ofHours(1))
                .expectError(NotionTransientException.class)
                .verify();

        assertThat(waits).hasSize(NotionClientOptions.DEFAULT_MAX_RETRIES);
        // jitter keeps each wait within [base/2, base*3/2) of base = 500 ms * 2^n, capped at 30 s
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(750));
        assertThat(waits.get(3)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(6000));
        assertThat(waits.get(5)).isLessThanOrEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void notFoundIsNeverRetried() {
        AtomicInteger attempts = new AtomicInteger();

        StepVerifier.withVirtualTime(() -> client(request -> {
                    attempts.incrementAndGet();
                    return Mono.error(ScriptedTransport.error(404, "object_not_found", null));
                }).page("p1"))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(NotionNonTransientException.class);
                    assertThat(((NotionNonTransientException) error).isNotFound()).isTrue();
                })
                .verify(Duration.ofSeconds(5));

        assertThat(attempts).hasValue(1);
    }

    @Test
    void unauthorizedIsNeverRetried() {
        AtomicInteger attempts = new AtomicInteger();

        StepVerifier.create(client(request -> {
                    attempts.incrementAndGet();
                    return Mono.error(ScriptedTransport.error(401, "unauthorized", null));
                }).me())
                .expectErrorMatches(error -> error instanceof NotionNonTransientException notion
                        && notion.isUnauthorized())
                .verify(Duration.ofSeconds(5));

        assertThat(attempts).hasValue(1);
    }

    @Test
    void aThrottledRequestHoldsBackOtherRequestsOfTheClient() {
        AtomicInteger attempts = new AtomicInteger();

        StepVerifier.withVirtualTime(() -> {
                    NotionClient client = client(request -> attempts.incrementAndGet() == 1
                            ? Mono.error(ScriptedTransport.error(429, "rate_limited", "10"))
                            : Mono.just(PAGE));
                    // the second request starts one second after the first was throttled
                    return Flux.merge(client.page("p1"), Mono.delay(Duration.ofSeconds(1)).then(client.page("p2")))
                            .map(Page::id);
                })
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(10))
                .expectNext("p1", "p1")
                .verifyComplete();
    }

    @Test
    void rateLimiterSpacesRequestsEvenly() {
        NotionClientOptions options = NotionClientOptions.builder().token("secret_test").requestsPerSecond(20).build();
        List<Long> sentAt = new CopyOnWriteArrayList<>();
        NotionClient client = NotionClient.create(options, request -> {
            sentAt.add(System.nanoTime());
            return Mono.just(PAGE);
        });

        Flux.range(0, 11).flatMap(i -> client.page("p" + i), 11).blockLast();

        long elapsedMillis = (sentAt.get(10) - sentAt.get(0)) / 1_000_000;
        // 11 requests at 20/s need at least 10 gaps of 50 ms
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(450);
    }

    private static NotionClient client(NotionTransport transport) {
        return NotionClient.create(ScriptedTransport.options(), transport);
    }
}
