package dev.notionsync.core.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Reads Notion's timestamps. Every object, block and file URL carries some, so the shape Notion writes
 * ({@code 2026-01-31T12:34:56.000Z}: UTC, optional fraction) is read directly; anything else goes through
 * {@link Instant#parse(CharSequence)}, which gives the same result for that shape at several times the cost.
 *
 * @since 0.1
 */
public final class Timestamps {

    private Timestamps() {
    }

    /**
     * Parses an ISO-8601 instant as {@link Instant#parse(CharSequence)} does.
     *
     * @param text the timestamp, or {@code null}
     * @return the instant, or {@code null} when {@code text} is null or not an instant
     */
    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        Instant fast = utc(text);
        if (fast != null) {
            return fast;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Parses a timestamp of the one shape Notion writes, {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with every field in
     * range, and nothing else: for such a text the result is what {@link Instant#parse(CharSequence)} and
     * {@link java.time.OffsetDateTime#parse(CharSequence)} (at {@code Z}) read, so a caller can take this fast path
     * and leave every other text to the parser it uses.
     *
     * @param s the text
     * @return the instant, or {@code null} when the text has another shape
     * @since 0.10
     */
    public static Instant utc(String s) {
        if (s == null) {
            return null;
        }
        int length = s.length();
        if (length < 20 || length > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(length - 1) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            int fraction = length - 21;
            if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            int value = digits(s, 20, fraction);
            if (value < 0) {
                return null;
            }
            nanos = value;
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        LocalDate date = LocalDate.of(year, month, 1);
        if (day > date.lengthOfMonth()) {
            return null;
        }
        long days = date.toEpochDay() + day - 1;
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The value of {@code count} ASCII digits at {@code start}, or -1 when one is not a digit. */
    private static int digits(String s, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
