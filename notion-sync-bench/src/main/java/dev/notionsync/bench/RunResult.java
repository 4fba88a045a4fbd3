package dev.notionsync.bench;

import java.util.Map;

/**
 * The figures of one measured export.
 *
 * @param scenario {@code unthrottled}, {@code throttled}, {@code rate} or {@code rerun}
 * @param label what this run was, e.g. {@code 10k pages} or {@code rerun, no changes}
 * @param workspacePages the generated workspace's page count ({@code WorkspaceSpec.ofPages})
 * @param seconds wall time of the export
 * @param completed whether the export finished (a rate-limited run is stopped after its time)
 * @param pages pages exported, rows included
 * @param rows rows exported
 * @param databases databases exported
 * @param blocks blocks exported
 * @param files files written by the writers
 * @param failures objects that failed
 * @param skipped objects left out, by reason (e.g. {@code unchanged} on an incremental rerun)
 * @param clientRequests API answers the exporter counted
 * @param requests API requests the server received (the figure used for requests per page)
 * @param answered2xx requests the server answered with a 2xx status
 * @param rateLimited requests the server answered with 429
 * @param byStatus server answers by HTTP status
 * @param byRoute server requests by route
 * @param downloads file downloads (not API requests)
 * @param minimum the fewest requests a complete export of this workspace needs, or {@code null} when not computed
 * @param exporterCpuSeconds CPU time of the exporter's JVM during the export
 * @param serverCpuSeconds CPU time of the server's JVM during the export
 * @param serverServiceSeconds summed time the server took from request to response
 * @param otherCpuSeconds CPU time other processes used on the machine during the export, -1 when unknown
 * @param heap the exporter JVM's heap during the export
 * @param clientRate the client's request budget per second when the export ended (it moves when adaptive), 0 when
 *        unlimited
 * @param jsonBytes bytes of the export's {@code json/} folder after the run
 * @param stateBytes bytes of the export's state ({@code .notion-sync/}) after the run
 * @param jitSeconds of the exporter's CPU time, the time its JIT compilers spent compiling during the export
 *        ({@code CompilationMXBean}), 0 when unknown
 */
public record RunResult(String scenario, String label, int workspacePages, double seconds, boolean completed,
        long pages, long rows, long databases, long blocks, long files, long failures, Map<String, Long> skipped,
        long clientRequests, long requests, long answered2xx, long rateLimited, Map<String, Long> byStatus,
        Map<String, Long> byRoute, long downloads, Minimum minimum, double exporterCpuSeconds,
        double serverCpuSeconds, double serverServiceSeconds, double otherCpuSeconds, HeapFigures heap, double clientRate,
        long jsonBytes, long stateBytes, double jitSeconds) {

    /**
     * Copies the maps.
     */
    public RunResult {
        skipped = Map.copyOf(skipped);
        byStatus = Map.copyOf(byStatus);
        byRoute = Map.copyOf(byRoute);
    }

    /** @return pages (rows included) exported per second */
    public double pagesPerSecond() {
        return seconds == 0 ? 0 : pages / seconds;
    }

    /** @return blocks exported per second */
    public double blocksPerSecond() {
        return seconds == 0 ? 0 : blocks / seconds;
    }

    /** @return server requests per exported page, row or database (as {@code Summary.requestsPerPage()}) */
    public double requestsPerPage() {
        long objects = pages + databases;
        return objects == 0 ? 0 : (double) requests / objects;
    }

    /** @return the exporter's CPU time per page, row or database it went through (replayed ones included), in ms */
    public double exporterCpuMillisPerPage() {
        long objects = pages + databases;
        return objects == 0 ? 0 : exporterCpuSeconds * 1e3 / objects;
    }

    /** @return the exporter's CPU time per page, row or database less the JIT compilers' share, in ms */
    public double exporterCpuMillisPerPageLessJit() {
        long objects = pages + databases;
        return objects == 0 ? 0 : (exporterCpuSeconds - jitSeconds) * 1e3 / objects;
    }

    /** @return the exporter's CPU time per API request, in microseconds */
    public double exporterCpuMicrosPerRequest() {
        return requests == 0 ? 0 : exporterCpuSeconds * 1e6 / requests;
    }

    /** @return the server's CPU time per API request, in microseconds */
    public double serverCpuMicrosPerRequest() {
        return requests == 0 ? 0 : serverCpuSeconds * 1e6 / requests;
    }
}
