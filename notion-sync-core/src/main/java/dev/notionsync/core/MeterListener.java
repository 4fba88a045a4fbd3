package dev.notionsync.core;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Records the client's traffic into the caller's {@link MeterRegistry}. Tags use endpoint templates, never ids. */
final class MeterListener implements RequestListener {

    private final MeterRegistry registry;

    /**
     * The request counters by endpoint and status, found once: every answer counts, and building and registering
     * the meter again (its id, its tags, the registry's lookup) cost more than the increment. Endpoints are
     * templates, so this stays small.
     */
    private final Map<String, Map<Integer, Counter>> requests = new ConcurrentHashMap<>();

    MeterListener(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onResponse(String endpoint, int status) {
        requests.computeIfAbsent(endpoint, key -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, key -> Counter.builder("notion.api.requests")
                        .description("Notion API answers by endpoint template and HTTP status (0: no answer)")
                        .tag("endpoint", endpoint)
                        .tag("status", Integer.toString(status))
                        .register(registry))
                .increment();
    }

    @Override
    public void onRetry(String endpoint, NotionTransientException error, Duration wait) {
        Counter.builder("notion.api.retries")
                .description("Requests tried again after a transient failure")
                .tag("endpoint", endpoint)
                .tag("code", error.code())
                .register(registry)
                .increment();
    }

    @Override
    public void onThrottled(String reason, Duration wait) {
        Counter.builder("notion.api.throttled")
                .description("429 and 529 answers by rate-limit reason")
                .tag("reason", reason)
                .register(registry)
                .increment();
        Timer.builder("notion.api.throttled.wait")
                .description("Time the client held every request back because Notion asked it to")
                .register(registry)
                .record(wait);
    }

    @Override
    public void onOutageStarted(Duration retryIn) {
        Counter.builder("notion.api.outages")
                .description("Outages of the API: every request failed, so the client stopped sending and probed")
                .register(registry)
                .increment();
    }

    @Override
    public void onOutageProbeFailed(Duration elapsed, Duration retryIn) {
        Counter.builder("notion.api.outage.probes.failed")
                .description("Probes sent during an outage that found the API still unavailable")
                .register(registry)
                .increment();
    }

    @Override
    public void onOutageEnded(Duration duration, long heldRequests, boolean recovered) {
        String outcome = recovered ? "recovered" : "gave_up";
        Timer.builder("notion.api.outage.duration")
                .description("How long outages of the API lasted, by outcome: recovered, or gave_up after maxOutage")
                .tag("outcome", outcome)
                .register(registry)
                .record(duration);
        Counter.builder("notion.api.outage.held")
                .description("Requests held back during outages instead of being sent (and failed)")
                .register(registry)
                .increment(heldRequests);
    }
}
