package dev.notionsync.bench;

import java.util.List;
import java.util.Map;

/**
 * Everything one benchmark run measured, printed by {@link Benchmark} and written as JSON with {@code --json}.
 *
 * @param environment how the run was set up: JVMs, heap, cores, seed, concurrency, writers
 * @param unthrottled one export per workspace size, no rate limit on either side
 * @param throttled the rate-limited run, or {@code null} when skipped
 * @param throttledRate the server's and the client's rate limit in that run, requests per second
 * @param throttledBurst the server's bucket size in that run
 * @param rates the rate scenarios: adaptive and fixed clients against servers of different limits (empty when
 *        skipped)
 * @param reruns first export, rerun with no change, rerun after edits (empty when skipped)
 * @param editedPages pages edited before the last rerun, summed over the rerun sizes
 * @param editNeeded per rerun size, the fewest requests the edited pages' content needs once listed
 */
public record BenchReport(Environment environment, List<RunResult> unthrottled, RunResult throttled,
        double throttledRate, int throttledBurst, List<RateRun> rates, List<RunResult> reruns, long editedPages,
        Map<Integer, Long> editNeeded) {

    /**
     * Copies the lists.
     */
    public BenchReport {
        unthrottled = List.copyOf(unthrottled);
        rates = List.copyOf(rates);
        reruns = List.copyOf(reruns);
        editNeeded = Map.copyOf(editNeeded);
    }

    /**
     * One export of a rate scenario: a client rate limit against a server's token bucket, stopped after its time.
     *
     * @param serverRate the server's sustained limit, requests per second (429 with {@code Retry-After} above)
     * @param serverBurst the server's bucket size, or its budget per window
     * @param client the client's rate limit, {@code auto} or e.g. {@code 3 req/s}
     * @param run the figures of the export
     * @param windowSeconds 0 for a token bucket, otherwise the window of the server's budget (which may be spent in
     *        one burst, so utilization can pass 100% by up to a window's budget)
     */
    public record RateRun(double serverRate, int serverBurst, String client, RunResult run, int windowSeconds) {

        /**
         * A run against a token bucket.
         *
         * @param serverRate the server's sustained limit, requests per second
         * @param serverBurst the server's bucket size
         * @param client the client's rate limit
         * @param run the figures of the export
         */
        public RateRun(double serverRate, int serverBurst, String client, RunResult run) {
            this(serverRate, serverBurst, client, run, 0);
        }

        /** @return requests answered 2xx / (server rate x seconds): the share of the server's budget used */
        public double utilization() {
            return run.seconds() == 0 ? 0 : run.answered2xx() / (serverRate * run.seconds());
        }

        /** @return 429 answers / all requests */
        public double rateLimitedShare() {
            return run.requests() == 0 ? 0 : (double) run.rateLimited() / run.requests();
        }
    }

    /**
     * How the benchmark ran.
     *
     * @param javaVersion the exporter JVM's Java version
     * @param cores processors available to the exporter JVM (the server JVM shares them)
     * @param exporterMaxHeap the exporter JVM's maximum heap in bytes
     * @param serverHeap the server JVM's {@code -Xmx}
     * @param seed the workspace seed
     * @param concurrency the exporter's concurrency
     * @param writers the writers of every export
     * @param comments the comment scope of every export
     * @param warmupSeconds the discarded warm-up export before each scenario
     * @param outputStore the type of the file system the exports were written to, such as {@code tmpfs} or
     *        {@code ext4}
     */
    public record Environment(String javaVersion, int cores, long exporterMaxHeap, String serverHeap, long seed,
            int concurrency, String writers, String comments, int warmupSeconds, String outputStore) {
    }
}
