package dev.notionsync.core.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Helpers for Notion rich-text arrays.
 *
 * @since 0.1
 */
public final class RichText {

    private RichText() {
    }

    /**
     * Concatenates the {@code plain_text} of every segment of a rich-text array.
     *
     * @param richText a JSON array of rich-text objects; {@code null} or a non-array gives the empty string
     * @return the plain text
     */
    public static String plainText(JsonNode richText) {
        if (richText == null || !richText.isArray()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode segment : richText) {
            out.append(segment.path("plain_text").asText(""));
        }
        return out.toString();
    }
}
