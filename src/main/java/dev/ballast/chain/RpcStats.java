package dev.ballast.chain;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what was actually sent to nodes: JSON-RPC calls by method (a batch counts each call in it) and HTTP
 * requests (a batch is one). Failed attempts count too: they cost the provider quota just the same.
 */
public final class RpcStats {
    private final Map<String, LongAdder> byMethod = new ConcurrentHashMap<>();
    private final AtomicLong httpRequests = new AtomicLong();

    void countCall(String method) {
        byMethod.computeIfAbsent(method, m -> new LongAdder()).increment();
    }

    void countHttpRequest() {
        httpRequests.incrementAndGet();
    }

    public long calls(String method) {
        LongAdder adder = byMethod.get(method);
        return adder == null ? 0 : adder.sum();
    }

    public long totalCalls() {
        return byMethod.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long httpRequests() {
        return httpRequests.get();
    }

    /** Calls by method, sorted by name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        byMethod.forEach((method, count) -> copy.put(method, count.sum()));
        return copy;
    }

    public void reset() {
        byMethod.clear();
        httpRequests.set(0);
    }

    @Override
    public String toString() {
        return "calls=" + totalCalls() + " http=" + httpRequests() + " " + snapshot();
    }
}
