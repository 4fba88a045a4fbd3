package dev.notionsync.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Watches this JVM's heap while an export runs: heap used sampled every {@value #SAMPLE_MILLIS} ms (the peak), the
 * heap used after every collection (from GC notifications; growth of that figure over the run is what a leak looks
 * like), and optionally the live heap after a forced full GC at 25, 50 and 75% of the export's progress.
 */
final class HeapMonitor implements AutoCloseable {

    static final long SAMPLE_MILLIS = 100;
    private static final double[] PROBES = {0.25, 0.5, 0.75};

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final Set<String> heapPools = new HashSet<>();
    private final Map<String, long[]> startCounts = new LinkedHashMap<>();
    private final long startNanos = System.nanoTime();
    private final AtomicLong peakUsed = new AtomicLong();
    private final List<long[]> afterGc = new ArrayList<>();
    private final List<Long> live = new ArrayList<>();
    private final NotificationListener listener = this::onGc;
    private final LongSupplier progress;
    private final long expected;
    private final boolean probes;
    private final Thread sampler;
    private volatile boolean running = true;
    private long endNanos;

    private HeapMonitor(LongSupplier progress, long expected, boolean probes) {
        this.progress = progress;
        this.expected = expected;
        this.probes = probes && expected > 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean collector : collectors) {
            startCounts.put(collector.getName(), new long[] {collector.getCollectionCount(), collector.getCollectionTime()});
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
            }
        }
        this.sampler = new Thread(this::sample, "bench-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /**
     * Starts watching.
     *
     * @param progress objects exported so far
     * @param expected objects the export will have exported at its end (for the 25/50/75% probes)
     * @param probes whether to force full GCs at those points
     * @return the running monitor; close it when the export ends
     */
    static HeapMonitor start(LongSupplier progress, long expected, boolean probes) {
        return new HeapMonitor(progress, expected, probes);
    }

    private void sample() {
        int nextProbe = 0;
        while (running) {
            peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            if (probes && nextProbe < PROBES.length && progress.getAsLong() >= PROBES[nextProbe] * expected) {
                // a full collection leaves only what is reachable: the honest size of what the exporter holds
                System.gc();
                synchronized (live) {
                    live.add(memory.getHeapMemoryUsage().getUsed());
                }
                nextProbe++;
            }
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void onGc(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                (CompositeData) notification.getUserData());
        if ("System.gc()".equals(info.getGcCause())) {
            return;
        }
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        synchronized (afterGc) {
            afterGc.add(new long[] {System.nanoTime() - startNanos, used});
        }
    }

    /** Stops sampling and listening. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        endNanos = System.nanoTime() - startNanos;
        sampler.interrupt();
        try {
            sampler.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (GarbageCollectorMXBean collector : collectors) {
            if (collector instanceof NotificationEmitter emitter) {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (ListenerNotFoundException e) {
                    // never added: nothing to remove
                }
            }
        }
    }

    /** @return the figures; call after {@link #close()} */
    HeapFigures figures() {
        long[] quarters = {-1, -1, -1, -1};
        long maxAfterGc = 0;
        synchronized (afterGc) {
            for (long[] gc : afterGc) {
                int quarter = (int) Math.min(3, gc[0] * 4 / Math.max(1, endNanos));
                quarters[quarter] = Math.max(quarters[quarter], gc[1]);
                maxAfterGc = Math.max(maxAfterGc, gc[1]);
            }
        }
        Map<String, Long> collections = new LinkedHashMap<>();
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean collector : collectors) {
            long[] start = startCounts.get(collector.getName());
            long n = collector.getCollectionCount() - start[0];
            collections.put(collector.getName(), n);
            count += n;
            millis += collector.getCollectionTime() - start[1];
        }
        List<Long> liveHeap;
        synchronized (live) {
            liveHeap = List.copyOf(live);
        }
        return new HeapFigures(memory.getHeapMemoryUsage().getMax(), peakUsed.get(), maxAfterGc,
                List.of(quarters[0], quarters[1], quarters[2], quarters[3]), liveHeap, count, millis / 1000.0,
                collections);
    }
}
