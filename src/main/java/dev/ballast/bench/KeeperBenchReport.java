package dev.ballast.bench;

import dev.ballast.bench.KeeperBenchmark.Figures;
import dev.ballast.bench.KeeperBenchmark.Phase;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** The keeper benchmark's tables: per fleet size, then the targets and whether each is met. */
final class KeeperBenchReport {
    static final double ONE_VAULT_P99_MS = 100;
    static final double THOUSAND_VAULTS_P99_MS = 1000;
    static final long READ_CALLS = 4;
    static final long HEAP_BYTES = 256L << 20;

    private KeeperBenchReport() {}

    static void printFleet(PrintStream out, Figures f) {
        List<Phase> phases = new ArrayList<>(List.of(f.steady()));
        f.burst().ifPresent(phases::add);
        out.printf("first block after start (cold JVM, not in the figures): head -> broadcast %s%n",
                Latency.ms(f.coldHeadToBroadcastMs()));
        out.printf("%-32s %6s %10s  %-48s %-48s %s%n", "phase", "blocks", "broadcasts", "head -> each broadcast",
                "head -> last broadcast of the block", "whole tick (p50 / max)");
        for (Phase p : phases) {
            out.printf("%-32s %6d %10d  %-48s %-48s %s / %s%n", p.name(), p.blocks(), p.broadcasts(),
                    p.headToBroadcast().format(), p.headToLastBroadcast().format(), Latency.ms(p.tick().p50()),
                    Latency.ms(p.tick().max()));
        }
        out.println("JSON-RPC calls per measured block, i.e. per keeper tick (a burst tick sends in rounds, one block each),"
                + " counted on the wire (a batch counts each call in it), and the node's answer time (a batch's time under"
                + " its first call):");
        TreeSet<String> labels = new TreeSet<>();
        phases.forEach(p -> labels.addAll(p.callsPerBlock().keySet()));
        StringBuilder header = new StringBuilder(String.format("  %-28s", "method"));
        phases.forEach(p -> header.append(String.format(" %12s %12s", p.name().substring(0, p.name().indexOf(':')), "node ms")));
        out.println(header);
        for (String label : labels) {
            StringBuilder row = new StringBuilder(String.format("  %-28s", label));
            phases.forEach(p -> row.append(String.format(" %12.1f %12.1f", p.calls(label), p.nodeMsPerBlock().getOrDefault(label, 0.0))));
            out.println(row);
        }
        row(out, "  all calls", phases, Phase::totalCalls);
        row(out, "  HTTP requests", phases, Phase::httpPerBlock);
        row(out, "  lens reads, most per block", phases, p -> (double) p.maxLensReads());
        row(out, "  rebalances in flight, most", phases, p -> (double) p.maxInFlight());
        phases.forEach(p -> out.printf("outcomes (%s): %s%n", p.name(), p.outcomes()));
        out.printf("heap: live after a full GC %s, peak used %s (sampled every 5 ms, garbage included), max heap %s%n",
                mb(f.heapLiveAfterGc()), mb(f.heapPeak()), mb(f.heapMax()));
    }

    private static void row(PrintStream out, String name, List<Phase> phases, ToDoubleFunction<Phase> value) {
        StringBuilder row = new StringBuilder(String.format("%-30s", name));
        phases.forEach(p -> row.append(String.format(" %12.1f %12s", value.applyAsDouble(p), "")));
        out.println(row);
    }

    static void printTargets(PrintStream out, List<Figures> all) {
        Optional<Figures> one = all.stream().filter(f -> f.vaults() == 1).findFirst();
        Optional<Figures> many = all.stream().filter(f -> f.vaults() >= 1000).reduce((a, b) -> b);
        out.printf("%nTargets%n%-66s %-22s %s%n", "target", "measured", "met");
        String manyName = many.map(f -> String.format("%,d", f.vaults())).orElse("1,000");
        target(out, "state reads for " + manyName + " vaults <= " + READ_CALLS + " eth_calls per block (lens, max)",
                many.map(f -> (double) maxLens(f)).filter(v -> v > 0), v -> String.format("%.0f", v), v -> v <= READ_CALLS);
        target(out, "head -> broadcast p99, 1 vault < 100 ms",
                one.map(f -> f.steady().headToBroadcast().p99()), Latency::ms, v -> v < ONE_VAULT_P99_MS);
        target(out, "head -> broadcast p99, " + manyName + " vaults, 1 out of band < 1 s",
                many.map(f -> f.steady().headToBroadcast().p99()), Latency::ms, v -> v < THOUSAND_VAULTS_P99_MS);
        target(out, "head -> broadcast p99, " + manyName + " vaults, all out of band, per vault < 1 s",
                many.flatMap(Figures::burst).map(p -> p.headToBroadcast().p99()), Latency::ms, v -> v < THOUSAND_VAULTS_P99_MS);
        target(out, "head -> last broadcast, " + manyName + " vaults, all out of band < 1 s",
                many.flatMap(Figures::burst).map(p -> p.headToLastBroadcast().max()), Latency::ms,
                v -> v < THOUSAND_VAULTS_P99_MS);
        target(out, "heap < 256 MB (live after full GC, largest fleet)",
                all.stream().map(f -> (double) f.heapLiveAfterGc()).reduce(Math::max), v -> mb(v.longValue()),
                v -> v < HEAP_BYTES);
        target(out, "heap < 256 MB (peak used while running, largest fleet)",
                all.stream().map(f -> (double) f.heapPeak()).reduce(Math::max), v -> mb(v.longValue()), v -> v < HEAP_BYTES);
        many.ifPresent(f -> out.printf("other reads per block with %,d vaults: %.0f calls besides the lens (see the table)%n",
                f.vaults(), f.steady().totalCalls() - f.steady().calls(CountingRpcProxy.LENS_READ)));
    }

    private static long maxLens(Figures f) {
        return Math.max(f.steady().maxLensReads(), f.burst().map(Phase::maxLensReads).orElse(0L));
    }

    private static void target(PrintStream out, String name, Optional<Double> value,
            Function<Double, String> format, DoublePredicate met) {
        if (value.isEmpty() || value.get().isNaN()) {
            out.printf("%-66s %-22s %s%n", name, "not measured", "-");
            return;
        }
        out.printf("%-66s %-22s %s%n", name, format.apply(value.get()), met.test(value.get()) ? "yes" : "NO");
    }

    static String mb(long bytes) {
        return String.format("%,d MB", Math.round(bytes / 1048576.0));
    }
}
