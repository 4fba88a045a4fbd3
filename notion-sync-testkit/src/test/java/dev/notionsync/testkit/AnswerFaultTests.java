package dev.notionsync.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults in 200 answers: broken bodies, endless cursors, dripping bodies, and error messages echoing the token. */
class AnswerFaultTests {

    private static final String SEARCH = "{\"page_size\":2}";

    private FakeNotionServer server;
    private Api api;

    @BeforeEach
    void start() {
        server = FakeNotionServer.start(Workspace.generate(WorkspaceSpec.small().withCoverage(false)
                .withHostileTitles(false)));
        api = new Api(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void malformedNextAnswersTheRawBodyWithStatus200ThenRecovers() {
        server.faults().malformedNext(2, "/v1/search", "{\"object\":\"list\"}");

        Api.Response users = api.get("/v1/users/me");
        Api.Response first = api.post("/v1/search", SEARCH);
        Api.Response second = api.post("/v1/search", SEARCH);
        Api.Response third = api.post("/v1/search", SEARCH);

        assertEquals("user", users.json().path("object").asText());
        assertEquals(200, first.status());
        assertEquals("{\"object\":\"list\"}", first.text());
        assertEquals("{\"object\":\"list\"}", second.text());
        assertEquals(2, third.json().path("results").size());
    }

    @Test
    void loopCursorNextHandsOutTheSameCursorForever() {
        server.faults().loopCursorNext(Integer.MAX_VALUE, "/v1/search");

        JsonNode first = api.postJson("/v1/search", SEARCH);
        String cursor = first.path("next_cursor").asText();
        JsonNode second = api.postJson("/v1/search", "{\"page_size\":2,\"start_cursor\":\"" + cursor + "\"}");

        assertTrue(first.path("has_more").asBoolean());
        assertTrue(second.path("has_more").asBoolean());
        assertEquals(cursor, second.path("next_cursor").asText());
        assertEquals(first.path("results").get(0).path("id"), second.path("results").get(0).path("id"));
    }

    @Test
    void dripNextSendsTheSameBodyAByteAtATime() {
        String normal = api.get("/v1/users/me").text();
        server.faults().dripNext(1, Duration.ofMillis(2), "/v1/users/me");

        long start = System.nanoTime();
        Api.Response dripped = api.get("/v1/users/me");
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(200, dripped.status());
        assertEquals(api.getJson("/v1/users/me").path("id"), dripped.json().path("id"));
        // the body differs only in its request_id, so it is as long as the normal one
        assertEquals(normal.length(), dripped.text().length());
        assertTrue(millis >= normal.length() * 2L * 9 / 10, "took " + millis + " ms for " + normal.length() + " bytes");
    }

    @Test
    void echoTokenNextQuotesTheAuthorizationHeaderInTheErrorMessage() {
        server.faults().echoTokenNext(1, 400, "/v1/users/me");

        Api.Response echoed = api.get("/v1/users/me");

        assertEquals(400, echoed.status());
        assertEquals("validation_error", echoed.json().path("code").asText());
        assertTrue(echoed.json().path("message").asText().contains("Bearer " + FakeServerOptions.DEFAULT_TOKEN));
        assertEquals(200, api.get("/v1/users/me").status());
    }
}
