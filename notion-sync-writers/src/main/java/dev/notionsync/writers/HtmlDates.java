package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.model.Timestamps;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Notion dates as people read them ({@code May 1, 2024}, {@code May 1, 2024 10:00 UTC → 11:30}), inside a
 * {@code <time datetime>} that keeps the ISO value for machines. Values that do not parse are shown as given.
 */
final class HtmlDates {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d, uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private HtmlDates() {
    }

    /**
     * Renders a date object ({@code {start, end, time_zone}}).
     *
     * @param date the date object
     * @param fallback the text shown when the object has no start
     * @return the HTML
     */
    static String html(JsonNode date, String fallback) {
        String start = date.path("start").asText("");
        if (start.isEmpty()) {
            return HtmlText.text(fallback);
        }
        return html(start, date.path("end").asText(""), date.path("time_zone").asText(""));
    }

    /**
     * Renders a start, an optional end and an optional IANA time zone.
     *
     * @param start the ISO start, not empty
     * @param end the ISO end, empty or {@code null} for none
     * @param zone the time zone, empty or {@code null} for none
     * @return the HTML
     */
    static String html(String start, String end, String zone) {
        String first = readable(start, null);
        StringBuilder out = new StringBuilder("<time datetime=\"").append(Html.escape(start)).append("\">")
                .append(Html.escape(first)).append("</time>");
        if (end != null && !end.isEmpty()) {
            out.append(" → <time datetime=\"").append(Html.escape(end)).append("\">")
                    .append(Html.escape(readable(end, start))).append("</time>");
        }
        if (zone != null && !zone.isEmpty()) {
            out.append(" (").append(Html.escape(zone)).append(')');
        }
        return out.toString();
    }

    /**
     * Returns a readable form of an ISO date or date-time; an end on the start's day shows its time only.
     *
     * @param iso the value
     * @param sameDayAs the start of the range when {@code iso} is its end, else {@code null}
     * @return the text
     */
    static String readable(String iso, String sameDayAs) {
        try {
            if (iso.length() == 10) {
                return LocalDate.parse(iso).format(DAY);
            }
            OffsetDateTime time = dateTime(iso);
            String clock = time.format(TIME) + (time.getOffset().equals(ZoneOffset.UTC) ? " UTC"
                    : " " + time.getOffset().getId());
            if (sameDayAs != null && sameDayAs.length() > 10
                    && dateTime(sameDayAs).toLocalDate().equals(time.toLocalDate())) {
                return clock;
            }
            return time.toLocalDate().format(DAY) + " " + clock;
        } catch (DateTimeParseException e) {
            // Notion's API always sends ISO 8601; anything else is shown as it came rather than lost
            return iso;
        }
    }

    /** Notion's own UTC shape read directly (every comment has one); the JDK's parser for the rest. */
    private static OffsetDateTime dateTime(String iso) {
        Instant utc = Timestamps.utc(iso);
        return utc != null ? utc.atOffset(ZoneOffset.UTC) : OffsetDateTime.parse(iso);
    }
}
