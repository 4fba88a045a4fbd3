package dev.notionsync.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdaptiveRateTests {

    private static final ObjectNode PAGE = Json.object().put("object", "page").put("id", "p1");
    private static final Duration RUN = Duration.ofMinutes(5);

    /** One rate change, at virtual time {@code atMillis}. */
    private record Change(long atMillis, double rate) {
    }

    @Test
    void theRateRisesWhileAcceptedDropsAfterA429AndSettlesJustBelowTheServersLimit() {
        Server server = new Server(6, 6);
        List<Change> changes = new CopyOnWriteArrayList<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        StepVerifier.withVirtualTime(() -> load(NotionClient.create(ScriptedTransport.options().mutate()
                        .adaptiveRate().meterRegistry(registry).build(), server), changes))
                .expectSubscription()
                .thenAwait(RUN)
                .verifyComplete();

        assertThat(changes).isNotEmpty();
        int firstDrop = indexOfFirstDrop(changes);
        assertThat(firstDrop).as("a 429 lowers the rate").isPositive();
        // before the first 429 every change was upward, from the start of 3 requests per second to past the limit
        List<Change> rising = changes.subList(0, firstDrop);
        assertThat(rising.get(0).rate()).isGreaterThan(RateLimit.ADAPTIVE_START);
        for (int i = 1; i < rising.size(); i++) {
            assertThat(rising.get(i).rate()).isGreaterThan(rising.get(i - 1).rate());
        }
        assertThat(rising.get(rising.size() - 1).rate()).isGreaterThan(6);
        assertThat(server.firstThrottledAt).isPositive();
        // the drop answers a 429 and goes below the limit
        assertThat(changes.get(firstDrop).atMillis()).isGreaterThanOrEqualTo(server.firstThrottledAt);
        assertThat(changes.get(firstDrop).rate()).isLessThan(6);
        // from then on it stays near the limit: every drop lands below it, every probe goes at most 15% above it
        for (int i = firstDrop + 1; i < changes.size(); i++) {
            Change change = changes.get(i);
            assertThat(change.rate()).isBetween(6 * 0.85, 6 * 1.15);
            if (change.rate() < changes.get(i - 1).rate()) {
                assertThat(change.rate()).isLessThan(6);
            }
        }
        assertThat(registry.get("notion.api.rate").gauge().value())
                .isEqualTo(changes.get(changes.size() - 1).rate());
        // the server's budget is nearly all used, with few 429s
        assertThat(server.accepted.get()).isGreaterThan((int) (0.93 * 6 * RUN.toSeconds()));
        assertThat(server.throttled.get()).isLessThan(server.accepted.get() / 100);
    }

    @Test
    void aServerThatAllowsOnlyTheStartingRateGetsAllOfItAsTheFixedDefaultDoes() {
        Server server = new Server(3, 3);
        List<Change> changes = new CopyOnWriteArrayList<>();

        runAdaptive(server, changes);

        int firstDrop = indexOfFirstDrop(changes);
        assertThat(firstDrop).as("a probe above the limit met a 429").isPositive();
        // the 429 came above the start rate: the limit is at least the start, so the rate never goes under it
        assertThat(changes).allSatisfy(change -> assertThat(change.rate()).isGreaterThanOrEqualTo(3));
        // not worse than a fixed 3 per second (which gets 3 * RUN, give or take the bucket), under 1% of 429s
        assertThat(server.accepted.get()).isGreaterThanOrEqualTo(3 * (int) RUN.toSeconds());
        assertThat(server.throttled.get()).isLessThan(server.accepted.get() / 100);
    }

    @Test
    void aServerAllowingLessThanTheStartingRateStillTakesTheRateUnderIt() {
        Server server = new Server(2, 2);
        List<Change> changes = new CopyOnWriteArrayList<>();

        runAdaptive(server, changes);

        assertThat(changes).isNotEmpty();
        assertThat(changes.get(changes.size() - 1).rate()).isLessThan(2 * 1.1);
        assertThat(changes.get(0).rate()).isLessThan(RateLimit.ADAPTIVE_START);
        assertThat(server.accepted.get()).isGreaterThan((int) (0.9 * 2 * RUN.toSeconds()));
    }

    @Test
    void aFixedRateNeverMovesWhateverTheAnswers() {
        Server server = new Server(6, 6);
        List<Change> changes = new CopyOnWriteArrayList<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        StepVerifier.withVirtualTime(() -> load(NotionClient.create(ScriptedTransport.options().mutate()
                        .requestsPerSecond(3).meterRegistry(registry).build(), server), changes))
                .expectSubscription()
                .thenAwait(RUN)
                .verifyComplete();

        assertThat(changes).isEmpty();
        assertThat(server.throttled).hasValue(0);
        // an even 3 per second, paced in virtual time
        assertThat(server.accepted.get()).isBetween(3 * (int) RUN.toSeconds() - 2, 3 * (int) RUN.toSeconds() + 2);
        assertThat(registry.get("notion.api.rate").gauge().value()).isEqualTo(3);
    }

    @Test
    void rateLimitsParseAndCompare() {
        assertThat(RateLimit.parse("auto")).isEqualTo(RateLimit.adaptive());
        assertThat(RateLimit.parse(" AUTO ").isAdaptive()).isTrue();
        assertThat(RateLimit.parse("2.5")).isEqualTo(RateLimit.fixed(2.5));
        assertThat(RateLimit.parse("0").isUnlimited()).isTrue();
        assertThat(RateLimit.adaptive().requestsPerSecond()).isEqualTo(RateLimit.ADAPTIVE_START);
        assertThat(RateLimit.fixed(3)).hasToString("3 req/s");
        assertThat(RateLimit.adaptive()).hasToString("auto");
        assertThatThrownBy(() -> RateLimit.parse("fast")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'auto' or a number");
        assertThatThrownBy(() -> RateLimit.fixed(-1)).isInstanceOf(IllegalArgumentException.class);
        NotionClientOptions options = ScriptedTransport.options().mutate().adaptiveRate().build();
        assertThat(options.rateLimit()).isEqualTo(RateLimit.adaptive());
        assertThat(options.mutate().requestsPerSecond(4).build().rateLimit()).isEqualTo(RateLimit.fixed(4));
        assertThat(options.rateLimit()).isEqualTo(RateLimit.adaptive());
        assertThat(NotionClientOptions.builder().token("t").build().rateLimit()).isEqualTo(RateLimit.fixed(3));
    }

    /** An adaptive client loading the server for {@link #RUN} of virtual time. */
    private static void runAdaptive(Server server, List<Change> changes) {
        StepVerifier.withVirtualTime(() -> load(NotionClient.create(ScriptedTransport.options().mutate()
                        .adaptiveRate().build(), server), changes))
                .expectSubscription()
                .thenAwait(RUN)
                .verifyComplete();
    }

    /** Four requests at a time for {@link #RUN}, each failure swallowed, every rate change recorded. */
    private static Mono<Void> load(NotionClient client, List<Change> changes) {
        RequestListener listener = new RequestListener() {
            @Override
            public void onRateChanged(double requestsPerSecond) {
                changes.add(new Change(Schedulers.parallel().now(TimeUnit.MILLISECONDS), requestsPerSecond));
            }
        };
        return Flux.range(0, Integer.MAX_VALUE)
                .flatMap(i -> client.page("p" + i).onErrorResume(NotionException.class, e -> Mono.empty()), 4)
                .contextWrite(Context.of(RequestListener.class, listener))
                .take(RUN)
                .then();
    }

    private static int indexOfFirstDrop(List<Change> changes) {
        double previous = RateLimit.ADAPTIVE_START;
        for (int i = 0; i < changes.size(); i++) {
            if (changes.get(i).rate() < previous) {
                return i;
            }
            previous = changes.get(i).rate();
        }
        return -1;
    }

    /**
     * A server answering 429 above {@code rate} requests per second (a token bucket holding {@code burst}), with
     * {@code Retry-After} until the next token, and 2xx after 100 ms otherwise; on the virtual clock.
     */
    private static final class Server implements NotionTransport {

        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger throttled = new AtomicInteger();
        volatile long firstThrottledAt = -1;
        private final double rate;
        private final double burst;
        private double tokens;
        private long last = -1;

        Server(double rate, int burst) {
            this.rate = rate;
            this.burst = burst;
            this.tokens = burst;
        }

        @Override
        public Mono<JsonNode> exchange(NotionRequest request) {
            return Mono.defer(() -> {
                long wait = take(Schedulers.parallel().now(TimeUnit.MILLISECONDS));
                if (wait > 0) {
                    throttled.incrementAndGet();
                    return Mono.error(ScriptedTransport.error(429, "rate_limited",
                            Long.toString(Math.max(1, (wait + 999) / 1000))));
                }
                accepted.incrementAndGet();
                return Mono.delay(Duration.ofMillis(100)).thenReturn(PAGE);
            });
        }

        private synchronized long take(long now) {
            if (last >= 0) {
                tokens = Math.min(burst, tokens + (now - last) * rate / 1000.0);
            }
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            if (firstThrottledAt < 0) {
                firstThrottledAt = now;
            }
            return (long) Math.ceil((1 - tokens) * 1000.0 / rate);
        }
    }
}
