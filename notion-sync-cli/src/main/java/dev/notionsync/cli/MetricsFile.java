package dev.notionsync.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.export.ExportFiles;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;

/**
 * {@code --metrics FILE}: the run's meters written at the end, as Prometheus text (any name not ending in
 * {@code .json}) or as JSON.
 */
final class MetricsFile {

    private final Path file;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    MetricsFile(Path file) {
        this.file = file;
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    void write() throws IOException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            ExportFiles.write(file.toAbsolutePath(), json());
        } else {
            ExportFiles.write(file.toAbsolutePath(), registry.scrape());
        }
    }

    private String json() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode meters = root.putArray("meters");
        registry.getMeters().stream()
                .sorted(Comparator.comparing((Meter meter) -> meter.getId().getName())
                        .thenComparing(meter -> meter.getId().getTags().toString()))
                .forEach(meter -> {
                    ObjectNode entry = meters.addObject();
                    entry.put("name", meter.getId().getName());
                    entry.put("type", meter.getId().getType().name().toLowerCase(Locale.ROOT));
                    ObjectNode tags = entry.putObject("tags");
                    for (Tag tag : meter.getId().getTags()) {
                        tags.put(tag.getKey(), tag.getValue());
                    }
                    ObjectNode values = entry.putObject("values");
                    for (Measurement measurement : meter.measure()) {
                        values.put(measurement.getStatistic().getTagValueRepresentation(), measurement.getValue());
                    }
                });
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }
}
