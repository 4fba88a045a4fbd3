package dev.notionsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionClientOptions;
import dev.notionsync.core.RateLimit;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.ExportSpec;
import dev.notionsync.core.export.NotionSync;
import dev.notionsync.core.export.PageExport;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.core.export.ExportWriter;
import dev.notionsync.writers.CsvWriter;
import dev.notionsync.writers.HtmlWriter;
import dev.notionsync.writers.JsonWriter;
import dev.notionsync.writers.MarkdownWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.publisher.Flux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Runs one export in this JVM, exactly as a user of the library would ({@link NotionSync} with the writers of
 * {@code --formats}, all four by default as the CLI), and measures it: wall time, the exporter's CPU time and heap,
 * the server's request counts and CPU time read before and after from its admin routes, and the sizes of the
 * export's {@code json/} folder and its state.
 */
final class ExportRunner {

    /** Page comments, as the CLI exports by default: one request per page, counted in the minimum. */
    static final ExportSpec.Comments COMMENTS = ExportSpec.Comments.PAGE;

    private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(15).toNanos();

    private final int concurrency;
    private final boolean liveProbes;
    private final List<String> formats;
    private final PrintStream log;

    ExportRunner(int concurrency, boolean liveProbes, List<String> formats, PrintStream log) {
        this.concurrency = concurrency;
        this.liveProbes = liveProbes;
        this.formats = List.copyOf(formats);
        this.log = log;
    }

    /** A new set of writers for one export: writers keep per-run state, so each export gets its own. */
    private List<ExportWriter> writers() {
        List<ExportWriter> writers = new ArrayList<>();
        for (String format : formats) {
            writers.add(switch (format) {
                case "json" -> JsonWriter.create();
                case "markdown" -> MarkdownWriter.create();
                case "html" -> HtmlWriter.create();
                case "csv" -> CsvWriter.create();
                default -> throw new IllegalArgumentException("unknown format " + format);
            });
        }
        return writers;
    }

    /**
     * Exports the server's workspace into {@code outputDir}.
     *
     * @param scenario the scenario's name
     * @param label what this run is
     * @param workspacePages the workspace's page count
     * @param server the server
     * @param minimum the workspace's minimum requests, reported with the run, or null
     * @param expectedObjects objects the export will go through, for the live-heap probes; 0 for none
     * @param outputDir the output folder (reruns use the same one)
     * @param clientRate the client's rate limit
     * @param limit stop the export after this long, or null to let it finish
     * @return the figures
     */
    RunResult run(String scenario, String label, int workspacePages, ServerHandle server, Minimum minimum,
            long expectedObjects, Path outputDir, RateLimit clientRate, Duration limit) {
        AdminClient admin = new AdminClient(server.baseUrl());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        NotionClient client = NotionClient.create(NotionClientOptions.builder()
                .baseUrl(server.baseUrl())
                .token(FakeServerOptions.DEFAULT_TOKEN)
                .rateLimit(clientRate)
                .meterRegistry(meters)
                .build());
        ExportSpec spec = ExportSpec.builder()
                .outputDir(outputDir)
                .writers(writers())
                .concurrency(concurrency)
                .comments(COMMENTS)
                .build();
        Counts counts = new Counts();
        Flux<ExportEvent> events = NotionSync.create(client).export(spec).doOnNext(counts::add);
        if (limit != null) {
            events = events.take(limit);
        }
        admin.reset();
        JsonNode before = admin.stats();
        System.gc();
        long cpuBefore = processCpuNanos();
        long jitBefore = compilationMillis();
        double machineBefore = machineBusySeconds();
        long start = System.nanoTime();
        counts.started(start);
        ExportEvent last;
        long wall;
        long cpu;
        long jit;
        double machine;
        HeapMonitor monitor = HeapMonitor.start(counts.objects::get, expectedObjects, liveProbes && limit == null);
        try {
            last = events.blockLast();
            wall = System.nanoTime() - start;
            cpu = processCpuNanos() - cpuBefore;
            jit = compilationMillis() - jitBefore;
            machine = machineBusySeconds() - machineBefore;
        } finally {
            monitor.close();
        }
        HeapFigures heap = monitor.figures();
        JsonNode after = admin.stats();
        ExportEvent.Summary summary = last instanceof ExportEvent.Finished finished ? finished.summary() : null;
        Map<String, Long> byStatus = longs(after.path("byStatus"));
        double serverCpu = (after.path("cpuNanos").asLong() - before.path("cpuNanos").asLong()) / 1e9;
        return new RunResult(scenario, label, workspacePages, wall / 1e9, summary != null,
                summary != null ? summary.pages() : counts.pages.sum(),
                summary != null ? summary.rows() : counts.rows.sum(),
                summary != null ? summary.databases() : counts.databases.sum(),
                summary != null ? summary.blocks() : counts.blocks.sum(),
                summary != null ? summary.files() : counts.files.sum(),
                summary != null ? summary.failureCount() : counts.failures.sum(),
                summary != null ? skippedAndUnchanged(summary) : Map.of(),
                summary != null ? summary.apiRequests() : -1,
                after.path("requests").asLong(),
                byStatus.entrySet().stream().filter(e -> e.getKey().startsWith("2")).mapToLong(Map.Entry::getValue).sum(),
                after.path("rateLimited").asLong(),
                byStatus,
                longs(after.path("byRoute")),
                after.path("downloads").asLong(),
                minimum,
                cpu / 1e9,
                serverCpu,
                after.path("serviceNanos").asLong() / 1e9,
                machineBefore < 0 ? -1 : Math.max(0, machine - cpu / 1e9 - serverCpu),
                heap,
                meters.get("notion.api.rate").gauge().value(),
                folderBytes(outputDir.resolve("json")),
                folderBytes(outputDir.resolve(".notion-sync")),
                jit / 1e3);
    }

    /** The skips by reason, and the objects replayed unchanged under {@code unchanged}, for the rerun table. */
    private static Map<String, Long> skippedAndUnchanged(ExportEvent.Summary summary) {
        Map<String, Long> counts = new TreeMap<>(summary.skipped());
        counts.put(ExportEvent.Reasons.UNCHANGED, summary.unchanged());
        return counts;
    }

    private static Map<String, Long> longs(JsonNode object) {
        Map<String, Long> map = new TreeMap<>();
        object.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue().asLong()));
        return map;
    }

    /** Bytes of the regular files under {@code folder}, 0 when it does not exist. */
    static long folderBytes(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    // a file removed while the folder is walked (a temporary file) has no size to count
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + folder, e);
        }
    }

    /**
     * Milliseconds the JVM's JIT compilers have spent compiling, 0 when the JVM does not tell: a compiler thread is
     * busy on a core while it compiles, so this is CPU time of the process that no line of the exporter runs.
     */
    static long compilationMillis() {
        java.lang.management.CompilationMXBean compilation = ManagementFactory.getCompilationMXBean();
        return compilation != null && compilation.isCompilationTimeMonitoringSupported()
                ? compilation.getTotalCompilationTime() : 0;
    }

    static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    /**
     * CPU time all processes of the machine have used since boot, from {@code /proc/stat} (Linux; clock ticks of
     * 1/100 s), or -1 where it cannot be read. The difference over a run, less the two JVMs, is what other processes
     * took from the cores the benchmark shares.
     */
    static double machineBusySeconds() {
        try (BufferedReader reader = Files.newBufferedReader(Path.of("/proc/stat"))) {
            String[] fields = reader.readLine().trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                // user nice system idle iowait irq softirq steal: everything but idle and iowait is work
                busy += i == 4 || i == 5 ? 0 : Long.parseLong(fields[i]);
            }
            return busy / 100.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Counts events as they pass, for the figures of a run that is stopped before its summary, and progress. */
    private final class Counts {
        final AtomicLong objects = new AtomicLong();
        final LongAdder pages = new LongAdder();
        final LongAdder rows = new LongAdder();
        final LongAdder databases = new LongAdder();
        final LongAdder blocks = new LongAdder();
        final LongAdder files = new LongAdder();
        final LongAdder failures = new LongAdder();
        private volatile long start;
        private volatile long lastReport;

        void started(long nanos) {
            start = nanos;
            lastReport = nanos;
        }

        void add(ExportEvent event) {
            if (event instanceof ExportEvent.PageExported exported) {
                objects.incrementAndGet();
                blocks.add(exported.blocks());
                if (exported.kind() == PageExport.Kind.DATABASE) {
                    databases.increment();
                } else {
                    pages.increment();
                    if (exported.kind() == PageExport.Kind.ROW) {
                        rows.increment();
                    }
                }
                long now = System.nanoTime();
                if (now - lastReport > PROGRESS_EVERY_NANOS) {
                    lastReport = now;
                    log.printf("[bench]   ... %,d objects exported after %.0f s%n", objects.get(), (now - start) / 1e9);
                }
            } else if (event instanceof ExportEvent.PageWritten) {
                files.increment();
            } else if (event instanceof ExportEvent.PageFailed) {
                failures.increment();
            }
        }
    }
}
