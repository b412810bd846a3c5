package dev.ballast.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Heap figures of this JVM: the peak of used heap sampled every few milliseconds while running (garbage included,
 * so it mostly shows how lazily the collector runs) and the live heap right after a full collection.
 */
final class HeapSampler implements AutoCloseable {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final AtomicLong peak = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    HeapSampler() {
        thread = Thread.ofPlatform().daemon().name("heap-sampler").start(() -> {
            while (running) {
                peak.accumulateAndGet(used(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    long peakBytes() {
        return Math.max(peak.get(), used());
    }

    /** Used heap after asking for a full collection twice (finalisable garbage goes in the second). */
    static long liveAfterGc() {
        System.gc();
        System.gc();
        return used();
    }

    static long maxBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    static long used() {
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
