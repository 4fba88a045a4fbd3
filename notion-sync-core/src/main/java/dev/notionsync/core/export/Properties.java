package dev.notionsync.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionNonTransientException;
import dev.notionsync.core.model.DataSource;
import dev.notionsync.core.model.Page;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Completes property values that Notion truncates at 25 references, through the property-item endpoint, and only
 * where truncation is possible: a relation or people value with 25 or more entries, a title or rich text with 25 or
 * more mentions, and a rollup whose relation holds 25 or more pages. Everything else costs no request.
 */
final class Properties {

    /** Notion counts at most this many page or person references inside a page object. */
    static final int REFERENCE_LIMIT = 25;

    private final NotionClient client;
    private final ExportRun run;
    private final Map<String, DataSource> schemas;

    Properties(NotionClient client, ExportRun run, Map<String, DataSource> schemas) {
        this.client = client;
        this.run = run;
        this.schemas = schemas;
    }

    Mono<Page> complete(Page page) {
        List<String> names = atRisk(page);
        if (names.isEmpty()) {
            return Mono.just(page);
        }
        ObjectNode copy = page.json().deepCopy();
        ObjectNode values = (ObjectNode) copy.get("properties");
        return Flux.fromIterable(names)
                .concatMap(name -> client.propertyValue(page.id(), values.path(name).path("id").asText())
                        .doOnNext(value -> values.set(name, value))
                        .onErrorResume(error -> error instanceof NotionNonTransientException notion
                                && !notion.isUnauthorized(), error -> {
                            run.emit(new ExportEvent.PageFailed(page.id(), ExportEvent.Reasons.TRUNCATED_VALUE,
                                    "property \"" + name + "\" may hold more than " + REFERENCE_LIMIT
                                            + " references and could not be completed: " + error.getMessage()));
                            return Mono.empty();
                        }))
                .then(Mono.fromSupplier(() -> new Page(copy)));
    }

    List<String> atRisk(Page page) {
        List<String> names = new ArrayList<>();
        ObjectNode properties = page.properties();
        properties.properties().forEach(entry -> {
            JsonNode value = entry.getValue();
            if (value.path("id").asText("").isEmpty()) {
                return;
            }
            boolean risk = switch (value.path("type").asText()) {
                case "relation" -> value.path("has_more").asBoolean(false)
                        || value.path("relation").size() >= REFERENCE_LIMIT;
                case "people" -> value.path("people").size() >= REFERENCE_LIMIT;
                case "title", "rich_text" -> mentions(value.path(value.path("type").asText())) >= REFERENCE_LIMIT;
                case "rollup" -> rollupAtRisk(page, value);
                default -> false;
            };
            if (risk) {
                names.add(entry.getKey());
            }
        });
        return names;
    }

    private boolean rollupAtRisk(Page page, JsonNode value) {
        DataSource schema = page.dataSourceId().map(id -> schemas.get(FileNames.normalizeId(id))).orElse(null);
        String relationName = null;
        if (schema != null) {
            for (Map.Entry<String, JsonNode> property : schema.schema().properties()) {
                if (property.getValue().path("id").asText().equals(value.path("id").asText())) {
                    relationName = property.getValue().path("rollup").path("relation_property_name").asText(null);
                }
            }
        }
        if (relationName != null) {
            JsonNode relation = page.properties().path(relationName);
            return relation.path("has_more").asBoolean(false) || relation.path("relation").size() >= REFERENCE_LIMIT;
        }
        // without the schema, any relation of the page that may be truncated puts the rollup at risk
        for (Map.Entry<String, JsonNode> property : page.properties().properties()) {
            JsonNode other = property.getValue();
            if ("relation".equals(other.path("type").asText())
                    && other.path("relation").size() >= REFERENCE_LIMIT) {
                return true;
            }
        }
        return value.path("rollup").path("array").size() >= REFERENCE_LIMIT;
    }

    private static int mentions(JsonNode richText) {
        int count = 0;
        for (JsonNode segment : richText) {
            String type = segment.path("mention").path("type").asText("");
            if ("page".equals(type) || "user".equals(type) || "database".equals(type)) {
                count++;
            }
        }
        return count;
    }
}
