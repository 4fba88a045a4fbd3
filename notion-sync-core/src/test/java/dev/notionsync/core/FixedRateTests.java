package dev.notionsync.core;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A fixed rate keeps a rate-limited server busy without a storm of 429s, in virtual time. */
class FixedRateTests {

    private static final Duration RUN = Duration.ofMinutes(2);

    @Test
    void aFixedRateAtABucketsBudgetKeepsItBusyWithoutA429EvenWithAlmostNoBurst() {
        LimitedServer server = LimitedServer.bucket(25, 3);

        load(server, 25);

        // one request per 1/25 s, never two closer: a bucket that holds only 3 never runs dry
        assertThat(server.throttled).hasValue(0);
        // four requests at a time, 100 ms each, keep every permit used: the whole budget
        assertThat(server.accepted.get()).isGreaterThanOrEqualTo(25 * (int) RUN.toSeconds());
    }

    @Test
    void aFixedRateOverABucketsBudgetMeetsLone429sAndSendsNothingDuringTheirWait() {
        // a budget a little smaller than the rate configured (or a server clock a little slow)
        LimitedServer server = LimitedServer.bucket(24, 3);

        load(server, 25);

        assertThat(server.throttled.get()).isPositive();
        // Retry-After (1 s) holds back every request of the client, not only the refused one, so each 429 is alone
        for (long refusedAt : server.refused) {
            assertThat(server.received).noneMatch(at -> at > refusedAt && at < refusedAt + 1_000);
        }
        // one 429 per overrun of the bucket's 3: about one in 50 requests, not a storm
        assertThat(server.throttled.get()).isLessThan(server.received.size() / 40);
        // the server is kept busy but for the waits
        assertThat(server.accepted.get()).isGreaterThan((int) (0.65 * 24 * RUN.toSeconds()));
    }

    /** Four requests at a time for {@link #RUN} of virtual time, at a fixed rate, each failure swallowed. */
    private static void load(LimitedServer server, double requestsPerSecond) {
        StepVerifier.withVirtualTime(() -> {
                    NotionClient client = NotionClient.create(ScriptedTransport.options().mutate()
                            .requestsPerSecond(requestsPerSecond).build(), server);
                    return Flux.range(0, Integer.MAX_VALUE)
                            .flatMap(i -> client.page("p" + i).onErrorResume(NotionException.class, e -> Mono.empty()), 4)
                            .take(RUN)
                            .then();
                })
                .expectSubscription()
                .thenAwait(RUN)
                .verifyComplete();
    }
}
