package dev.ballast.bench;

import dev.ballast.journal.Fence;
import dev.ballast.journal.Journal;
import dev.ballast.journal.JournalTarget;
import dev.ballast.journal.TxIntent;
import dev.ballast.journal.TxReceipt;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The journal's write latency on each engine in one run, the writes of one rebalance as the keeper makes them:
 * decision, fenced intent (the lease check and the insert in one transaction), sent, receipt. Both engines are
 * durable: SQLite with synchronous=FULL, PostgreSQL with fsync and synchronous_commit on, over loopback TCP.
 */
public final class JournalLatencyBenchmark {
    private static final String VAULT = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private static final String SENDER = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

    /** Per write kind, its latencies. */
    public record Figures(String engine, Map<String, Latency> byWrite) {}

    private JournalLatencyBenchmark() {}

    public static List<Figures> run(PrintStream out, int rebalances, Path sqliteFile, JournalTarget.Postgres postgres) {
        List<Figures> all = List.of(measure("SQLite", new JournalTarget.Sqlite(sqliteFile), rebalances),
                measure("PostgreSQL", postgres, rebalances));
        out.printf("journal write latency, %d rebalances each (decision, fenced intent, sent, receipt):%n", rebalances);
        out.printf("  %-14s %-44s %-44s%n", "write", all.get(0).engine(), all.get(1).engine());
        for (String write : all.get(0).byWrite().keySet()) {
            out.printf("  %-14s %-44s %-44s%n", write, all.get(0).byWrite().get(write).format(),
                    all.get(1).byWrite().get(write).format());
        }
        return all;
    }

    private static Figures measure(String name, JournalTarget target, int rebalances) {
        Map<String, List<Double>> ms = new LinkedHashMap<>();
        for (String k : List.of("decision", "fenced intent", "sent", "receipt")) ms.put(k, new ArrayList<>());
        try (Journal j = Journal.open(target, Clock.systemUTC())) {
            String holder = "bench-" + ProcessHandle.current().pid();
            for (int n = 0; n < rebalances + 20; n++) { // the first 20 warm the JIT and the pool, not measured
                int i = n;
                boolean measured = i >= 20;
                Fence fence = j.leases().renew(holder, List.of(VAULT), List.of(), Duration.ofMinutes(1)).get(VAULT);
                long d = time(ms.get("decision"), measured, () -> j.recordDecision(VAULT, i, "{}", "REBALANCE", "bench"));
                String hash = "0x" + String.format("%064x", System.nanoTime() ^ ((long) i << 40));
                TxIntent intent = new TxIntent(d, VAULT, SENDER, i, hash, "0x02f8", BigInteger.TEN, BigInteger.ONE);
                time(ms.get("fenced intent"), measured, () -> j.recordIntent(intent, fence));
                time(ms.get("sent"), measured, () -> {
                    j.markSent(hash);
                    return 0L;
                });
                time(ms.get("receipt"), measured, () -> {
                    j.recordReceipt(hash, new TxReceipt(i, hash, true, BigInteger.valueOf(200_000)));
                    return 0L;
                });
            }
        }
        Map<String, Latency> out = new LinkedHashMap<>();
        ms.forEach((k, v) -> out.put(k, Latency.of(v)));
        return new Figures(name, out);
    }

    private static long time(List<Double> into, boolean measured, Supplier<Long> write) {
        long t = System.nanoTime();
        long result = write.get();
        if (measured) into.add((System.nanoTime() - t) / 1e6);
        return result;
    }
}
