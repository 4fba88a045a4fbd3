package dev.notionsync.writers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HtmlDatesTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "2024-05-01T10:00:00.000Z      | -                             | May 1, 2024 10:00 UTC",
        "2024-05-01T10:00:00Z          | -                             | May 1, 2024 10:00 UTC",
        "2024-12-31T23:59:59.999Z      | -                             | Dec 31, 2024 23:59 UTC",
        "2024-05-01T11:30:00.000Z      | 2024-05-01T10:00:00.000Z      | 11:30 UTC",
        "2024-05-02T11:30:00.000Z      | 2024-05-01T10:00:00.000Z      | May 2, 2024 11:30 UTC",
        "2024-05-01T11:30:00.000+02:00 | 2024-05-01T10:00:00.000+02:00 | 11:30 +02:00",
        "2024-05-01T10:00:00.000+02:00 | -                             | May 1, 2024 10:00 +02:00",
        "2024-05-01T10:00Z             | -                             | May 1, 2024 10:00 UTC",
        "2024-05-01                    | -                             | May 1, 2024",
        "2023-02-29T10:00:00.000Z      | -                             | 2023-02-29T10:00:00.000Z",
        "0999-09-09T09:05:00.000Z      | -                             | Sep 9, 0999 09:05 UTC",
        "0042-06-30                    | -                             | Jun 30, 0042",
        "+12024-05-01                  | -                             | +12024-05-01",
        "+12024-05-01T00:00:00Z        | -                             | May 1, +12024 00:00 UTC",
        "2024-05-01T00:00:00-05:30     | -                             | May 1, 2024 00:00 -05:30",
        "soon                          | -                             | soon"
    })
    void isoDatesReadAsPeopleReadThem(String iso, String start, String readable) {
        assertEquals(readable, HtmlDates.readable(iso, start));
    }

    @Test
    void everyDayOfSomeYearsReadsAsTheJdkFormatsIt() {
        DateTimeFormatter day = DateTimeFormatter.ofPattern("MMM d, uuuu", Locale.ENGLISH);
        for (int year : new int[] {1, 999, 1970, 2024, 9999}) {
            for (LocalDate date = LocalDate.of(year, 1, 1); date.getYear() == year; date = date.plusDays(1)) {
                assertEquals(date.format(day), HtmlDates.readable(date.toString(), null));
                String noon = date + "T12:07:00.000Z";
                assertEquals(date.format(day) + " 12:07 UTC", HtmlDates.readable(noon, null));
            }
        }
    }
}
