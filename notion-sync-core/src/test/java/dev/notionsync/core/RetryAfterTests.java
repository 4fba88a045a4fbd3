package dev.notionsync.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.model.Page;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A Retry-After of centuries is cut to the longest wait, and the retry says so, instead of overflowing. */
class RetryAfterTests {

    private static final ObjectNode PAGE = Json.object().put("object", "page").put("id", "p1");

    @ParameterizedTest
    @ValueSource(strings = {"99999999999", "99999999999999999999999999", "Fri, 31 Dec 9999 23:59:59 GMT"})
    void aHugeRetryAfterIsWaitedUpToTheMaximumAndSaidSo(String header) {
        NotionClientOptions options = ScriptedTransport.options().mutate().maxRetryAfter(Duration.ofMinutes(10))
                .build();
        AtomicInteger attempts = new AtomicInteger();
        List<Duration> throttles = new CopyOnWriteArrayList<>();
        List<String> retries = new CopyOnWriteArrayList<>();
        RequestListener listener = new RequestListener() {
            @Override
            public void onThrottled(String reason, Duration wait) {
                throttles.add(wait);
            }

            @Override
            public void onRetry(String endpoint, NotionTransientException error, Duration wait) {
                retries.add(error.getMessage());
            }
        };

        StepVerifier.withVirtualTime(() -> NotionClient.create(options, request -> attempts.incrementAndGet() == 1
                                ? Mono.error(throttled(header, options))
                                : Mono.just(PAGE))
                        .page("p1")
                        .map(Page::id)
                        .contextWrite(Context.of(RequestListener.class, listener)))
                .expectSubscription()
                .expectNoEvent(Duration.ofMinutes(10).minusSeconds(1))
                .thenAwait(Duration.ofSeconds(1))
                .expectNext("p1")
                .verifyComplete();

        assertThat(attempts).hasValue(2);
        assertThat(throttles).containsExactly(Duration.ofMinutes(10));
        assertThat(retries).singleElement().asString().contains("Retry-After " + header)
                .contains("longer than the longest wait").contains("PT10M");
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999", "Fri, 31 Dec 9999 23:59:59 GMT"})
    void theDefaultLongestWaitIsAnHour(String header) {
        NotionException error = throttled(header, ScriptedTransport.options());

        assertThat(((NotionTransientException) error).retryAfter()).contains(Duration.ofHours(1));
    }

    private static NotionException throttled(String header, NotionClientOptions options) {
        ObjectNode body = Json.object().put("object", "error").put("status", 429).put("code", "rate_limited")
                .put("message", "slow down");
        return ErrorMapper.fromResponse(429, header, body, "GET /v1/pages/{id}", ZonedDateTime.now(ZoneOffset.UTC),
                options);
    }
}
