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
    private static final String[] MONTHS = new String[12];

    static {
        DateTimeFormatter month = DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH);
        for (int i = 0; i < MONTHS.length; i++) {
            MONTHS[i] = LocalDate.of(2000, i + 1, 1).format(month);
        }
    }

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
                return day(LocalDate.parse(iso));
            }
            OffsetDateTime time = dateTime(iso);
            String clock = clock(time) + (time.getOffset().equals(ZoneOffset.UTC) ? " UTC"
                    : " " + time.getOffset().getId());
            if (sameDayAs != null && sameDayAs.length() > 10
                    && dateTime(sameDayAs).toLocalDate().equals(time.toLocalDate())) {
                return clock;
            }
            return day(time.toLocalDate()) + " " + clock;
        } catch (DateTimeParseException e) {
            // Notion's API always sends ISO 8601; anything else is shown as it came rather than lost
            return iso;
        }
    }

    /**
     * {@code MMM d, uuuu} in English, by hand for years of four digits: the formatter's printers cost more than the
     * rest of a comment's header. The month names come from the formatter itself.
     */
    private static String day(LocalDate date) {
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return date.format(DAY);
        }
        StringBuilder out = new StringBuilder(12).append(MONTHS[date.getMonthValue() - 1]).append(' ')
                .append(date.getDayOfMonth()).append(", ");
        for (int width = 1000; width > 1 && year < width; width /= 10) {
            out.append('0');
        }
        return out.append(year).toString();
    }

    /** {@code HH:mm}. */
    private static String clock(OffsetDateTime time) {
        int hour = time.getHour();
        int minute = time.getMinute();
        return new StringBuilder(5).append((char) ('0' + hour / 10)).append((char) ('0' + hour % 10)).append(':')
                .append((char) ('0' + minute / 10)).append((char) ('0' + minute % 10)).toString();
    }

    /** Notion's own UTC shape read directly (every comment has one); the JDK's parser for the rest. */
    private static OffsetDateTime dateTime(String iso) {
        Instant utc = Timestamps.utc(iso);
        return utc != null ? utc.atOffset(ZoneOffset.UTC) : OffsetDateTime.parse(iso);
    }
}
