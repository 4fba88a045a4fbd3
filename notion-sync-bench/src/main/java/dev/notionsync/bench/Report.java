package dev.notionsync.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a {@link BenchReport} as tables and writes it as JSON, with the derived figures spelled out. */
final class Report {

    /** API route templates of the fake server, by the kind of request the minimum counts. */
    private static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("POST /v1/search", "search"),
            Map.entry("GET /v1/users/me", "users"),
            Map.entry("GET /v1/users", "users"),
            Map.entry("GET /v1/users/{id}", "users"),
            Map.entry("GET /v1/pages/{id}", "pages"),
            Map.entry("GET /v1/blocks/{id}/children", "blockChildren"),
            Map.entry("GET /v1/databases/{id}", "databases"),
            Map.entry("GET /v1/data_sources/{id}", "dataSources"),
            Map.entry("POST /v1/data_sources/{id}/query", "queries"),
            Map.entry("GET /v1/pages/{id}/properties/{property_id}", "propertyItems"),
            Map.entry("GET /v1/comments", "comments"),
            Map.entry("GET /v1/views", "views"),
            Map.entry("GET /v1/views/{id}", "views"),
            Map.entry("POST /v1/views/{id}/queries", "views"),
            Map.entry("GET /v1/views/{id}/queries/{query_id}", "views"));

    private Report() {
    }

    static void print(BenchReport report, PrintStream out) {
        BenchReport.Environment env = report.environment();
        out.println();
        out.println("notion-sync export benchmark");
        out.printf(Locale.ROOT, "exporter JVM: Java %s, max heap %s, %d cores shared with the fake server's JVM (-Xmx%s);"
                        + " seed %d; concurrency %d; writers %s; comments %s; warm-up %d s per scenario;"
                        + " output on %s%n",
                env.javaVersion(), mib(env.exporterMaxHeap()), env.cores(), env.serverHeap(), env.seed(),
                env.concurrency(), env.writers(), env.comments(), env.warmupSeconds(), env.outputStore());
        if (!report.unthrottled().isEmpty()) {
            unthrottled(report.unthrottled(), out);
        }
        if (report.throttled() != null) {
            throttled(report, out);
        }
        if (!report.rates().isEmpty()) {
            rates(report.rates(), out);
        }
        if (!report.reruns().isEmpty()) {
            reruns(report, out);
        }
    }

    private static void unthrottled(List<RunResult> runs, PrintStream out) {
        Table speed = new Table("workspace", "pages+rows", "blocks", "time s", "pages/s", "blocks/s", "requests",
                "req/page", "minimum req/page", "x minimum", "failures");
        Table heap = new Table("workspace", "peak used", "max after GC", "after-GC max by quarter",
                "live after full GC at 25/50/75%", "GCs", "GC s");
        Table cpu = new Table("workspace", "exporter CPU s", "exporter cores", "server CPU s", "server cores",
                "exporter CPU us/req", "server CPU us/req", "server time us/req", "requests in server (avg)",
                "pages per exporter CPU s", "exporter CPU ms/page", "of which JIT s", "ms/page less JIT",
                "other processes CPU s");
        for (RunResult run : runs) {
            Minimum minimum = run.minimum();
            speed.row(size(run.workspacePages()), count(run.pages()), count(run.blocks()), decimal(run.seconds()),
                    count(Math.round(run.pagesPerSecond())), count(Math.round(run.blocksPerSecond())),
                    count(run.requests()), decimal(run.requestsPerPage()),
                    minimum == null ? "-" : decimal(minimum.perPage()),
                    minimum == null ? "-" : decimal((double) run.requests() / minimum.total()), count(run.failures()));
            HeapFigures h = run.heap();
            List<String> quarters = new ArrayList<>();
            h.afterGcByQuarter().forEach(q -> quarters.add(q < 0 ? "-" : mibNumber(q)));
            heap.row(size(run.workspacePages()), mib(h.peakUsed()), mib(h.maxAfterGc()),
                    String.join(" / ", quarters) + " MiB", live(h),
                    count(h.collections()), decimal(h.gcSeconds()));
            cpu.row(size(run.workspacePages()), decimal(run.exporterCpuSeconds()),
                    decimal(run.exporterCpuSeconds() / run.seconds()), decimal(run.serverCpuSeconds()),
                    decimal(run.serverCpuSeconds() / run.seconds()),
                    count(Math.round(run.exporterCpuMicrosPerRequest())),
                    count(Math.round(run.serverCpuMicrosPerRequest())),
                    count(Math.round(run.requests() == 0 ? 0 : run.serverServiceSeconds() * 1e6 / run.requests())),
                    decimal(run.serverServiceSeconds() / run.seconds()),
                    count(Math.round(run.exporterCpuSeconds() == 0 ? 0 : run.pages() / run.exporterCpuSeconds())),
                    decimal(run.exporterCpuMillisPerPage()), decimal(run.jitSeconds()),
                    decimal(run.exporterCpuMillisPerPageLessJit()),
                    run.otherCpuSeconds() < 0 ? "-" : decimal(run.otherCpuSeconds()));
        }
        out.println();
        out.println("Unthrottled export, neither side rate limited (pages/s and blocks/s over wall time; requests as"
                + " the server counted them)");
        speed.print(out);
        out.println();
        out.println("Exporter heap (peak = most in use at any 100 ms sample, garbage included; after GC = in use right"
                + " after each collection; live = after a forced full GC)");
        heap.print(out);
        out.println();
        out.println("Exporter vs server, each in its own JVM on the same cores (cores = CPU s / wall s; server time ="
                + " request received to response sent; requests in server = server time / wall time; JIT = time the"
                + " exporter JVM's compilers spent compiling, a part of its CPU time)");
        cpu.print(out);
        out.println("A server that is the bottleneck has requests waiting in it all the time (requests in server near"
                + " the exporter's concurrency); below 1, it is idle, waiting for the exporter's next request.");
        out.println();
        out.println("Requests by kind: actual / minimum");
        List<String> header = new ArrayList<>(List.of("kind"));
        runs.forEach(run -> header.add(size(run.workspacePages())));
        Table kinds = new Table(header.toArray(String[]::new));
        List<Map<String, Long>> actual = new ArrayList<>();
        runs.forEach(run -> actual.add(byKind(run.byRoute())));
        List<String> names = new ArrayList<>(runs.get(0).minimum() == null ? List.of()
                : runs.get(0).minimum().byKind().keySet());
        actual.forEach(map -> map.keySet().stream().filter(k -> !names.contains(k)).forEach(names::add));
        for (String kind : names) {
            List<String> row = new ArrayList<>(List.of(kind));
            for (int i = 0; i < runs.size(); i++) {
                Minimum minimum = runs.get(i).minimum();
                row.add(count(actual.get(i).getOrDefault(kind, 0L)) + " / "
                        + (minimum == null ? "-" : count(minimum.byKind().getOrDefault(kind, 0L))));
            }
            kinds.row(row.toArray(String[]::new));
        }
        kinds.print(out);
    }

    private static void throttled(BenchReport report, PrintStream out) {
        RunResult run = report.throttled();
        double budget = report.throttledRate() * run.seconds();
        Table table = new Table("run", "time s", "requests", "2xx", "429", "other", "utilization (2xx / budget)",
                "429 share", "objects exported");
        table.row(run.label(), decimal(run.seconds()), count(run.requests()), count(run.answered2xx()),
                count(run.rateLimited()), count(run.requests() - run.answered2xx() - run.rateLimited()),
                percent(run.answered2xx() / budget), percent(share(run.rateLimited(), run.requests())),
                count(run.pages() + run.databases()));
        out.println();
        out.printf(Locale.ROOT, "Rate-limited export: server allows %s req/s with a burst of %d (429 + Retry-After above),"
                + " client limiter at %s req/s; budget = %s req/s x time%n", decimal(report.throttledRate()),
                report.throttledBurst(), decimal(report.throttledRate()), decimal(report.throttledRate()));
        table.print(out);
    }

    private static void rates(List<BenchReport.RateRun> runs, PrintStream out) {
        Table table = new Table("server req/s (burst)", "client", "time s", "requests", "2xx", "429",
                "utilization (2xx / budget)", "429 share", "client rate at end", "objects exported");
        for (BenchReport.RateRun rate : runs) {
            RunResult run = rate.run();
            table.row(decimal(rate.serverRate()) + " (" + rate.serverBurst()
                            + (rate.windowSeconds() > 0 ? " per " + rate.windowSeconds() + " s" : "") + ")", rate.client(),
                    decimal(run.seconds()), count(run.requests()), count(run.answered2xx()), count(run.rateLimited()),
                    percent(rate.utilization()), percent(rate.rateLimitedShare()), decimal(run.clientRate()),
                    count(run.pages() + run.databases()));
        }
        out.println();
        out.println("Rate scenarios: --rate-limit auto and a fixed 3 req/s against servers with a token bucket (429 +"
                + " Retry-After above it) or a budget per window (\"per 60 s\"; Retry-After until the window resets);"
                + " budget = server req/s x time; the bucket lets utilization pass 100% a little, a window by up to"
                + " its budget");
        table.print(out);
    }

    /** The routes that list: search, users and data-source queries, 100 objects a request. */
    private static final List<String> LISTING_ROUTES = List.of("POST /v1/search", "GET /v1/users/me", "GET /v1/users",
            "POST /v1/data_sources/{id}/query");

    /** The requests of a run that only listed: what a rerun with nothing changed cannot do without. */
    static long listing(RunResult run) {
        return LISTING_ROUTES.stream().mapToLong(route -> run.byRoute().getOrDefault(route, 0L)).sum();
    }

    private static void reruns(BenchReport report, PrintStream out) {
        Table table = new Table("pages", "run", "time s", "requests", "listing", "target", "requests / target",
                "pages+rows (replayed incl.)", "unchanged", "files written", "time at 3 req/s", "exporter CPU s",
                "CPU ms/page", "of which JIT s", "CPU / first export", "json/", "state", "state / json/", "peak heap",
                "live after full GC at 25/50/75%");
        long minimum = 0;
        double firstCpu = 0;
        for (RunResult run : report.reruns()) {
            long listing = listing(run);
            // first export: 1.1 x the minimum; no change: 1.05 x the listing + 5; edits: the listing + what the
            // edited pages need
            double target;
            if (run.minimum() != null) {
                minimum = run.minimum().total();
                firstCpu = run.exporterCpuSeconds();
                target = 1.1 * minimum;
            } else if (run.label().contains("no change")) {
                target = 1.05 * listing + 5;
            } else {
                target = listing + report.editNeeded().getOrDefault(run.workspacePages(), 0L);
            }
            table.row(size(run.workspacePages()), run.label(), decimal(run.seconds()), count(run.requests()),
                    count(listing), count(Math.round(target)), decimal(run.requests() / target),
                    count(run.pages()), count(run.skipped().getOrDefault("unchanged", 0L)), count(run.files()),
                    duration(run.requests() / Benchmark.THROTTLED_RATE), decimal(run.exporterCpuSeconds()),
                    decimal(run.exporterCpuMillisPerPage()), decimal(run.jitSeconds()),
                    firstCpu == 0 ? "-" : percent(run.exporterCpuSeconds() / firstCpu),
                    mib(run.jsonBytes()), mib(run.stateBytes()),
                    run.jsonBytes() == 0 ? "-" : percent((double) run.stateBytes() / run.jsonBytes()),
                    mib(run.heap().peakUsed()), live(run.heap()));
        }
        out.println();
        out.printf(Locale.ROOT, "Reruns into the same folder, unthrottled (%,d pages edited before the last reruns);"
                + " target: first export 1.1 x minimum (%,d at the last size), no change 1.05 x listing + 5,"
                + " edits listing + what the edited pages need; requests / target <= 1 meets it. CPU ms/page counts"
                + " replayed pages too; targets: no-change rerun <= 10%% of the first export's CPU, state <= 25%% of"
                + " json/%n",
                report.editedPages(), minimum);
        table.print(out);
    }

    static void writeJson(BenchReport report, Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.valueToTree(report);
        derive((ArrayNode) root.get("unthrottled"), report.unthrottled());
        derive((ArrayNode) root.get("reruns"), report.reruns());
        if (report.throttled() != null) {
            RunResult run = report.throttled();
            ObjectNode node = (ObjectNode) root.get("throttled");
            derive(node, run);
            node.put("utilization", run.answered2xx() / (report.throttledRate() * run.seconds()));
            node.put("rateLimitedShare", share(run.rateLimited(), run.requests()));
        }
        ArrayNode rates = (ArrayNode) root.get("rates");
        for (int i = 0; i < report.rates().size(); i++) {
            BenchReport.RateRun rate = report.rates().get(i);
            ObjectNode node = (ObjectNode) rates.get(i);
            node.put("utilization", rate.utilization());
            node.put("rateLimitedShare", rate.rateLimitedShare());
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        mapper.writeValue(file.toFile(), root);
    }

    private static void derive(ArrayNode nodes, List<RunResult> runs) {
        for (int i = 0; i < runs.size(); i++) {
            derive((ObjectNode) nodes.get(i), runs.get(i));
        }
    }

    private static void derive(ObjectNode node, RunResult run) {
        node.put("pagesPerSecond", run.pagesPerSecond());
        node.put("blocksPerSecond", run.blocksPerSecond());
        node.put("requestsPerPage", run.requestsPerPage());
        if (run.minimum() != null) {
            node.put("minimumRequestsPerPage", run.minimum().perPage());
            node.put("timesMinimum", (double) run.requests() / run.minimum().total());
        }
        node.put("exporterCpuMicrosPerRequest", run.exporterCpuMicrosPerRequest());
        node.put("serverCpuMicrosPerRequest", run.serverCpuMicrosPerRequest());
        ObjectNode kinds = node.putObject("requestsByKind");
        byKind(run.byRoute()).forEach(kinds::put);
    }

    private static String live(HeapFigures heap) {
        List<String> live = new ArrayList<>();
        heap.liveAfterFullGc().forEach(l -> live.add(mibNumber(l)));
        return live.isEmpty() ? "-" : String.join(" / ", live) + " MiB";
    }

    static Map<String, Long> byKind(Map<String, Long> byRoute) {
        Map<String, Long> kinds = new LinkedHashMap<>();
        byRoute.forEach((route, n) -> kinds.merge(KINDS.getOrDefault(route, "other"), n, Long::sum));
        return kinds;
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    static String size(int pages) {
        return pages % 1_000 == 0 ? pages / 1_000 + "k" : String.valueOf(pages);
    }

    static String mib(long bytes) {
        return mibNumber(bytes) + " MiB";
    }

    private static String mibNumber(long bytes) {
        return String.format(Locale.ROOT, "%.0f", bytes / 1048576.0);
    }

    static String decimal(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value);
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    /** A plain-text table: the first column left-aligned, the others right-aligned. */
    private static final class Table {

        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(header);
        }

        void row(String... cells) {
            rows.add(cells);
        }

        void print(PrintStream out) {
            int columns = rows.get(0).length;
            int[] widths = new int[columns];
            for (String[] row : rows) {
                for (int c = 0; c < columns; c++) {
                    widths[c] = Math.max(widths[c], row[c].length());
                }
            }
            for (int r = 0; r < rows.size(); r++) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < columns; c++) {
                    String cell = rows.get(r)[c];
                    String pad = " ".repeat(widths[c] - cell.length());
                    line.append(c == 0 ? cell + pad : pad + cell).append(c + 1 < columns ? "  " : "");
                }
                out.println(line.toString().stripTrailing());
                if (r == 0) {
                    StringBuilder rule = new StringBuilder();
                    for (int c = 0; c < columns; c++) {
                        rule.append("-".repeat(widths[c])).append(c + 1 < columns ? "  " : "");
                    }
                    out.println(rule);
                }
            }
        }
    }
}
