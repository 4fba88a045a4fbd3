package dev.notionsync.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultTests {

    private Workspace workspace;
    private FakeNotionServer server;
    private Api api;

    @BeforeEach
    void start() {
        workspace = Workspace.generate(WorkspaceSpec.small().withCoverage(false).withHostileTitles(false));
        server = FakeNotionServer.start(workspace);
        api = new Api(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String page() {
        return workspace.pageIds().findFirst().orElseThrow();
    }

    @Test
    void failNextAnswersTheStatusThenRecovers() {
        server.faults().failNext(2, 503);
        Api.Response first = api.get("/v1/users/me");
        assertEquals(503, first.status());
        assertEquals("service_unavailable", first.json().get("code").asText());
        assertEquals("error", first.json().get("object").asText());
        assertEquals(503, api.get("/v1/users/me").status());
        assertEquals(200, api.get("/v1/users/me").status());
        assertEquals(3, server.requestCount());
        assertEquals(3L, server.requestCountsByRoute().get("GET /v1/users/me"));
    }

    @Test
    void failNextCanTargetARoute() {
        server.faults().failNext(1, 500, "/children");
        assertEquals(200, api.get("/v1/pages/" + page()).status());
        Api.Response failed = api.get("/v1/blocks/" + page() + "/children");
        assertEquals(500, failed.status());
        assertEquals("internal_server_error", failed.json().get("code").asText());
        assertEquals(200, api.get("/v1/blocks/" + page() + "/children").status());
        assertEquals(2L, server.requestCountsByRoute().get("GET /v1/blocks/{id}/children"));
    }

    @Test
    void rateLimitNextAnswers429WithRetryAfter() {
        server.faults().rateLimitNext(1, 7);
        Api.Response limited = api.post("/v1/search", "{}");
        assertEquals(429, limited.status());
        assertEquals("7", limited.header("retry-after"));
        JsonNode body = limited.json();
        assertEquals("rate_limited", body.get("code").asText());
        assertEquals("public_api_request_rate_limit", body.at("/additional_data/rate_limit_reason").asText());
        assertEquals(200, api.post("/v1/search", "{}").status());
        assertEquals(1, server.rateLimitedCount());
        server.faults().failNext(1, 429);
        assertEquals("1", api.get("/v1/users/me").header("retry-after"));
        assertEquals(2, server.rateLimitedCount());
    }

    @Test
    void overloadNextAnswers529ServiceOverload() {
        server.faults().overloadNext(1, 3);
        Api.Response overloaded = api.get("/v1/users/me");
        assertEquals(529, overloaded.status());
        assertEquals("3", overloaded.header("retry-after"));
        assertEquals("service_overload", overloaded.json().get("code").asText());
    }

    @Test
    void resetNextClosesTheConnectionWithoutAnAnswer() throws Exception {
        server.faults().resetNext(1);
        assertEquals(-1, firstByteOfAnswer(), "no response byte before the connection dies");
        assertEquals(1, server.requestCount());
        assertEquals(200, api.get("/v1/users/me").status());
    }

    @Test
    void anOutageAnswers503OnEveryRouteWhateverIsScriptedUntilItEnds() {
        server.faults().failNext(5, 404).outage(Duration.ofDays(365));

        Api.Response me = api.get("/v1/users/me");
        Api.Response children = api.get("/v1/blocks/" + page() + "/children");
        server.faults().endOutage();
        Api.Response after = api.get("/v1/users/me");

        assertEquals(503, me.status());
        assertEquals("service_unavailable", me.json().get("code").asText());
        assertEquals(503, children.status());
        assertEquals(2, server.faults().outageAnswerCount());
        assertEquals(404, after.status(), "the scripted faults were left for after the outage");
    }

    @Test
    void aResetOutageClosesEveryConnectionWithoutAnAnswer() throws Exception {
        server.faults().resetOutage(Duration.ofDays(365));
        long acceptedBefore = server.acceptedConnectionCount();
        assertEquals(-1, firstByteOfAnswer(), "no response byte before the connection dies");
        assertEquals(acceptedBefore + 1, server.acceptedConnectionCount());
        server.faults().clear();
        assertEquals(200, api.get("/v1/users/me").status());
    }

    /** Sends {@code GET /v1/users/me} over a raw socket: the first byte of the answer, -1 when the connection died. */
    private int firstByteOfAnswer() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /v1/users/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + FakeServerOptions.DEFAULT_TOKEN + "\r\nNotion-Version: 2026-03-11\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            try {
                return socket.getInputStream().read();
            } catch (SocketException reset) {
                return -1;
            }
        }
    }

    @Test
    void stallNextHoldsTheAnswer() throws Exception {
        server.faults().stallNext(1, Duration.ofSeconds(30));
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/users/me"))
                .header("Authorization", "Bearer " + FakeServerOptions.DEFAULT_TOKEN)
                .header("Notion-Version", "2026-03-11").timeout(Duration.ofMillis(300)).build();
        Exception e = assertThrows(Exception.class, () -> Api.CLIENT.send(request, HttpResponse.BodyHandlers.ofString()));
        assertInstanceOf(HttpTimeoutException.class, e);
        assertEquals(200, Api.CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void faultCountsAreConsumedExactlyOnceUnderConcurrency() {
        server.faults().failNext(50, 503);
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/blocks/" + page() + "/children"))
                .header("Authorization", "Bearer " + FakeServerOptions.DEFAULT_TOKEN)
                .header("Notion-Version", "2026-03-11").timeout(Duration.ofSeconds(30)).build();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            responses.add(Api.CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        Map<Integer, Long> statuses = responses.stream().map(CompletableFuture::join)
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        assertEquals(Map.of(200, 150L, 503, 50L), statuses);
        assertEquals(200, server.requestCount());
    }

    @Test
    void errorRateIsSeededAndDeterministic() {
        List<Integer> first = statuses(0.5, 7);
        List<Integer> second = statuses(0.5, 7);
        assertEquals(first, second);
        assertTrue(first.contains(200));
        assertTrue(first.stream().anyMatch(s -> s >= 500 && s <= 504));
        server.faults().errorRate(0, 7);
        assertEquals(200, api.get("/v1/users/me").status());
    }

    private List<Integer> statuses(double rate, long seed) {
        server.faults().errorRate(rate, seed);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(api.get("/v1/users/me").status());
        }
        return statuses;
    }

    @Test
    void unauthorizedAndNotFoundCanBeSwitchedOnAndCleared() {
        server.faults().unauthorized(true);
        assertEquals(401, api.get("/v1/users/me").status());
        server.faults().unauthorized(false).notFound(page().replace("-", ""));
        assertEquals(404, api.get("/v1/pages/" + page()).status());
        assertEquals(404, api.get("/v1/blocks/" + page() + "/children").status());
        assertEquals(404, api.get("/v1/comments?block_id=" + page()).status());
        server.faults().clear();
        assertEquals(200, api.get("/v1/pages/" + page()).status());
    }

    @Test
    void rateLimitOptionRefusesRequestsOverTheBucket() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (FakeNotionServer limited = FakeNotionServer.start(workspace,
                FakeServerOptions.builder().clock(clock).rateLimit(0.25, 3).build())) {
            Api client = new Api(limited);
            for (int i = 0; i < 3; i++) {
                assertEquals(200, client.get("/v1/users/me").status());
            }
            Api.Response refused = client.get("/v1/users/me");
            assertEquals(429, refused.status());
            assertEquals("4", refused.header("retry-after"));
            clock.advance(Duration.ofSeconds(4));
            assertEquals(200, client.get("/v1/users/me").status());
            assertEquals(5, limited.requestCount());
            assertEquals(1, limited.rateLimitedCount());
            limited.resetCounters();
            assertEquals(0, limited.requestCount());
            assertTrue(limited.requestCountsByRoute().isEmpty());
        }
    }

    @Test
    void aRateWindowIsABudgetPerWindowSpentInOneBurstWhoseRetryAfterIsTheRestOfTheWindow() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        // 0.1 a second over 60 seconds: 6 requests per window, all at once if the client likes
        try (FakeNotionServer limited = FakeNotionServer.start(workspace, FakeServerOptions.builder().clock(clock)
                .rateLimit(0.1, 1).rateWindow(Duration.ofSeconds(60)).build())) {
            Api client = new Api(limited);
            for (int i = 0; i < 6; i++) {
                assertEquals(200, client.get("/v1/users/me").status());
            }
            clock.advance(Duration.ofSeconds(15));
            Api.Response refused = client.get("/v1/users/me");
            assertEquals(429, refused.status());
            assertEquals("45", refused.header("retry-after"));
            clock.advance(Duration.ofSeconds(44));
            assertEquals(429, client.get("/v1/users/me").status());
            clock.advance(Duration.ofSeconds(1));
            for (int i = 0; i < 6; i++) {
                assertEquals(200, client.get("/v1/users/me").status());
            }
            assertEquals(429, client.get("/v1/users/me").status());
            assertEquals(3, limited.rateLimitedCount());
        }
    }
}
