package dev.notionsync.writers;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        "soon                          | -                             | soon"
    })
    void isoDatesReadAsPeopleReadThem(String iso, String start, String readable) {
        assertEquals(readable, HtmlDates.readable(iso, start));
    }
}
