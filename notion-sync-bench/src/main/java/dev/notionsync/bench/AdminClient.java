package dev.notionsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * Calls the fake server's {@code /_admin/} routes with the JDK's HTTP client, apart from the exporter's connection
 * pool; the server does not count these calls as API requests.
 */
final class AdminClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    AdminClient(String baseUrl) {
        this.base = baseUrl + "/_admin/";
    }

    /** @return requests, rateLimited, downloads, byRoute, byStatus, serviceNanos, cpuNanos, heapUsed */
    JsonNode stats() {
        return call("GET", "stats");
    }

    /** Zeroes the server's counters and refills its rate-limit bucket. */
    JsonNode reset() {
        return call("POST", "reset");
    }

    /** Edits the first text block of {@code fraction} of the pages; answers {@code {edited, pages}}. */
    JsonNode edit(double fraction, long seed) {
        return call("POST", String.format(Locale.ROOT, "edit?fraction=%s&seed=%d", fraction, seed));
    }

    /** The fewest requests a complete export needs, by kind, and the workspace's shape. */
    Minimum minimum() {
        return Minimum.from(call("GET", "minimum"));
    }

    private JsonNode call(String method, String route) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + route))
                .timeout(Duration.ofMinutes(10))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + base + route + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("admin call " + method + " " + base + route + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during admin call " + route, e);
        }
    }
}
