package dev.notionsync.bench;

import dev.notionsync.core.RateLimit;
import dev.notionsync.core.export.ExportSpec;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * What one benchmark run does. Parse command-line arguments with {@link #parse(String...)}; with none of
 * {@code --pages}, {@code --throttled-seconds}, {@code --rate-seconds} and {@code --reruns} every scenario runs, otherwise only the named
 * ones.
 *
 * @param pages workspace sizes of the unthrottled scenario, in pages; empty skips it
 * @param throttledSeconds length of the rate-limited scenario; 0 skips it
 * @param throttledPages workspace size of the rate-limited scenario
 * @param rateSeconds length of each export of the rate scenarios (adaptive and fixed clients against servers
 *        allowing 6 and 3 requests per second); 0 skips them
 * @param reruns whether to run the rerun scenario (export, rerun unchanged, rerun after edits)
 * @param rerunPages workspace sizes of the rerun scenario
 * @param editFraction fraction of pages edited before the last rerun
 * @param seed the workspace seed
 * @param concurrency the exporter's concurrency
 * @param warmupSeconds length of the discarded warm-up export before each measured scenario; 0 skips it
 * @param serverHeap {@code -Xmx} of the server JVM, e.g. {@code 1g}
 * @param workDir where output folders and server logs go
 * @param keepOutput whether to keep the output folders
 * @param liveProbes whether to force a full GC at 25, 50 and 75% of each unthrottled export to read the live heap
 * @param json where to write the figures as JSON, or {@code null}
 * @param formats the writers of every export: {@code json}, {@code markdown}, {@code html}, {@code csv}
 * @param rateServers the servers of the rate scenarios
 * @param rateClients the client rate limits run against each server of the rate scenarios
 */
public record BenchOptions(List<Integer> pages, int throttledSeconds, int throttledPages, int rateSeconds,
        boolean reruns,
        List<Integer> rerunPages, double editFraction, long seed, int concurrency, int warmupSeconds, String serverHeap,
        Path workDir, boolean keepOutput, boolean liveProbes, Path json, List<String> formats,
        List<RateServer> rateServers, List<RateLimit> rateClients) {

    /** The usual memory file system of Linux. */
    static final String MEMORY_FOLDER = "/dev/shm";

    /** Free space the memory file system needs to hold the output: a 50k export's folders with room to spare. */
    static final long MEMORY_ROOM = 8L << 30;

    /** The formats a benchmark export can write. */
    public static final List<String> FORMATS = List.of("json", "markdown", "html", "csv");

    /** The usage text. */
    public static final String USAGE = String.join("\n",
            "Usage: scripts/bench.sh [options]   (java -Xmx256m -cp ... dev.notionsync.bench.Benchmark [options])",
            "  --pages LIST            unthrottled export of these workspace sizes (default 1000,10000,50000)",
            "  --throttled-seconds S   export for S seconds against a 3 req/s, burst 3 server (default 90; 0 skips)",
            "  --throttled-pages N     workspace of the rate-limited run (default 10000)",
            "  --rate-seconds S        rate scenarios, S seconds per export: --rate-limit auto and fixed 3 against",
            "                          servers allowing 6 and 3 req/s (default 75; 0 skips)",
            "  --rate-servers LIST     servers of the rate scenarios (default 6,3): N is a token bucket of N req/s",
            "                          holding one second's worth; Nw a budget of 60 x N per 60-second window",
            "                          that may be spent in one burst, Retry-After until the window resets",
            "  --rate-clients LIST     client rate limits of the rate scenarios (default auto,3)",
            "  --reruns                export, rerun with no change, rerun after editing --edit-fraction of pages",
            "  --rerun-pages LIST      workspaces of the reruns (default 1k,10k)",
            "  --edit-fraction F       fraction of pages edited before the last rerun (default 0.01)",
            "  --seed S                workspace seed (default 1)",
            "  --concurrency N         exporter concurrency (default " + ExportSpec.DEFAULT_CONCURRENCY + ")",
            "  --warmup-seconds S      discarded warm-up export before each scenario, 3x before the first (default 10; 0 skips)",
            "  --server-heap SIZE      -Xmx of the fake server's JVM (default 1g)",
            "  --work-dir DIR          output folders and server logs (default: a new folder in /dev/shm when it",
            "                          is a memory file system with 8 GiB free, else in the temporary folder)",
            "  --keep-output           keep the output folders",
            "  --no-live-probes        no forced full GC at 25/50/75% of each unthrottled export",
            "  --json FILE             also write every figure as JSON",
            "  --formats LIST          writers of every export (default json,markdown,html,csv, as the CLI)",
            "With none of --pages, --throttled-seconds, --rate-seconds, --reruns: every scenario.");

    /**
     * Validates and copies.
     */
    public BenchOptions {
        pages = List.copyOf(pages);
        formats = List.copyOf(formats);
        rateServers = List.copyOf(rateServers);
        rateClients = List.copyOf(rateClients);
        if (rateServers.isEmpty() || rateClients.isEmpty()) {
            throw new IllegalArgumentException("--rate-servers and --rate-clients must not be empty");
        }
        if (formats.isEmpty() || !FORMATS.containsAll(formats)) {
            throw new IllegalArgumentException("--formats takes a list of " + String.join(", ", FORMATS) + ", was "
                    + String.join(",", formats));
        }
        Objects.requireNonNull(serverHeap, "serverHeap");
        Objects.requireNonNull(workDir, "workDir");
        for (int size : pages) {
            positive("--pages", size);
        }
        if (throttledSeconds < 0) {
            throw new IllegalArgumentException("--throttled-seconds must be 0 or more, was " + throttledSeconds);
        }
        if (rateSeconds < 0) {
            throw new IllegalArgumentException("--rate-seconds must be 0 or more, was " + rateSeconds);
        }
        positive("--throttled-pages", throttledPages);
        rerunPages = List.copyOf(rerunPages);
        for (int size : rerunPages) {
            positive("--rerun-pages", size);
        }
        positive("--concurrency", concurrency);
        if (!(editFraction > 0 && editFraction <= 1)) {
            throw new IllegalArgumentException("--edit-fraction must be in (0, 1], was " + editFraction);
        }
        if (warmupSeconds < 0) {
            throw new IllegalArgumentException("--warmup-seconds must be 0 or more, was " + warmupSeconds);
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }

    /**
     * Parses command-line arguments.
     *
     * @param args the arguments
     * @return the options
     * @throws IllegalArgumentException when an argument is unknown or a value invalid
     */
    public static BenchOptions parse(String... args) {
        List<Integer> pages = List.of(1_000, 10_000, 50_000);
        int throttledSeconds = 90;
        int throttledPages = 10_000;
        int rateSeconds = 75;
        boolean reruns = true;
        List<Integer> rerunPages = List.of(1_000, 10_000);
        double editFraction = 0.01;
        long seed = 1;
        int concurrency = ExportSpec.DEFAULT_CONCURRENCY;
        int warmupSeconds = 10;
        String serverHeap = "1g";
        Path workDir = null;
        boolean keepOutput = false;
        boolean liveProbes = true;
        Path json = null;
        List<String> formats = FORMATS;
        List<RateServer> rateServers = List.of(RateServer.parse("6"), RateServer.parse("3"));
        List<RateLimit> rateClients = List.of(RateLimit.adaptive(), RateLimit.fixed(3));
        boolean pagesGiven = false;
        boolean throttledGiven = false;
        boolean rateGiven = false;
        boolean rerunsGiven = false;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            switch (name) {
                case "--reruns" -> rerunsGiven = true;
                case "--keep-output" -> keepOutput = true;
                case "--no-live-probes" -> liveProbes = false;
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(name.startsWith("--") ? name + " needs a value"
                                : "unknown argument " + name);
                    }
                    String value = args[++i];
                    switch (name) {
                        case "--pages" -> {
                            pages = sizes(value);
                            pagesGiven = true;
                        }
                        case "--throttled-seconds" -> {
                            throttledSeconds = Integer.parseInt(value);
                            throttledGiven = true;
                        }
                        case "--rate-seconds" -> {
                            rateSeconds = Integer.parseInt(value);
                            rateGiven = true;
                        }
                        case "--throttled-pages" -> throttledPages = Integer.parseInt(value);
                        case "--rerun-pages" -> rerunPages = sizes(value);
                        case "--edit-fraction" -> editFraction = Double.parseDouble(value);
                        case "--seed" -> seed = Long.parseLong(value);
                        case "--concurrency" -> concurrency = Integer.parseInt(value);
                        case "--warmup-seconds" -> warmupSeconds = Integer.parseInt(value);
                        case "--server-heap" -> serverHeap = value;
                        case "--work-dir" -> workDir = Path.of(value);
                        case "--json" -> json = Path.of(value);
                        case "--formats" -> formats = List.of(value.toLowerCase(Locale.ROOT).split(",", -1));
                        case "--rate-servers" -> rateServers = list(value, RateServer::parse);
                        case "--rate-clients" -> rateClients = list(value, RateLimit::parse);
                        default -> throw new IllegalArgumentException("unknown option " + name);
                    }
                }
            }
        }
        if (pagesGiven || throttledGiven || rateGiven || rerunsGiven) {
            pages = pagesGiven ? pages : List.of();
            throttledSeconds = throttledGiven ? throttledSeconds : 0;
            rateSeconds = rateGiven ? rateSeconds : 0;
            reruns = rerunsGiven;
        }
        if (workDir == null) {
            workDir = defaultWorkDir(Path.of(MEMORY_FOLDER), Path.of(System.getProperty("java.io.tmpdir")),
                    ProcessHandle.current().pid());
        }
        return new BenchOptions(pages, throttledSeconds, throttledPages, rateSeconds, reruns, rerunPages, editFraction, seed,
                concurrency, warmupSeconds, serverHeap, workDir, keepOutput, liveProbes, json, formats, rateServers,
                rateClients);
    }

    /**
     * Where the output goes unless told: a memory file system when there is one with room, so that the figures are
     * the exporter's cost. On disk, creating a file costs what the file system did before: on an ext4 without a
     * journal, the kernel skips every inode freed in the last minutes when it picks one for a new file, and the
     * benchmark frees tens of thousands of them when it removes a warm-up export. Profiled (perf) at 5k pages, that
     * scan was 28% of the exporter's CPU, and the figures moved with whatever ran before.
     *
     * @param memory the memory file system's folder, used when it is tmpfs with {@link #MEMORY_ROOM} free
     * @param temporary the folder otherwise
     * @param pid names the new folder
     * @return the work folder, not created yet
     */
    static Path defaultWorkDir(Path memory, Path temporary, long pid) {
        String name = "notion-sync-bench-" + pid;
        try {
            if (Files.isDirectory(memory) && Files.isWritable(memory)) {
                FileStore store = Files.getFileStore(memory);
                if ("tmpfs".equals(store.type()) && store.getUsableSpace() >= MEMORY_ROOM) {
                    return memory.resolve(name);
                }
            }
        } catch (IOException unreadable) {
            // no memory file system to use: the temporary folder will do
        }
        return temporary.resolve(name);
    }

    private static <T> List<T> list(String list, Function<String, T> parse) {
        List<T> items = new ArrayList<>();
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                items.add(parse.apply(part.trim()));
            }
        }
        return items;
    }

    /**
     * One server of the rate scenarios.
     *
     * @param rate requests per second it allows on average
     * @param burst the token bucket's size (one second's worth), or the window's budget
     * @param windowSeconds 0 for a token bucket, otherwise the window of a budget that may be spent in one burst
     *        (Notion's newest rate-limit text), answering {@code Retry-After} until the window resets
     */
    public record RateServer(double rate, int burst, int windowSeconds) {

        /** The window of a windowed server: Notion's. */
        public static final int WINDOW_SECONDS = 60;

        /**
         * Parses {@code 6} (a token bucket of 6 requests per second holding 6) or {@code 6w} (360 requests per
         * 60-second window).
         *
         * @param text the server
         * @return the server
         * @throws IllegalArgumentException when it is neither
         */
        public static RateServer parse(String text) {
            String value = text.trim().toLowerCase(Locale.ROOT);
            boolean window = value.endsWith("w");
            double rate;
            try {
                rate = Double.parseDouble(window ? value.substring(0, value.length() - 1) : value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--rate-servers takes numbers such as 6 or 6w, was " + text, e);
            }
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("--rate-servers takes positive rates, was " + text);
            }
            return window ? new RateServer(rate, (int) Math.round(rate * WINDOW_SECONDS), WINDOW_SECONDS)
                    : new RateServer(rate, (int) Math.max(1, Math.round(rate)), 0);
        }
    }

    private static List<Integer> sizes(String list) {
        List<Integer> sizes = new ArrayList<>();
        for (String part : list.split(",")) {
            String size = part.trim().toLowerCase(Locale.ROOT);
            if (!size.isEmpty()) {
                sizes.add(size.endsWith("k") ? Integer.parseInt(size.substring(0, size.length() - 1)) * 1_000
                        : Integer.parseInt(size));
            }
        }
        return sizes;
    }
}
