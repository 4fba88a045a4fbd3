package dev.notionsync.bench;

import com.fasterxml.jackson.databind.JsonNode;

import dev.notionsync.core.RateLimit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The export benchmark: runs the exporter in this JVM against the fake Notion server in a child JVM and prints
 * throughput, requests per page against the minimum, rate-limit utilization, heap and rerun figures.
 *
 * <pre>
 * scripts/bench.sh                                   # every scenario, about 8 minutes on 2 cores
 * scripts/bench.sh --pages 1000 --json bench.json    # one size, figures also as JSON
 * </pre>
 *
 * <p>Scenarios: unthrottled exports of 1k, 10k and 50k pages (neither side limits the rate); an export of
 * {@code --throttled-seconds} against a server allowing 3 requests per second with a burst of 3, the client at 3
 * requests per second; the rate scenarios of {@code --rate-seconds} each, where the client's adaptive rate limit
 * ({@code --rate-limit auto}) and a fixed 3 requests per second run against servers allowing 6 and 3 requests per
 * second; and reruns into the same folder (no change, then after editing 1% of the pages). See the
 * module's README for what each figure means and how the exporter, not the server, is measured.
 */
public final class Benchmark {

    /** The rate the throttled scenario allows, on the server and in the client: Notion's average limit. */
    public static final double THROTTLED_RATE = 3;

    /** The server's bucket size in the throttled scenario. */
    public static final int THROTTLED_BURST = 3;

    private static final int FIRST_WARMUP_FACTOR = 3;

    private final BenchOptions options;
    private final ServerHandle.Launcher launcher;
    private final PrintStream log;
    private final ExportRunner runner;
    private boolean warmedUp;

    private Benchmark(BenchOptions options, ServerHandle.Launcher launcher, PrintStream log) {
        this.options = options;
        this.launcher = launcher;
        this.log = log;
        this.runner = new ExportRunner(options.concurrency(), options.liveProbes(), options.formats(), log);
    }

    /**
     * Runs the benchmark with the fake server in a child JVM, prints the table on standard output and progress on
     * standard error. Exit code 2 for bad arguments, 1 when a scenario fails.
     *
     * @param args see {@link BenchOptions#USAGE}
     */
    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        try {
            BenchReport report = run(options,
                    ServerProcess.launcher(options.serverHeap(), options.workDir().resolve("logs")), System.err);
            Report.print(report, System.out);
        } catch (IOException | RuntimeException e) {
            System.err.println("bench: failed: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    /**
     * Runs the scenarios the options select, and writes the figures as JSON when the options name a file.
     *
     * @param options what to run
     * @param launcher starts the fake servers
     * @param log where progress goes
     * @return the figures
     * @throws IOException if a server cannot be started or the work folder not written
     */
    public static BenchReport run(BenchOptions options, ServerHandle.Launcher launcher, PrintStream log)
            throws IOException {
        return new Benchmark(options, launcher, log).run();
    }

    private BenchReport run() throws IOException {
        Files.createDirectories(options.workDir());
        // the cost of creating files depends on the file system (BenchOptions.defaultWorkDir): the report names it
        String store = Files.getFileStore(options.workDir()).type();
        log.printf("[bench] work folder %s (%s), exporter max heap %s, server -Xmx%s%n", options.workDir(), store,
                Report.mib(Runtime.getRuntime().maxMemory()), options.serverHeap());
        List<RunResult> unthrottled = new ArrayList<>();
        for (int size : options.pages()) {
            unthrottled.add(unthrottled(size));
        }
        RunResult throttled = options.throttledSeconds() > 0 ? throttled() : null;
        List<BenchReport.RateRun> rates = new ArrayList<>();
        if (options.rateSeconds() > 0) {
            for (BenchOptions.RateServer server : options.rateServers()) {
                rates(server, rates);
            }
        }
        List<RunResult> reruns = new ArrayList<>();
        Map<Integer, Long> needed = new TreeMap<>();
        long edited = options.reruns() ? reruns(reruns, needed) : 0;
        BenchReport.Environment environment = new BenchReport.Environment(System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory(), options.serverHeap(),
                options.seed(), options.concurrency(), String.join(",", options.formats()),
                ExportRunner.COMMENTS.name().toLowerCase(Locale.ROOT), options.warmupSeconds(), store);
        BenchReport report = new BenchReport(environment, unthrottled, throttled, THROTTLED_RATE, THROTTLED_BURST,
                rates, reruns, edited, needed);
        removeIfEmpty(options.workDir());
        if (options.json() != null) {
            Report.writeJson(report, options.json());
            log.println("[bench] figures written to " + options.json());
        }
        return report;
    }

    private RunResult unthrottled(int size) throws IOException {
        log.printf("[bench] unthrottled export of %s: starting the server%n", Report.size(size));
        try (ServerHandle server = launcher.start(size, options.seed(), 0, 1)) {
            Minimum minimum = minimum(server);
            warmUp(server, size);
            Path out = options.workDir().resolve("export-" + size);
            log.printf("[bench] unthrottled export of %s: exporting%n", Report.size(size));
            RunResult result = runner.run("unthrottled", Report.size(size) + " pages", size, server, minimum,
                    minimum.objects(), out, RateLimit.fixed(0), null);
            log.printf("[bench]   %.1f s, %,.0f pages/s, %,d requests%n", result.seconds(), result.pagesPerSecond(),
                    result.requests());
            cleanUp(out);
            return result;
        }
    }

    private RunResult throttled() throws IOException {
        int size = options.throttledPages();
        log.printf("[bench] rate-limited export of %s for %d s (server %.0f req/s, burst %d; client %.0f req/s)%n",
                Report.size(size), options.throttledSeconds(), THROTTLED_RATE, THROTTLED_BURST, THROTTLED_RATE);
        try (ServerHandle server = launcher.start(size, options.seed(), THROTTLED_RATE, THROTTLED_BURST)) {
            Path out = options.workDir().resolve("throttled-" + size);
            RunResult result = runner.run("throttled", Report.size(size) + " pages, " + options.throttledSeconds()
                    + " s at " + (int) THROTTLED_RATE + " req/s", size, server, null, 0, out, RateLimit.fixed(THROTTLED_RATE),
                    Duration.ofSeconds(options.throttledSeconds()));
            cleanUp(out);
            return result;
        }
    }

    /** Each client against one server, one after the other; the server's counters and budget are reset between. */
    private void rates(BenchOptions.RateServer spec, List<BenchReport.RateRun> results) throws IOException {
        int size = options.throttledPages();
        String kind = spec.windowSeconds() > 0 ? spec.burst() + " per " + spec.windowSeconds() + " s"
                : "burst " + spec.burst();
        try (ServerHandle server = launcher.start(size, options.seed(), spec.rate(), spec.burst(),
                spec.windowSeconds())) {
            for (RateLimit client : options.rateClients()) {
                log.printf(Locale.ROOT, "[bench] rate scenario: server %s req/s (%s), client %s, %d s%n",
                        Report.decimal(spec.rate()), kind, client, options.rateSeconds());
                Path out = options.workDir().resolve("rate-" + spec.rate() + (spec.windowSeconds() > 0 ? "w" : "")
                        + "-" + (client.isAdaptive() ? "auto" : "fixed-" + client.requestsPerSecond()));
                RunResult run = runner.run("rate", "server " + Report.decimal(spec.rate()) + " req/s (" + kind
                        + "), client " + client, size, server, null, 0, out, client,
                        Duration.ofSeconds(options.rateSeconds()));
                BenchReport.RateRun result = new BenchReport.RateRun(spec.rate(), spec.burst(), client.toString(), run,
                        spec.windowSeconds());
                log.printf(Locale.ROOT, "[bench]   utilization %.1f%%, 429 share %.2f%%, client rate at the end %.2f"
                                + " req/s%n", result.utilization() * 100, result.rateLimitedShare() * 100,
                        run.clientRate());
                results.add(result);
                cleanUp(out);
            }
        }
    }

    private long reruns(List<RunResult> results, Map<Integer, Long> needed) throws IOException {
        long total = 0;
        for (int size : options.rerunPages()) {
            total += reruns(size, results, needed);
        }
        return total;
    }

    private long reruns(int size, List<RunResult> results, Map<Integer, Long> needed) throws IOException {
        log.printf("[bench] reruns on %s: starting the server%n", Report.size(size));
        try (ServerHandle server = launcher.start(size, options.seed(), 0, 1)) {
            Minimum minimum = minimum(server);
            warmUp(server, size);
            Path out = options.workDir().resolve("rerun-" + size);
            log.printf("[bench] reruns on %s: first export%n", Report.size(size));
            results.add(runner.run("rerun", "first export", size, server, minimum, minimum.objects(), out, RateLimit.fixed(0), null));
            log.printf("[bench] reruns on %s: rerun with no change%n", Report.size(size));
            results.add(runner.run("rerun", "rerun, no changes", size, server, null, minimum.objects(), out, RateLimit.fixed(0), null));
            JsonNode edit = new AdminClient(server.baseUrl()).edit(options.editFraction(), options.seed());
            long edited = edit.path("edited").asLong();
            needed.put(size, edit.path("needed").asLong());
            log.printf("[bench] reruns on %s: rerun after editing %,d of %,d pages%n", Report.size(size), edited,
                    edit.path("pages").asLong());
            results.add(runner.run("rerun", "rerun after " + percent(options.editFraction()) + " edited", size,
                    server, null, minimum.objects(), out, RateLimit.fixed(0), null));
            cleanUp(out);
            return edited;
        }
    }

    private static String percent(double fraction) {
        return BigDecimal.valueOf(fraction * 100).stripTrailingZeros().toPlainString() + "%";
    }

    private Minimum minimum(ServerHandle server) {
        long start = System.nanoTime();
        Minimum minimum = new AdminClient(server.baseUrl()).minimum();
        log.printf("[bench]   workspace: %,d pages, %,d rows, %,d databases, %,d blocks; minimum %,d requests"
                        + " (computed by the server in %.1f s)%n", minimum.pages(), minimum.rows(),
                minimum.databases(), minimum.blocks(), minimum.total(), (System.nanoTime() - start) / 1e9);
        return minimum;
    }

    private void warmUp(ServerHandle server, int size) {
        if (options.warmupSeconds() == 0) {
            return;
        }
        // both JVMs start cold; discarded exports let the JIT compile the hot paths first. The exporter JVM lives
        // through every scenario, so only its first warm-up is long. Exports follow one another until the time is
        // up: an export that ends early would leave the rest of the warm-up to the measured run (measured on 2
        // cores, the compilers of a cold exporter JVM are busy through its first three unthrottled 5k exports).
        int seconds = warmedUp ? options.warmupSeconds() : FIRST_WARMUP_FACTOR * options.warmupSeconds();
        warmedUp = true;
        log.printf("[bench]   warming up for %d s%n", seconds);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        int round = 0;
        for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
            // a folder each: with --keep-output a second export into the first's folder would be a rerun
            Path out = options.workDir().resolve("warmup-" + size + (round++ == 0 ? "" : "-" + round));
            runner.run("warmup", "warm-up", size, server, null, 0, out, RateLimit.fixed(0), Duration.ofNanos(left));
            cleanUp(out);
        }
    }

    /** Removes the work folder when nothing is left in it but empty server logs. */
    private void removeIfEmpty(Path folder) throws IOException {
        if (options.keepOutput()) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                boolean empty = Files.isDirectory(file) ? isEmptyFolder(file) : Files.size(file) == 0;
                if (empty) {
                    Files.delete(file);
                }
            }
        }
    }

    private static boolean isEmptyFolder(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }

    private void cleanUp(Path folder) {
        if (options.keepOutput() || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + folder, e);
        }
    }
}
