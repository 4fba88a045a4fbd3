package dev.notionsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.notionsync.core.RateLimit;
import dev.notionsync.testkit.FakeNotionServerMain;
import dev.notionsync.testkit.StandaloneFakeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchmarkTests {

    @TempDir
    Path work;

    @Test
    void tinyWorkspaceGivesSaneFigures() throws IOException {
        Path json = work.resolve("bench.json");
        BenchOptions options = BenchOptions.parse("--reruns", "--rerun-pages", "200", "--warmup-seconds", "0",
                "--work-dir", work.resolve("out").toString(), "--json", json.toString());
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        BenchReport report = Benchmark.run(options, BenchmarkTests::inProcess,
                new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(report.unthrottled()).isEmpty();
        assertThat(report.throttled()).isNull();
        assertThat(report.reruns()).extracting(RunResult::label)
                .containsExactly("first export", "rerun, no changes", "rerun after 1% edited");
        RunResult first = report.reruns().get(0);
        Minimum minimum = first.minimum();
        assertThat(first.completed()).isTrue();
        assertThat(minimum.pages()).isEqualTo(200);
        assertThat(first.pages()).isEqualTo(minimum.allPages());
        assertThat(first.failures()).isZero();
        assertThat(first.requests()).isGreaterThanOrEqualTo(minimum.total());
        assertThat(first.requestsPerPage()).isGreaterThanOrEqualTo(minimum.perPage());
        assertThat(first.rateLimited()).isZero();
        assertThat(first.answered2xx()).isPositive().isLessThanOrEqualTo(first.requests());
        assertThat(first.pagesPerSecond()).isPositive();
        assertThat(first.blocks()).isGreaterThanOrEqualTo(minimum.blocks());
        assertThat(first.heap().peakUsed()).isPositive();
        assertThat(first.heap().liveAfterFullGc()).hasSize(3);
        assertThat(report.editedPages()).isEqualTo(Math.round(first.pages() * 0.01));
        assertThat(report.reruns()).allSatisfy(rerun -> assertThat(rerun.completed()).isTrue());
        // all four writers ran by default: the sizes of json/ and of the state are measured after each run
        assertThat(report.environment().writers()).isEqualTo("json,markdown,html,csv");
        assertThat(report.reruns()).allSatisfy(rerun -> {
            assertThat(rerun.jsonBytes()).isPositive();
            assertThat(rerun.stateBytes()).isPositive();
            assertThat(rerun.exporterCpuMillisPerPage()).isPositive();
        });

        // the unthrottled tables print the same kind of run
        BenchReport asUnthrottled = new BenchReport(report.environment(), List.of(first), null, 3, 3,
                List.of(new BenchReport.RateRun(6, 6, "auto", first)),
                report.reruns(), report.editedPages(), report.editNeeded());
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        Report.print(asUnthrottled, new PrintStream(table, true, StandardCharsets.UTF_8));
        assertThat(table.toString(StandardCharsets.UTF_8))
                .contains("Unthrottled export", "Requests by kind", "Reruns into the same folder", "Rate scenarios")
                .contains(String.format(Locale.ROOT, "%.1f%%",
                        100 * first.answered2xx() / (6 * first.seconds())));
        JsonNode written = new ObjectMapper().readTree(json.toFile());
        assertThat(written.at("/reruns/0/requests").asLong()).isEqualTo(first.requests());
        assertThat(written.at("/reruns/0/minimumRequestsPerPage").asDouble()).isPositive();
    }

    @Test
    void argumentsSelectScenarios() {
        BenchOptions all = BenchOptions.parse();
        assertThat(all.pages()).containsExactly(1_000, 10_000, 50_000);
        assertThat(all.throttledSeconds()).isPositive();
        assertThat(all.reruns()).isTrue();

        BenchOptions onlyThrottled = BenchOptions.parse("--throttled-seconds", "60");
        assertThat(onlyThrottled.pages()).isEmpty();
        assertThat(onlyThrottled.reruns()).isFalse();
        assertThat(onlyThrottled.throttledSeconds()).isEqualTo(60);
        assertThat(onlyThrottled.rateSeconds()).isZero();

        BenchOptions onlyRates = BenchOptions.parse("--rate-seconds", "75");
        assertThat(onlyRates.rateSeconds()).isEqualTo(75);
        assertThat(onlyRates.pages()).isEmpty();
        assertThat(onlyRates.throttledSeconds()).isZero();
        assertThat(onlyRates.reruns()).isFalse();
        assertThat(all.rateSeconds()).isPositive();

        assertThat(all.rateServers()).extracting(BenchOptions.RateServer::rate).containsExactly(6.0, 3.0);
        assertThat(all.rateClients()).containsExactly(RateLimit.adaptive(), RateLimit.fixed(3));
        BenchOptions servers = BenchOptions.parse("--rate-seconds", "30", "--rate-servers", "10,6w",
                "--rate-clients", "auto");
        assertThat(servers.rateServers()).containsExactly(new BenchOptions.RateServer(10, 10, 0),
                new BenchOptions.RateServer(6, 360, 60));
        assertThat(servers.rateClients()).containsExactly(RateLimit.adaptive());
        assertThatThrownBy(() -> BenchOptions.parse("--rate-servers", "fast"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6w");

        assertThat(BenchOptions.parse("--pages", "1k,2000").pages()).containsExactly(1_000, 2_000);
        assertThat(BenchOptions.parse("--formats", "JSON,csv").formats()).containsExactly("json", "csv");
        assertThatThrownBy(() -> BenchOptions.parse("--formats", "json,pdf"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("json,pdf");
    }

    @Test
    void outputGoesToAMemoryFileSystemOnlyWhenThereIsOne(@TempDir Path dir) throws IOException {
        Path temporary = dir.resolve("tmp");
        assertThat(BenchOptions.defaultWorkDir(dir.resolve("missing"), temporary, 7))
                .isEqualTo(temporary.resolve("notion-sync-bench-7"));
        for (Path candidate : List.of(dir, Path.of(BenchOptions.MEMORY_FOLDER))) {
            boolean memory = Files.isDirectory(candidate) && Files.isWritable(candidate)
                    && "tmpfs".equals(Files.getFileStore(candidate).type())
                    && Files.getFileStore(candidate).getUsableSpace() >= BenchOptions.MEMORY_ROOM;
            assertThat(BenchOptions.defaultWorkDir(candidate, temporary, 7))
                    .isEqualTo((memory ? candidate : temporary).resolve("notion-sync-bench-7"));
        }
    }

    private static ServerHandle inProcess(int pages, long seed, double rateLimit, int burst) {
        StandaloneFakeServer server = FakeNotionServerMain.start("--pages", String.valueOf(pages), "--seed",
                String.valueOf(seed), "--rate-limit", String.valueOf(rateLimit), "--burst", String.valueOf(burst));
        return new ServerHandle() {
            @Override
            public String baseUrl() {
                return server.baseUrl();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
