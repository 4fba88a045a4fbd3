package dev.notionsync.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.model.Page;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class OutageTests {

    private static final String PROBE = "GET /v1/users/me";

    /** Records what the client tells a subscription about outages. */
    private static final class Outages implements RequestListener {
        final List<String> heard = new CopyOnWriteArrayList<>();
        final AtomicInteger retries = new AtomicInteger();

        @Override
        public void onRetry(String endpoint, NotionTransientException error, Duration wait) {
            retries.incrementAndGet();
        }

        @Override
        public void onOutageStarted(Duration retryIn) {
            heard.add("started, retry in " + retryIn.toSeconds() + " s");
        }

        @Override
        public void onOutageProbeFailed(Duration elapsed, Duration retryIn) {
            heard.add("probe failed, retry in " + retryIn.toSeconds() + " s");
        }

        @Override
        public void onOutageEnded(Duration duration, long heldRequests, boolean recovered) {
            heard.add((recovered ? "recovered" : "gave up") + " after " + duration.toSeconds() + " s, "
                    + heldRequests + " held");
        }
    }

    /**
     * A transport whose API is down (every request 503) while {@code down} is set, except for requests to
     * {@code brokenEndpoint}, which always fail.
     */
    private static final class FlakyApi implements NotionTransport {
        final AtomicBoolean down = new AtomicBoolean();
        final List<String> sent = new CopyOnWriteArrayList<>();
        final List<String> sentWhileDown = new CopyOnWriteArrayList<>();
        private final String brokenEndpoint;

        FlakyApi(String brokenEndpoint) {
            this.brokenEndpoint = brokenEndpoint;
        }

        @Override
        public Mono<JsonNode> exchange(NotionRequest request) {
            return Mono.defer(() -> {
                String line = request.endpoint();
                sent.add(line);
                if (down.get()) {
                    sentWhileDown.add(line);
                }
                if (down.get() || line.equals(brokenEndpoint)) {
                    return Mono.error(ScriptedTransport.error(503, "service_unavailable", null));
                }
                ObjectNode json = Json.object();
                if (line.equals(PROBE)) {
                    return Mono.just(json.put("object", "user").put("id", "bot"));
                }
                return Mono.just(json.put("object", "page").put("id", request.uri()));
            });
        }
    }

    @Test
    void anOutageHoldsEveryRequestWithoutSpendingItsRetriesAndProbesUntilTheApiIsBack() {
        FlakyApi api = new FlakyApi(null);
        Outages outages = new Outages();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<String> pages = new CopyOnWriteArrayList<>();

        StepVerifier.withVirtualTime(() -> {
            NotionClient client = NotionClient.create(ScriptedTransport.options().mutate().meterRegistry(meters)
                    .build(), api);
            return client.page("first")
                    .doOnNext(first -> api.down.set(true))
                    // ten pages asked for during a five-minute outage
                    .thenMany(Flux.range(0, 10).flatMap(i -> client.page("p" + i)))
                    .map(Page::id)
                    .doOnNext(pages::add)
                    .contextWrite(Context.of(RequestListener.class, outages));
        })
                .expectSubscription()
                .thenAwait(Duration.ofMinutes(5))
                .then(() -> {
                    assertThat(pages).isEmpty();
                    // five requests failed once each, opening the breaker; since then only probes went out
                    assertThat(api.sentWhileDown.stream().filter(line -> !line.equals(PROBE)))
                            .hasSize(OutageBreaker.WINDOW);
                    assertThat(api.sentWhileDown.stream().filter(PROBE::equals)).hasSizeBetween(10, 14);
                    api.down.set(false);
                })
                .thenAwait(Duration.ofSeconds(30))
                .expectNextCount(10)
                .verifyComplete();

        assertThat(pages).hasSize(10);
        assertThat(outages.heard.get(0)).isEqualTo("started, retry in 2 s");
        assertThat(outages.heard).element(1).isEqualTo("probe failed, retry in 4 s");
        assertThat(outages.heard).element(4).isEqualTo("probe failed, retry in 30 s");
        // the API came back at 5 min; the next probe (at most 30 s later) found it; every page waited once
        assertThat(outages.heard.get(outages.heard.size() - 1)).matches("recovered after 3[0-3]\\d s, 10 held");
        assertThat(meters.counter("notion.api.outages").count()).isEqualTo(1);
        assertThat(meters.timer("notion.api.outage.duration", "outcome", "recovered").totalTime(
                java.util.concurrent.TimeUnit.SECONDS)).isBetween(300.0, 330.0);
        assertThat(meters.counter("notion.api.outage.held").count()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void aSingleRequestRetryingAloneOpensTheBreakerBeforeItsRetriesRunOut() {
        FlakyApi api = new FlakyApi(null);
        Outages outages = new Outages();

        StepVerifier.withVirtualTime(() -> {
            NotionClient client = NotionClient.create(ScriptedTransport.options(), api);
            return client.page("first").doOnNext(first -> api.down.set(true))
                    .then(client.page("p1")).map(Page::id)
                    .contextWrite(Context.of(RequestListener.class, outages));
        })
                .expectSubscription()
                .thenAwait(Duration.ofMinutes(20))
                .then(() -> api.down.set(false))
                .thenAwait(Duration.ofSeconds(30))
                .expectNext("/v1/pages/p1")
                .verifyComplete();

        // five faults in a row open the breaker: the request spent 4 of its 6 retries before the outage was known
        assertThat(api.sentWhileDown.stream().filter(line -> !line.equals(PROBE))).hasSize(OutageBreaker.WINDOW);
        assertThat(outages.heard.get(outages.heard.size() - 1)).startsWith("recovered after 12");
    }

    @Test
    void anOutageLongerThanMaxOutageFailsTheWaitingRequestsAndTheClientStartsAfresh() {
        FlakyApi api = new FlakyApi(null);
        Outages outages = new Outages();
        NotionClientOptions options = ScriptedTransport.options().mutate().maxOutage(Duration.ofMinutes(3)).build();
        NotionClient[] client = new NotionClient[1];

        StepVerifier.withVirtualTime(() -> {
            client[0] = NotionClient.create(options, api);
            return client[0].page("first").doOnNext(first -> api.down.set(true))
                    .then(client[0].page("p1"))
                    .contextWrite(Context.of(RequestListener.class, outages));
        })
                .expectSubscription()
                .thenAwait(Duration.ofMinutes(2))
                .then(() -> assertThat(outages.heard).noneMatch(line -> line.startsWith("gave up")))
                .thenAwait(Duration.ofMinutes(2))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(NotionTransientException.class);
                    assertThat(((NotionException) error).kind()).isEqualTo(FailureKind.OUTAGE);
                    assertThat(error.getMessage()).contains("GET /v1/pages/{id} was not sent")
                            .contains("longer than the longest outage waited out (3 min)");
                })
                .verify();

        assertThat(outages.heard.get(outages.heard.size() - 1)).startsWith("gave up after 180 s");
        // the next request is sent, not held: a later export meets the API as it is then
        api.down.set(false);
        int before = api.sent.size();
        StepVerifier.create(client[0].page("p2").map(Page::id)).expectNext("/v1/pages/p2").verifyComplete();
        assertThat(api.sent).hasSize(before + 1);
    }

    @Test
    void aRequestThatFailsOnItsOwnIsNoOutageAndStillRunsOutOfRetries() {
        FlakyApi api = new FlakyApi("GET /v1/blocks/{id}");
        Outages outages = new Outages();

        StepVerifier.withVirtualTime(() -> {
            NotionClient client = NotionClient.create(ScriptedTransport.options(), api);
            return client.page("first").then(client.block("b1"))
                    .contextWrite(Context.of(RequestListener.class, outages));
        })
                .expectSubscription()
                .thenAwait(Duration.ofMinutes(10))
                .expectErrorSatisfies(error -> {
                    assertThat(((NotionException) error).kind()).isEqualTo(FailureKind.FAULT);
                    assertThat(error.getMessage()).startsWith("gave up after 6 retries");
                })
                .verify();

        // the probe found the API up, so the breaker closed again at once
        assertThat(outages.heard).isNotEmpty().allMatch(line -> line.startsWith("started")
                || line.startsWith("recovered after 2 s"));
    }

    @Test
    void closingTheClientFailsTheRequestsWaitingForAnOutageAndStopsProbing() {
        FlakyApi api = new FlakyApi(null);
        NotionClient[] client = new NotionClient[1];

        StepVerifier.withVirtualTime(() -> {
            client[0] = NotionClient.create(ScriptedTransport.options(), api);
            return client[0].page("first").doOnNext(first -> api.down.set(true)).then(client[0].page("p1"));
        })
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(20))
                .then(() -> client[0].close())
                .expectErrorSatisfies(error -> assertThat(((NotionException) error).kind())
                        .isEqualTo(FailureKind.OUTAGE))
                .verify();

        int sent = api.sent.size();
        StepVerifier.withVirtualTime(() -> Mono.delay(Duration.ofMinutes(10)))
                .thenAwait(Duration.ofMinutes(10)).expectNextCount(1).verifyComplete();
        assertThat(api.sent).hasSize(sent);
    }
}
