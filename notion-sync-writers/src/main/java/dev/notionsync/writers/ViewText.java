package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A view's filter and sorts in words, for people: {@code Priority select equals P0 and Shipped checkbox equals
 * true}, {@code Due descending, Name ascending}. The exact objects stay in the JSON.
 */
final class ViewText {

    private ViewText() {
    }

    /**
     * Describes a filter.
     *
     * @param filter the view's {@code filter}, possibly null
     * @return the description, empty for no filter
     */
    static String filter(JsonNode filter) {
        if (filter == null || !filter.isObject() || filter.isEmpty()) {
            return "";
        }
        for (String group : List.of("and", "or")) {
            if (filter.has(group)) {
                List<String> parts = new ArrayList<>();
                filter.get(group).forEach(part -> {
                    String text = filter(part);
                    if (!text.isEmpty()) {
                        parts.add(part.has("and") || part.has("or") ? "(" + text + ")" : text);
                    }
                });
                return String.join(" " + group + " ", parts);
            }
        }
        String subject = filter.path("property").asText(filter.path("timestamp").asText(""));
        StringBuilder text = new StringBuilder(subject);
        for (Map.Entry<String, JsonNode> field : filter.properties()) {
            if (field.getValue().isObject()) {
                text.append(' ').append(field.getKey());
                for (Map.Entry<String, JsonNode> condition : field.getValue().properties()) {
                    text.append(' ').append(condition.getKey().replace('_', ' '));
                    JsonNode value = condition.getValue();
                    if (!value.isObject() && !(value.isBoolean() && condition.getKey().startsWith("is_"))) {
                        text.append(' ').append(value.asText());
                    }
                }
            }
        }
        return text.toString().strip();
    }

    /**
     * Describes sorts.
     *
     * @param sorts the view's {@code sorts}, possibly null
     * @return the description, empty for none
     */
    static String sorts(JsonNode sorts) {
        if (sorts == null || !sorts.isArray()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode sort : sorts) {
            String subject = sort.path("property").asText(sort.path("timestamp").asText(""));
            parts.add((subject + " " + sort.path("direction").asText("")).strip());
        }
        return String.join(", ", parts);
    }
}
