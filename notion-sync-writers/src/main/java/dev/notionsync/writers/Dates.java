package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;

/** Text for Notion date objects ({@code {start, end, time_zone}}). */
final class Dates {

    private Dates() {
    }

    /**
     * Returns {@code start}, {@code start → end}, with the time zone in parentheses when there is one.
     *
     * @param date the date object
     * @param fallback used when the object has no start
     * @return the text, ISO 8601 as Notion gives it
     */
    static String text(JsonNode date, String fallback) {
        String start = date.path("start").asText("");
        if (start.isEmpty()) {
            return fallback;
        }
        String end = date.path("end").asText("");
        String zone = date.path("time_zone").asText("");
        return start + (end.isEmpty() ? "" : " → " + end) + (zone.isEmpty() ? "" : " (" + zone + ")");
    }
}
