package dev.notionsync.core;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MeterListenerTests {

    @Test
    void answersAreCountedByEndpointTemplateAndStatus() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MeterListener listener = new MeterListener(registry);

        for (int i = 0; i < 3; i++) {
            listener.onResponse("GET /v1/blocks/{id}/children", 200);
        }
        listener.onResponse("GET /v1/blocks/{id}/children", 429);
        listener.onResponse("POST /v1/search", 200);
        listener.onResponse("POST /v1/search", 0);

        assertThat(count(registry, "GET /v1/blocks/{id}/children", "200")).isEqualTo(3);
        assertThat(count(registry, "GET /v1/blocks/{id}/children", "429")).isEqualTo(1);
        assertThat(count(registry, "POST /v1/search", "200")).isEqualTo(1);
        assertThat(count(registry, "POST /v1/search", "0")).isEqualTo(1);
        assertThat(registry.find("notion.api.requests").counters()).hasSize(4);
    }

    private static double count(SimpleMeterRegistry registry, String endpoint, String status) {
        return registry.get("notion.api.requests").tag("endpoint", endpoint).tag("status", status).counter().count();
    }
}
