package dev.notionsync.writers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The text of a {@link PropertyValues plain property value} in a table cell (CSV, HTML tables): lists joined with
 * {@code ", "}, dates as {@code start → end (zone)}, related pages as {@code Title (id)}, people by name, files by
 * local path (else URL), places by name or
 * {@code lat,lon}, unknown values as compact JSON.
 */
final class CellText {

    private CellText() {
    }

    /**
     * Returns the text of a plain value.
     *
     * @param plain a value returned by {@link PropertyValues#value(JsonNode)}
     * @return the text, empty for {@code null} and {@link PropertyValues#SKIP}
     */
    static String of(Object plain) {
        if (plain == null || plain == PropertyValues.SKIP) {
            return "";
        }
        if (plain instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (plain instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (Object item : list) {
                String text = of(item);
                if (!text.isEmpty()) {
                    items.add(text);
                }
            }
            return String.join(", ", items);
        }
        if (plain instanceof PropertyValues.DateValue date) {
            return date.start() == null ? "" : Dates.text(date.start(), date.end(), date.timeZone());
        }
        if (plain instanceof PropertyValues.PageRef ref) {
            return ref.title() == null ? ref.id() : ref.title() + " (" + ref.id() + ")";
        }
        if (plain instanceof PropertyValues.Person person) {
            return person.name();
        }
        if (plain instanceof PropertyValues.FileRef file) {
            return file.path() != null ? file.path() : file.url().isEmpty() ? file.name() : file.url();
        }
        if (plain instanceof PropertyValues.Place place) {
            return place(place.fields());
        }
        if (plain instanceof PropertyValues.Unknown unknown) {
            return json(unknown.json());
        }
        return plain.toString();
    }

    private static String place(Map<String, Object> fields) {
        Object name = fields.get("name");
        if (name != null && !name.toString().isBlank()) {
            return name.toString();
        }
        if (fields.get("lat") != null && fields.get("lon") != null) {
            return of(fields.get("lat")) + "," + of(fields.get("lon"));
        }
        Object address = fields.get("address");
        return address == null ? "" : address.toString();
    }

    private static String json(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        try {
            return JsonFileWriter.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            // a tree read from JSON always writes back; keep the cell readable if it ever does not
            return node.toString();
        }
    }
}
