package dev.notionsync.core.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The walks the state keeps for the next run, compact in memory, given back as they were recorded. */
class ExportStateWalkTests {

    private static final String PAGE = "1ae32c1c-2000-0000-0007-00000000000a";
    private static final Instant EDITED = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant FETCHED = Instant.parse("2026-12-01T10:05:00Z");

    @TempDir
    Path out;

    @Test
    void aWalkRecordedInOneRunIsGivenBackToTheNextExactlyIdsInEveryFormAndHostileHintsIncluded() {
        List<ExportState.Found> found = List.of(
                new ExportState.Found(new Work.PageWork("1ae32c1c-2000-0000-0007-00000000000b", null,
                        Work.Origin.CHILD), "../../etc/passwd\u0000 \"quoted\" \u202eevil"),
                // not Notion's dashed form: kept as written, never rewritten to another form
                new ExportState.Found(new Work.PageWork("1AE32C1C20000000000700000000000C", null,
                        Work.Origin.REFERENCE), ""),
                new ExportState.Found(new Work.PageWork("not-an-id", null, Work.Origin.REFERENCE), ""),
                new ExportState.Found(new Work.DatabaseWork("1ae32c1c-2000-0000-0007-00000000000d",
                        Work.Origin.CHILD, PAGE), "Tasks"),
                // the same step twice, as a page that links one page twice records it
                new ExportState.Found(new Work.PageWork("1ae32c1c-2000-0000-0007-00000000000b", null,
                        Work.Origin.CHILD), "../../etc/passwd\u0000 \"quoted\" \u202eevil"));

        try (ExportState state = ExportState.open(out, FileNames.create())) {
            state.fetched(PAGE, "page", EDITED, FETCHED, "Page", "Page");
            state.walk(PAGE, found);
            // this run does not walk the page again: memory does not keep what only the next run reads
            assertThat(state.walk(PAGE)).isEmpty();
        }

        try (ExportState next = ExportState.open(out, FileNames.create())) {
            assertThat(next.walk(PAGE)).contains(found);
            assertThat(next.walk(PAGE.replace("-", "").toUpperCase())).contains(found);
        }
    }

    @Test
    void aWalkOfAnEarlierCheckpointIsNotGivenBack() {
        try (ExportState state = ExportState.open(out, FileNames.create())) {
            state.fetched(PAGE, "page", EDITED, FETCHED, "Page", "Page");
            state.walk(PAGE, List.of(new ExportState.Found(new Work.PageWork(
                    "1ae32c1c-2000-0000-0007-00000000000b", null, Work.Origin.CHILD), "Child")));
            // fetched again later, and this checkpoint's walk not recorded (the run was killed before)
            state.fetched(PAGE, "page", EDITED, FETCHED.plusSeconds(60), "Page", "Page");
        }

        try (ExportState next = ExportState.open(out, FileNames.create())) {
            assertThat(next.walk(PAGE)).isEmpty();
        }
    }
}
