package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A tiny blocking client for tests: java.net.http against a {@link FakeNotionServer}. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** A response with its JSON body parsed when it is JSON. */
    record Response(int status, HttpHeaders headers, byte[] body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final String baseUrl;
    private String token = FakeServerOptions.DEFAULT_TOKEN;
    private String version = "2026-03-11";

    Api(FakeNotionServer server) {
        this.baseUrl = server.baseUrl();
    }

    Api token(String value) {
        token = value;
        return this;
    }

    Api version(String value) {
        version = value;
        return this;
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    Response post(String path, String json) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"));
    }

    Response patch(String path, String json) {
        return send(request(path).method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"));
    }

    JsonNode getJson(String path) {
        Response response = get(path);
        if (response.status() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.status() + ": " + response.text());
        }
        return response.json();
    }

    JsonNode postJson(String path, String json) {
        Response response = post(path, json);
        if (response.status() != 200) {
            throw new AssertionError("POST " + path + " answered " + response.status() + ": " + response.text());
        }
        return response.json();
    }

    /** Every result of a paginated GET, following next_cursor. */
    List<JsonNode> getAll(String path) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            String sep = path.contains("?") ? "&" : "?";
            JsonNode page = getJson(cursor == null ? path : path + sep + "start_cursor=" + cursor);
            page.get("results").forEach(all::add);
            cursor = page.get("has_more").asBoolean() ? page.get("next_cursor").asText() : null;
        } while (cursor != null);
        return all;
    }

    /** Every result of a POST list endpoint, following cursors in the body. */
    List<JsonNode> getAllPosted(String path) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = postJson(path, cursor == null ? "{}" : "{\"start_cursor\":\"" + cursor + "\"}");
            page.get("results").forEach(all::add);
            cursor = page.get("has_more").asBoolean() ? page.get("next_cursor").asText() : null;
        } while (cursor != null);
        return all;
    }

    static Response download(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (version != null) {
            builder.header("Notion-Version", version);
        }
        return builder;
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
