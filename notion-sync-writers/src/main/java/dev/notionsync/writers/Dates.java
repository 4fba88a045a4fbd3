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
        return start.isEmpty() ? fallback
                : text(start, date.path("end").asText(""), date.path("time_zone").asText(""));
    }

    /**
     * Returns {@code start}, {@code start → end}, with the time zone in parentheses when there is one.
     *
     * @param start the start, not empty
     * @param end the end, empty or {@code null} when there is none
     * @param zone the time zone, empty or {@code null} when there is none
     * @return the text
     */
    static String text(String start, String end, String zone) {
        return start + (end == null || end.isEmpty() ? "" : " → " + end)
                + (zone == null || zone.isEmpty() ? "" : " (" + zone + ")");
    }
}
