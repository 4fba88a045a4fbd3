package dev.notionsync.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthAndErrorsTests {

    private static FakeNotionServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = FakeNotionServer.start(Workspace.generate(WorkspaceSpec.small()));
        api = new Api(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void baseUrlIsLoopbackWithoutV1() {
        assertEquals("http://127.0.0.1:" + server.port(), server.baseUrl());
    }

    @Test
    void missingTokenAnswers401WithNotionErrorBody() {
        Api.Response response = new Api(server).token(null).get("/v1/users/me");
        assertEquals(401, response.status());
        JsonNode error = response.json();
        assertEquals("error", error.get("object").asText());
        assertEquals(401, error.get("status").asInt());
        assertEquals("unauthorized", error.get("code").asText());
        assertEquals("API token is invalid.", error.get("message").asText());
        assertNotNull(error.get("request_id"));
        assertEquals(error.get("request_id").asText(), response.header("x-request-id"));
        assertTrue(response.header("content-type").startsWith("application/json"));
    }

    @Test
    void wrongTokenAnswers401() {
        assertEquals(401, new Api(server).token("secret_wrong").get("/v1/users/me").status());
    }

    @Test
    void missingVersionAnswers400MissingVersion() {
        Api.Response response = new Api(server).version(null).get("/v1/users/me");
        assertEquals(400, response.status());
        assertEquals("missing_version", response.json().get("code").asText());
    }

    @Test
    void unsupportedVersionAnswers400() {
        Api.Response response = new Api(server).version("2022-06-28").get("/v1/users/me");
        assertEquals(400, response.status());
        assertEquals("validation_error", response.json().get("code").asText());
    }

    @Test
    void usersMeReturnsTheBotWithWorkspaceName() {
        JsonNode me = api.getJson("/v1/users/me");
        assertEquals("bot", me.get("type").asText());
        assertTrue(me.at("/bot/owner/workspace").asBoolean());
        assertFalse(me.at("/bot/workspace_name").asText().isEmpty());
    }

    @Test
    void guestIsNotListedButCanBeRetrieved() {
        Workspace workspace = server.workspace();
        String guest = workspace.guestUserId();
        boolean listed = api.getAll("/v1/users?page_size=7").stream().anyMatch(u -> u.get("id").asText().equals(guest));
        assertFalse(listed);
        assertEquals(workspace.userIds().size(), api.getAll("/v1/users?page_size=7").size());
        assertEquals("person", api.getJson("/v1/users/" + guest).get("type").asText());
    }

    @Test
    void unknownObjectAnswers404ObjectNotFound() {
        String unknown = "00000000-0000-4000-8000-000000000000";
        for (String path : new String[] {"/v1/pages/", "/v1/blocks/", "/v1/databases/", "/v1/data_sources/",
            "/v1/users/"}) {
            Api.Response response = api.get(path + unknown);
            assertEquals(404, response.status(), path);
            assertEquals("object_not_found", response.json().get("code").asText());
        }
    }

    @Test
    void unknownRouteAnswers400InvalidRequestUrl() {
        Api.Response response = api.get("/v1/nothing/here");
        assertEquals(400, response.status());
        assertEquals("invalid_request_url", response.json().get("code").asText());
        assertEquals(400, api.get("/v1/search").status());
    }

    @Test
    void badPageSizeAndCursorAnswer400() {
        String page = server.workspace().pageIds().findFirst().orElseThrow();
        assertEquals(400, api.get("/v1/blocks/" + page + "/children?page_size=101").status());
        assertEquals(400, api.get("/v1/blocks/" + page + "/children?page_size=0").status());
        assertEquals(400, api.get("/v1/blocks/" + page + "/children?start_cursor=garbage").status());
        assertEquals(400, api.post("/v1/search", "{not json").status());
        assertEquals("invalid_json", api.post("/v1/search", "{not json").json().get("code").asText());
    }

    @Test
    void idsWorkWithAndWithoutDashes() {
        String page = server.workspace().pageIds().findFirst().orElseThrow();
        JsonNode dashed = api.getJson("/v1/pages/" + page);
        JsonNode compact = api.getJson("/v1/pages/" + page.replace("-", "").toUpperCase(Locale.ROOT));
        assertEquals(page, dashed.get("id").asText());
        assertEquals(page, compact.get("id").asText());
    }

    @Test
    void linkedDatabaseCannotBeRetrieved() {
        Workspace workspace = server.workspace();
        long linked = workspace.pageIds().flatMap(p -> workspace.children(p).stream())
                .filter(b -> b.get("type").asText().equals("child_database"))
                .map(b -> api.get("/v1/databases/" + b.get("id").asText()))
                .filter(r -> r.status() != 200)
                .peek(r -> assertTrue(r.text().contains("linked database") || r.status() == 404, r.text()))
                .count();
        assertEquals(2, linked, "the generated and the coverage linked database");
    }
}
