package dev.notionsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.NotionSync;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI's summary, {@code export-report.json} and the HTML index tell the same story. */
class SummaryTests {

    private static final Pattern OBJECTS = Pattern.compile(
            "([\\d,]+) pages? \\(([\\d,]+) database rows?\\), ([\\d,]+) databases?");
    private static final Pattern LINKED = Pattern.compile("([\\d,]+) linked databases?");
    private static final Pattern SKIPPED_LINKED = Pattern.compile(
            ExportEvent.Reasons.LINKED_DATABASE + ": ([\\d,]+)");
    private static final Pattern FILES = Pattern.compile("Files: ([\\d,]+) changed, ([\\d,]+) unchanged");
    private static final Pattern FETCHED = Pattern.compile(
            "([\\d,]+) exported \\(fetched this run\\), ([\\d,]+) unchanged");

    @TempDir
    Path dir;

    @Test
    void theSummaryTheReportAndTheHtmlIndexGiveTheSameNumbersOnTheDemoAndARerunChangesNothing()
            throws IOException {
        Path out = dir.resolve("out");

        CliRun first = export(out);
        Figures summary = Figures.of(first.out());
        Figures index = Figures.of(Files.readString(out.resolve("html/index.html")));
        JsonNode report = report(out);

        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.OK);
        assertThat(summary.databases()).isPositive();
        assertThat(summary.linked()).as("the demo has a linked database").isPositive();
        assertThat(index).isEqualTo(summary);
        assertThat(report.path("summary").path("pages").asLong()).isEqualTo(summary.pages());
        assertThat(report.path("summary").path("rows").asLong()).isEqualTo(summary.rows());
        assertThat(report.path("summary").path("databases").asLong()).isEqualTo(summary.databases());
        assertThat(report.path("summary").path("skipped").path(ExportEvent.Reasons.LINKED_DATABASE).asLong())
                .isEqualTo(summary.linked());
        assertThat(numbers(FETCHED, first.out())).containsExactly(summary.pages() + summary.databases(), 0L);

        CliRun rerun = export(out, "lines");
        Figures again = Figures.of(rerun.out());
        JsonNode rereport = report(out);

        assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(ExitCodes.OK);
        assertThat(again).isEqualTo(summary);
        assertThat(Figures.of(Files.readString(out.resolve("html/index.html")))).isEqualTo(summary);
        assertThat(numbers(FILES, rerun.out())[0]).as("files changed by a rerun with nothing changed").isZero();
        assertThat(numbers(FILES, rerun.out())[1]).isPositive();
        assertThat(numbers(FETCHED, rerun.out())).containsExactly(0L, summary.pages() + summary.databases());
        assertThat(rereport.path("summary").path("files_changed").asLong()).isZero();
        assertThat(rereport.path("summary").path("unchanged").asLong())
                .isEqualTo(summary.pages() + summary.databases());
        assertThat(rereport.path("summary").path("skipped")).isEqualTo(report.path("summary").path("skipped"));
        // the progress lines count the same way: one line per object, the placeholder not among them
        assertThat(rerun.err().lines().filter(line -> line.startsWith("unchanged ")).count())
                .isEqualTo(summary.pages() + summary.databases());
        assertThat(rerun.err().lines()).noneMatch(line -> line.startsWith("exported "));
    }

    private static CliRun export(Path out) {
        return export(out, "none");
    }

    private static CliRun export(Path out, String progress) {
        // one object at a time: rows then reach the database tables in the same order on both runs
        return CliRun.of("export", "--demo", "--out", out.toString(), "--progress", progress, "--concurrency", "1");
    }

    private static JsonNode report(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve(NotionSync.REPORT_FILE).toFile());
    }

    private static long[] numbers(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("\"" + pattern + "\" in:\n" + text).isTrue();
        long[] numbers = new long[matcher.groupCount()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = Long.parseLong(matcher.group(i + 1).replace(",", ""));
        }
        return numbers;
    }

    /** Pages (rows included), rows, databases and linked databases, as a summary or an index states them. */
    private record Figures(long pages, long rows, long databases, long linked) {

        static Figures of(String text) {
            long[] objects = numbers(OBJECTS, text);
            Matcher linked = LINKED.matcher(text);
            Matcher skipped = SKIPPED_LINKED.matcher(text);
            long count = linked.find() ? Long.parseLong(linked.group(1).replace(",", ""))
                    : skipped.find() ? Long.parseLong(skipped.group(1).replace(",", "")) : 0;
            return new Figures(objects[0], objects[1], objects[2], count);
        }
    }
}
