package dev.notionsync.core.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
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

    private static Instant jdk(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
