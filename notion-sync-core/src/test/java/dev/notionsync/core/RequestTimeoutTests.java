package dev.notionsync.core;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Every attempt has a deadline for its whole answer; one that runs out is a transient timeout. */
class RequestTimeoutTests {

    @Test
    void anAnswerThatNeverCompletesTimesOutAtTheDefaultDeadlineAndIsRetried() {
        AtomicInteger attempts = new AtomicInteger();
        NotionClientOptions options = ScriptedTransport.options().mutate().maxRetries(2)
                .backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)).build();

        StepVerifier.withVirtualTime(() -> NotionClient.create(options, request -> {
                    attempts.incrementAndGet();
                    return Mono.never();
                }).page("p1"))
                .expectSubscription()
                .expectNoEvent(NotionClientOptions.DEFAULT_REQUEST_TIMEOUT.minusSeconds(1))
                .then(() -> assertThat(attempts).hasValue(1))
                .thenAwait(Duration.ofMinutes(10))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(NotionTransientException.class);
                    assertThat(((NotionException) error).code()).isEqualTo("timeout");
                    assertThat(error.getMessage()).startsWith("gave up after 2 retries")
                            .contains("GET /v1/pages/{id} timed out").contains("request timeout of PT2M");
                })
                .verify();

        assertThat(attempts).hasValue(3);
    }

    @Test
    void theRequestTimeoutMustBePositive() {
        assertThat(catchThrowable(() -> NotionClientOptions.builder()
                .requestTimeout(Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestTimeout");
    }
}
