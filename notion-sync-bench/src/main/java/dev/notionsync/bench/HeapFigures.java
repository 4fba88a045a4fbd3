package dev.notionsync.bench;

import java.util.List;
import java.util.Map;

/**
 * What the exporter JVM's heap did during one export.
 *
 * @param maxHeap the JVM's maximum heap ({@code -Xmx})
 * @param peakUsed the most heap in use at any 100 ms sample, garbage included
 * @param maxAfterGc the most heap still in use right after a collection (forced ones excluded)
 * @param afterGcByQuarter the same maximum in each quarter of the run's wall time, -1 when no GC ran in it
 * @param liveAfterFullGc heap in use right after forced full GCs at 25, 50 and 75% of the export's progress
 * @param collections collections run, forced ones included
 * @param gcSeconds time spent collecting
 * @param byCollector collections by collector name
 */
public record HeapFigures(long maxHeap, long peakUsed, long maxAfterGc, List<Long> afterGcByQuarter,
        List<Long> liveAfterFullGc, long collections, double gcSeconds, Map<String, Long> byCollector) {

    /**
     * Copies the collections.
     */
    public HeapFigures {
        afterGcByQuarter = List.copyOf(afterGcByQuarter);
        liveAfterFullGc = List.copyOf(liveAfterFullGc);
        byCollector = Map.copyOf(byCollector);
    }
}
