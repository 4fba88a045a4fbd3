package dev.notionsync.core;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/** Records the client's traffic into the caller's {@link MeterRegistry}. Tags use endpoint templates, never ids. */
final class MeterListener implements RequestListener {

    private final MeterRegistry registry;

    MeterListener(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onResponse(String endpoint, int status) {
        Counter.builder("notion.api.requests")
                .description("Notion API answers by endpoint template and HTTP status (0: no answer)")
                .tag("endpoint", endpoint)
                .tag("status", Integer.toString(status))
                .register(registry)
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
}
