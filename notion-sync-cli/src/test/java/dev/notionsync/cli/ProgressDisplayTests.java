package dev.notionsync.cli;

import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.PageExport;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress display: figures with a total and an ETA, one status line for throttling, lines for logs. */
class ProgressDisplayTests {

    private static final String FIGURES = "progress:( writing files,)? \\d+% \\([\\d,]+ of [\\d,]+ objects\\), "
            + "\\d+\\.\\d objects/s, "
            + "\\d+\\.\\d requests/s, ETA (\\d+:\\d\\d|unknown), \\d+:\\d\\d elapsed";

    @TempDir
    Path out;

    @Test
    void linesModePrintsTheFiguresEveryFewSecondsAndOnceAtTheEnd() {
        StringWriter err = new StringWriter();
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(err, true), ProgressDisplay.Mode.LINES, "t");

        display.onEvent(new ExportEvent.PageExported("p1", PageExport.Kind.PAGE, "One", 2));
        for (int second = 1; second <= 12; second++) {
            display.onEvent(new ExportEvent.Progress(40, second * 2L, second * 3L, Duration.ofSeconds(second)));
        }
        display.onEvent(finished());

        List<String> lines = err.toString().lines().toList();
        assertThat(lines).first().isEqualTo("exported page p1 One");
        assertThat(lines.subList(1, lines.size())).hasSize(3).allMatch(line -> line.matches(FIGURES));
        assertThat(lines.get(1)).isEqualTo("progress: 25% (10 of 40 objects), 2.0 objects/s, 3.0 requests/s, "
                + "ETA 0:15, 0:05 elapsed");
        assertThat(lines.get(2)).startsWith("progress: 50% (20 of 40 objects)").contains("ETA 0:10, 0:10 elapsed");
        assertThat(lines.get(3)).startsWith("progress: 60% (24 of 40 objects)").contains("ETA 0:08, 0:12 elapsed");
    }

    @Test
    void aRerunsWritingStageIsNamedAndCountedAtItsOwnRate() {
        StringWriter err = new StringWriter();
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(err, true), ProgressDisplay.Mode.LINES, "t");

        display.onEvent(new ExportEvent.Progress(300, 300, 30, Duration.ofSeconds(10)));
        display.onEvent(new ExportEvent.Progress(300, 100, 30, Duration.ofSeconds(15),
                ExportEvent.Progress.Stage.WRITING, Duration.ofSeconds(5)));

        List<String> lines = err.toString().lines().toList();
        assertThat(lines).hasSize(2).allMatch(line -> line.matches(FIGURES));
        assertThat(lines.get(0)).startsWith("progress: 100% (300 of 300 objects)");
        // 100 written in the stage's 5 s: 20 a second, 200 left take 10 s
        assertThat(lines.get(1)).isEqualTo("progress: writing files, 33% (100 of 300 objects), 20.0 objects/s,"
                + " 2.0 requests/s, ETA 0:10, 0:15 elapsed");
    }

    @Test
    void aDemoExportInLinesModeEndsWithAHundredPercentAndNoTimeLeft() {
        CliRun run = CliRun.of("export", "--demo", "--out", out.toString(), "--progress", "lines");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        List<String> figures = run.err().lines().filter(line -> line.startsWith("progress: ")).toList();
        assertThat(figures).isNotEmpty().allMatch(line -> line.matches(FIGURES));
        assertThat(figures.get(figures.size() - 1)).matches("progress: 100% \\(([\\d,]+) of \\1 objects\\).*ETA 0:00.*");
    }

    @Test
    void throttlingAndOutagesAreOneStatusOnTheBarNotALinePer429() {
        StringWriter err = new StringWriter();
        List<String> frames = new CopyOnWriteArrayList<>();
        AtomicLong nanos = new AtomicLong();
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(err, true), ProgressDisplay.Mode.LIVE, "t",
                new DelegatingProgressBarConsumer(frames::add, 160), nanos::get);

        display.onEvent(new ExportEvent.Progress(10, 5, 12, Duration.ofSeconds(4)));
        for (int i = 0; i < 20; i++) {
            display.onEvent(new ExportEvent.Throttled(Duration.ofSeconds(2), "rate_limited"));
        }
        String throttled = frames.get(frames.size() - 1);
        display.onEvent(new ExportEvent.OutageStarted(Duration.ofSeconds(4)));
        display.onEvent(new ExportEvent.Throttled(Duration.ofSeconds(1), "rate_limited"));
        String outage = frames.get(frames.size() - 1);
        display.onEvent(new ExportEvent.OutageEnded(Duration.ofSeconds(9), 3));
        display.onEvent(new ExportEvent.Throttled(Duration.ofSeconds(2), "rate_limited"));
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(4));
        display.onEvent(new ExportEvent.Progress(10, 10, 20, Duration.ofSeconds(8)));
        display.onEvent(finished());
        String last = frames.get(frames.size() - 1);

        assertThat(throttled).contains(" 50%").contains("5/10 objects")
                .contains("1.3 objects/s, 3.0 requests/s | Notion asked to slow down (rate_limited), waiting 2 s");
        assertThat(outage).contains("Notion unavailable, retrying in 4 s").doesNotContain("slow down");
        assertThat(last).contains("100%").contains("10/10 objects").contains("1.3 objects/s, 2.5 requests/s")
                .doesNotContain("slow down");
        // the only line of its own is the end of the outage; the status changed in place
        assertThat(err.toString().lines().filter(line -> !line.isBlank()).toList())
                .singleElement().asString().contains("Notion is back after 9 s; 3 requests were held back");
        assertThat(frames).noneMatch(frame -> frame.contains("\n"));
    }

    private static ExportEvent.Finished finished() {
        return new ExportEvent.Finished(new ExportEvent.Summary(1, 0, 0, 2, 1, 1, 0, 0, Map.of(), Map.of(),
                Duration.ofSeconds(12)));
    }
}
