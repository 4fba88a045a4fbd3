package dev.notionsync.core.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Notion's timestamps are read as {@link Instant#parse(CharSequence)} reads them, malformed ones included. */
class TimestampsTests {

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-01-31T12:34:56.000Z", "2026-01-31T12:34:56Z", "2026-01-31T12:34:56.1Z", "2026-01-31T12:34:56.123456789Z",
        "2026-01-31T12:34:56.1234567890Z", "2026-01-31T12:34:56.Z", "2024-02-29T00:00:00.000Z",
        "2023-02-29T00:00:00.000Z", "2026-04-31T00:00:00.000Z", "2026-13-01T00:00:00.000Z", "2026-00-10T00:00:00.000Z",
        "2026-01-00T00:00:00.000Z", "2026-01-31T24:00:00.000Z", "2026-01-31T23:60:00.000Z",
        "2026-12-31T23:59:60.000Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
        "1969-12-31T23:59:59.999Z", "2026-01-31t12:34:56.000Z", "2026-01-31T12:34:56.000z",
        "2026-01-31T12:34:56.000+01:00", "2026-01-31T12:34:56+00:00", "2026-01-31 12:34:56.000Z",
        "+2026-01-31T12:34:56Z", "2026-1-31T12:34:56.000Z", "2026-01-31T12:34:5a.000Z", "2026-01-31T12:34:56,000Z",
        "\u0662\u0660\u0662\u0666-01-31T12:34:56Z", "2026-01-31T12:34Z", "", "not a date", "2026-01-31"
    })
    void sameInstantAsTheJdkOrNullWhereItRefuses(String text) {
        assertThat(Timestamps.parse(text)).isEqualTo(jdk(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-01-31T12:34:56.000Z", "2026-01-31T12:34:56Z", "2026-01-31T12:34:56.123456789Z", "2024-02-29T00:00:00Z",
        "2023-02-29T00:00:00.000Z", "2026-12-31T23:59:60.000Z", "2026-01-31T24:00:00.000Z", "2026-01-31T12:34Z",
        "2026-01-31T12:34:56.000+01:00", "2026-01-31T12:34:56+00:00", "2026-01-31T12:34:56.000z", "", "2026-01-31"
    })
    void theUtcShapeAloneIsReadAndAsOffsetDateTimeReadsIt(String text) {
        Instant utc = Timestamps.utc(text);
        OffsetDateTime jdk = offsetDateTime(text);
        if (utc != null) {
            assertThat(utc.atOffset(ZoneOffset.UTC)).isEqualTo(jdk);
            assertThat(utc).isEqualTo(jdk(text));
        } else {
            // left to the caller's parser: another shape, or out of range
            assertThat(text.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:[0-5]\\d:[0-5]\\d(\\.\\d{1,9})?Z") && jdk != null
                    && jdk.getHour() < 24).as(text).isFalse();
        }
    }

    @Test
    void randomTimestampsInNotionsShapeRoundTrip() {
        Random random = new Random(9);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong() % 250_000_000_000L,
                    random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
            if (instant.isBefore(Instant.parse("0000-01-01T00:00:00Z"))) {
                continue;
            }
            String text = instant.toString();
            assertThat(Timestamps.parse(text)).as(text).isEqualTo(instant);
        }
    }

    @Test
    void nullIsNoTimestamp() {
        assertThat(Timestamps.parse(null)).isNull();
    }

    private static OffsetDateTime offsetDateTime(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant jdk(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
