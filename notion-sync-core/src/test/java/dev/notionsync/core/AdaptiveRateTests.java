package dev.notionsync.core;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AdaptiveRateTests {

    private static final Duration RUN = Duration.ofMinutes(5);

    /** One rate change, at virtual time {@code atMillis}. */
    private record Change(long atMillis, double rate) {
    }

    @Test
    void whileNothingIsRefusedTheRateRisesByAQuarterEverySecond() {
        LimitedServer server = LimitedServer.unlimited();
        List<Change> changes = new CopyOnWriteArrayList<>();

        run(server, changes, Duration.ofSeconds(6));

        assertThat(changes).isNotEmpty();
        assertThat(changes.get(0).atMillis()).isLessThan(1_500);
        assertThat(changes.get(0).rate()).isCloseTo(RateLimit.ADAPTIVE_START * 1.25, within(1e-9));
        for (int i = 1; i < changes.size(); i++) {
            assertThat(changes.get(i).rate()).isGreaterThan(changes.get(i - 1).rate());
            assertThat(changes.get(i).atMillis() - changes.get(i - 1).atMillis()).isGreaterThanOrEqualTo(1_000);
        }
        // twice the start within five seconds: a plan allowing 6 per second is found while the export starts
        assertThat(rateAt(changes, 5_000)).isGreaterThan(2 * RateLimit.ADAPTIVE_START);
    }

    @Test
    void aThrottledClientSendsNothingUntilRetryAfterHasPassedNotEvenRequestsThatHadTheirPermits() {
        // a budget per 60-second window: its Retry-After is the rest of the window, many seconds
        LimitedServer server = LimitedServer.window(6);
        List<Change> changes = new CopyOnWriteArrayList<>();

        run(server, changes, Duration.ofSeconds(75));

        long refused = server.refused.get(0);
        long reset = 60_000;
        // nothing was sent during the wait, so the 429 was the only one of the window
        assertThat(server.received).noneMatch(at -> at > refused && at < reset);
        assertThat(server.refused.stream().filter(at -> at < reset)).hasSize(1);
        int firstDrop = indexOfFirstDrop(changes);
        assertThat(firstDrop).isPositive();
        assertThat(changes.get(firstDrop).atMillis()).isGreaterThanOrEqualTo(refused);
    }

    @Test
    void afterA429TheRateSettlesJustBelowABucketsLimitWithinTheBenchmarksTime() {
        LimitedServer server = LimitedServer.bucket(6, 6);
        List<Change> changes = new CopyOnWriteArrayList<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Duration run = Duration.ofSeconds(75);

        StepVerifier.withVirtualTime(() -> load(NotionClient.create(ScriptedTransport.options().mutate()
                        .adaptiveRate().meterRegistry(registry).build(), server), changes, run))
                .expectSubscription()
                .thenAwait(run)
                .verifyComplete();

        int firstDrop = indexOfFirstDrop(changes);
        assertThat(firstDrop).as("a probe past the limit met a 429").isPositive();
        assertThat(changes.get(firstDrop - 1).rate()).isGreaterThan(6);
        // from the 429 on, just below the limit: a few per cent under it (the answers still on their way when the 429
        // came are not counted), and probes past it only by a few per cent
        assertThat(changes.subList(firstDrop, changes.size()))
                .allSatisfy(change -> assertThat(change.rate()).isBetween(6 * 0.93, 6 * 1.03));
        assertThat(changes.get(firstDrop).rate()).isLessThan(6);
        assertThat(registry.get("notion.api.rate").gauge().value())
                .isEqualTo(changes.get(changes.size() - 1).rate());
        // the warm-up included, the budget is nearly all used, with few 429s
        assertThat(server.accepted.get()).isGreaterThan((int) (0.94 * 6 * run.toSeconds()));
        assertThat(server.throttled.get()).isLessThan(server.accepted.get() / 100);
    }

    @Test
    void aBudgetPerWindowSpentInOneBurstSettlesAtItsAverageWithoutA429Storm() {
        LimitedServer server = LimitedServer.window(6);
        List<Change> changes = new CopyOnWriteArrayList<>();
        Duration run = Duration.ofMinutes(10);

        run(server, changes, run);

        int firstDrop = indexOfFirstDrop(changes);
        assertThat(firstDrop).isPositive();
        // the burst spent the window's 360 requests; the wait to the window's end tells that they were 6 a second
        assertThat(changes.subList(firstDrop, changes.size()))
                .allSatisfy(change -> assertThat(change.rate()).isBetween(6 * 0.95, 6 * 1.1));
        // one throttling now and then, each a single 429 or the few answers already on their way
        assertThat(server.throttled.get()).isLessThanOrEqualTo(8);
        assertThat(server.accepted.get()).isGreaterThan((int) (0.95 * 6 * run.toSeconds()));
    }

    @Test
    void aServerThatAllowsOnlyTheStartingRateGetsWhatTheFixedDefaultGetsButTheThrottlingThatFoundTheLimit() {
        Duration run = Duration.ofMinutes(20);
        LimitedServer fixed = LimitedServer.bucket(3, 3);
        StepVerifier.withVirtualTime(() -> load(NotionClient.create(ScriptedTransport.options().mutate()
                        .requestsPerSecond(RateLimit.ADAPTIVE_START).build(), fixed), new CopyOnWriteArrayList<>(), run))
                .expectSubscription()
                .thenAwait(run)
                .verifyComplete();
        LimitedServer server = LimitedServer.bucket(3, 3);
        List<Change> changes = new CopyOnWriteArrayList<>();

        run(server, changes, run);

        int firstDrop = indexOfFirstDrop(changes);
        assertThat(firstDrop).as("a probe above the limit met a 429").isPositive();
        // the 429 came above the start rate: the limit is at least the start, so the rate never goes under it
        assertThat(changes).allSatisfy(change -> assertThat(change.rate()).isGreaterThanOrEqualTo(3));
        // and the start is the limit: no probe past it any more, each of which would cost a 429 and its wait
        assertThat(changes.subList(firstDrop, changes.size()))
                .allSatisfy(change -> assertThat(change.rate()).isEqualTo(RateLimit.ADAPTIVE_START));
        long found = server.refused.get(0);
        assertThat(server.refused).allSatisfy(at -> assertThat(at).isLessThan(found + 1_000));
        // what a fixed 3 per second gets, but the price of that one throttling: a second of waiting at 3 per second
        // and the refused request, less the burst the probe spent
        assertThat(fixed.throttled).hasValue(0);
        assertThat(server.accepted.get()).isGreaterThanOrEqualTo(fixed.accepted.get() - 4);
    }

    @Test
    void aLone429AtTheStartRateLeavesItThereAndOnlyRepeatedOnesTakeItUnder() {
        // another client of the same budget spends it once, at the very start: the limit is not below the start
        LimitedServer lone = LimitedServer.unlimited().refusingOnceAt(0);
        List<Change> loneChanges = new CopyOnWriteArrayList<>();

        run(lone, loneChanges, Duration.ofMinutes(3));

        assertThat(lone.refused).containsExactly(0L);
        assertThat(loneChanges).isNotEmpty()
                .allSatisfy(change -> assertThat(change.rate()).isGreaterThanOrEqualTo(RateLimit.ADAPTIVE_START));

        // a second 429 at the start within a minute of the first: the limit is below the start after all
        LimitedServer again = LimitedServer.unlimited().refusingOnceAt(0, 20_000);
        List<Change> againChanges = new CopyOnWriteArrayList<>();

        run(again, againChanges, Duration.ofMinutes(3));

        assertThat(rateAt(againChanges, 19_000)).isEqualTo(RateLimit.ADAPTIVE_START);
        assertThat(rateAt(againChanges, 21_000)).isLessThan(RateLimit.ADAPTIVE_START);
    }

    @Test
    void aServerAllowingLessThanTheStartingRateStillTakesTheRateUnderIt() {
        LimitedServer server = LimitedServer.bucket(2, 2);
        List<Change> changes = new CopyOnWriteArrayList<>();

        run(server, changes, RUN);

        assertThat(changes).isNotEmpty();
        assertThat(changes.get(changes.size() - 1).rate()).isLessThan(2 * 1.1);
        assertThat(changes.get(0).rate()).isLessThan(RateLimit.ADAPTIVE_START);
        assertThat(server.accepted.get()).isGreaterThan((int) (0.9 * 2 * RUN.toSeconds()));
    }

    @Test
    void aFixedRateNeverMovesWhateverTheAnswers() {
        LimitedServer server = LimitedServer.bucket(6, 6);
        List<Change> changes = new CopyOnWriteArrayList<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        StepVerifier.withVirtualTime(() -> load(NotionClient.create(ScriptedTransport.options().mutate()
                        .requestsPerSecond(3).meterRegistry(registry).build(), server), changes, RUN))
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

    /** An adaptive client loading the server for {@code run} of virtual time. */
    private static void run(LimitedServer server, List<Change> changes, Duration run) {
        StepVerifier.withVirtualTime(() -> load(NotionClient.create(ScriptedTransport.options().mutate()
                        .adaptiveRate().build(), server), changes, run))
                .expectSubscription()
                .thenAwait(run)
                .verifyComplete();
    }

    /** Four requests at a time for {@code run}, each failure swallowed, every rate change recorded. */
    private static Mono<Void> load(NotionClient client, List<Change> changes, Duration run) {
        RequestListener listener = new RequestListener() {
            @Override
            public void onRateChanged(double requestsPerSecond) {
                changes.add(new Change(Schedulers.parallel().now(TimeUnit.MILLISECONDS), requestsPerSecond));
            }
        };
        return Flux.range(0, Integer.MAX_VALUE)
                .flatMap(i -> client.page("p" + i).onErrorResume(NotionException.class, e -> Mono.empty()), 4)
                .contextWrite(Context.of(RequestListener.class, listener))
                .take(run)
                .then();
    }

    /** The rate in force at {@code atMillis}. */
    private static double rateAt(List<Change> changes, long atMillis) {
        double rate = RateLimit.ADAPTIVE_START;
        for (Change change : changes) {
            if (change.atMillis() <= atMillis) {
                rate = change.rate();
            }
        }
        return rate;
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
}
