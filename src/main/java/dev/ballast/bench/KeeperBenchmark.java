package dev.ballast.bench;

import dev.ballast.anvil.AnvilOptions;
import dev.ballast.anvil.AnvilProcess;
import dev.ballast.anvil.AnvilRpc;
import dev.ballast.anvil.DevAccounts;
import dev.ballast.chain.RpcEndpoint;
import dev.ballast.deploy.DevGas;
import dev.ballast.gas.GasPolicy;
import dev.ballast.keeper.Keeper;
import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.KeeperRuntime;
import dev.ballast.keeper.ManagedVault;
import dev.ballast.policy.ValueUnits;
import dev.ballast.tx.SentTx;
import dev.ballast.tx.TxOutcome;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * The keeper's per-block cost on a local Anvil with 1 and with many vaults: JSON-RPC calls per block (counted on the
 * wire by {@link CountingRpcProxy}), time from the new head (the start of {@link Keeper#tick}, which the head watcher
 * calls as soon as it sees the block) to each signed transaction's eth_sendRawTransaction returning
 * ({@link SentTx#sentAt()}, reported through {@link KeeperEvents#sent}), and heap. The keeper is the one
 * {@code ballast run} assembles ({@link KeeperRuntime}), journal and all; only the vaults' bands are chosen per phase:
 *
 * <ul>
 *   <li><b>steady</b>: one vault out of its band per block, every other vault read, decided and journaled but inside
 *       its band (the keeper gives them a band floor of 50%) — the usual block of a keeper with many vaults. The
 *       trading vault is the last one the keeper handles (worst case);</li>
 *   <li><b>burst</b>: every vault out of its band in the same block (one price shock moves them all). The keeper
 *       sends one rebalance per pool, follows that round to its receipts, and decides the rest from the block that
 *       holds them, so a vault's broadcast waits for the rounds before it: one per earlier vault on its pool.</li>
 * </ul>
 * Each block is prepared by a price shock (feed moved, pools arbitraged to it, a TWAP window and the cooldown passed).
 * Deployment is timed apart and not part of any figure.
 */
public final class KeeperBenchmark {
    static final long CHAIN_ID = AnvilOptions.DEFAULT_CHAIN_ID;
    private static final BigInteger GWEI = BigInteger.TEN.pow(9);
    /** Band floor for the vaults that should stay quiet: no shock here moves a vault 50% off its target. */
    private static final long QUIET_BAND_FLOOR = 500_000_000_000_000_000L;

    /**
     * @param vaultCounts  fleet sizes to measure, each on its own fresh Anvil
     * @param blocks       measured steady blocks per fleet (after one unmeasured warm-up block)
     * @param burstBlocks  measured blocks with every vault out of band (fleets of more than one vault)
     * @param pools        pools (full market stacks) the vaults are spread over
     * @param journalDir   where the keepers' SQLite journals go (the disk matters: every decision is committed)
     * @param direct       connect the keeper straight to Anvil: latency without the counting hop, no call counts
     */
    public record Options(List<Integer> vaultCounts, int blocks, int burstBlocks, int pools, Path journalDir,
            boolean direct) {
        public Options {
            vaultCounts = List.copyOf(vaultCounts);
            if (vaultCounts.isEmpty() || vaultCounts.stream().anyMatch(n -> n < 1)) {
                throw new IllegalArgumentException("--vaults: each count must be >= 1, got " + vaultCounts);
            }
            if (blocks < 1) throw new IllegalArgumentException("--blocks must be >= 1, got " + blocks);
            if (burstBlocks < 0) throw new IllegalArgumentException("--burst-blocks must be >= 0, got " + burstBlocks);
            if (pools < 1) throw new IllegalArgumentException("--pools must be >= 1, got " + pools);
        }
    }

    /** One phase's figures; latencies in milliseconds, calls averaged per block. */
    public record Phase(String name, int blocks, int activeVaults, Latency headToBroadcast, Latency headToLastBroadcast,
            Latency tick, Map<String, Double> callsPerBlock, Map<String, Double> nodeMsPerBlock, long maxLensReads, double httpPerBlock, int broadcasts,
            Map<Keeper.Outcome.Kind, Integer> outcomes, int maxInFlight) {
        public double calls(String label) {
            return callsPerBlock.getOrDefault(label, 0.0);
        }

        public double totalCalls() {
            return callsPerBlock.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /** Everything measured for one fleet size. Heap in bytes. */
    public record Figures(int vaults, int pools, double deploySeconds, double coldHeadToBroadcastMs, Phase steady,
            Optional<Phase> burst, long heapLiveAfterGc, long heapPeak, long heapMax) {}

    private KeeperBenchmark() {}

    /** Measures every fleet size in {@code options}, printing as it goes and a summary against the targets. */
    public static List<Figures> run(PrintStream out, Options options) throws Exception {
        out.printf("keeper benchmark on Anvil: %d CPU(s), max heap %d MB, journal in %s, %s%n",
                Runtime.getRuntime().availableProcessors(), HeapSampler.maxBytes() >> 20, options.journalDir(),
                options.direct() ? "keeper connected straight to Anvil (calls not counted)"
                        : "calls counted by a local HTTP hop (its loopback round trip is in the latencies)");
        List<Figures> all = new ArrayList<>();
        for (int vaults : options.vaultCounts()) {
            Figures figures = measure(out, options, vaults);
            KeeperBenchReport.printFleet(out, figures);
            all.add(figures);
        }
        KeeperBenchReport.printTargets(out, all);
        return all;
    }

    private static Figures measure(PrintStream out, Options options, int vaultCount) throws Exception {
        // Anvil otherwise writes every older state to ~/.foundry/anvil/tmp, which thousands of blocks over 1,000
        // vaults turn into tens of GB left behind; the keeper only reads the newest blocks
        try (AnvilProcess anvil = AnvilProcess.start(AnvilOptions.defaults().withExtraArgs("--prune-history", "32"))) {
            HttpService service = new HttpService(anvil.rpcUrl());
            Web3j web3j = Web3j.build(service);
            try {
                AnvilRpc rpc = new AnvilRpc(service);
                Credentials deployer = DevAccounts.get(0);
                Credentials keeper = DevAccounts.get(1);
                long started = System.nanoTime();
                KeeperFleet fleet = KeeperFleet.deploy(web3j, rpc, DevGas.txManager(web3j, deployer, CHAIN_ID), deployer,
                        CHAIN_ID, keeper.getAddress(), vaultCount, options.pools());
                double deploySeconds = (System.nanoTime() - started) / 1e9;
                out.printf("%n%,d vault(s) over %d pool(s) deployed in %.1f s (not measured)%n", vaultCount, fleet.pools(),
                        deploySeconds);
                return measureFleet(options, fleet, anvil.rpcUrl(), keeper, deploySeconds);
            } finally {
                web3j.shutdown();
            }
        }
    }

    private static Figures measureFleet(Options options, KeeperFleet fleet, String rpcUrl, Credentials signer,
            double deploySeconds) throws Exception {
        int n = fleet.vaults().size();
        Recorder events = new Recorder();
        try (CountingRpcProxy proxy = CountingRpcProxy.start(rpcUrl); HeapSampler heap = new HeapSampler()) {
            String keeperUrl = options.direct() ? rpcUrl : proxy.url();
            Phase steady;
            double cold;
            long live;
            try (KeeperRuntime runtime = runtime(keeperUrl, fleet, 1, options.journalDir().resolve("steady-" + n + ".db"),
                    signer, events)) {
                fleet.shock();
                cold = tick(runtime, fleet, proxy, events).lastBroadcastMs();
                List<BlockSample> samples = new ArrayList<>();
                for (int b = 0; b < options.blocks(); b++) {
                    fleet.shock();
                    samples.add(tick(runtime, fleet, proxy, events));
                }
                steady = phase("steady: 1 of " + n + " out of band", 1, samples);
                live = HeapSampler.liveAfterGc();
                if (!fleet.nextShockRaisesWeth()) {
                    // bring the trading vault back to the first deposit's proportions, where the quiet ones still are,
                    // so the burst's first shock moves every vault out of its band
                    fleet.shock();
                    tick(runtime, fleet, proxy, events);
                }
            }
            Optional<Phase> burst = Optional.empty();
            if (n > 1 && options.burstBlocks() > 0) {
                try (KeeperRuntime runtime = runtime(keeperUrl, fleet, n, options.journalDir().resolve("burst-" + n + ".db"),
                        signer, events)) {
                    List<BlockSample> samples = new ArrayList<>();
                    for (int b = 0; b < options.burstBlocks(); b++) {
                        fleet.shock();
                        samples.add(tick(runtime, fleet, proxy, events));
                    }
                    burst = Optional.of(phase("burst: all " + n + " out of band", n, samples));
                    live = Math.max(live, HeapSampler.liveAfterGc());
                }
            }
            return new Figures(n, fleet.pools(), deploySeconds, cold, steady, burst, live, heap.peakBytes(),
                    HeapSampler.maxBytes());
        }
    }

    /** What one keeper block cost: calls on the wire, each broadcast's delay after the head, the whole tick. */
    record BlockSample(CountingRpcProxy.Counts counts, List<Double> broadcastMs, double tickMs,
            Map<Keeper.Outcome.Kind, Integer> outcomes, int maxInFlight) {
        double lastBroadcastMs() {
            return broadcastMs.isEmpty() ? Double.NaN : Collections.max(broadcastMs);
        }
    }

    private static BlockSample tick(KeeperRuntime runtime, KeeperFleet fleet, CountingRpcProxy proxy, Recorder events)
            throws Exception {
        long block = fleet.blockNumber();
        proxy.takeCounts();
        events.clear();
        Instant head = Instant.now();
        List<Keeper.Outcome> outcomes = runtime.keeper().tick(block);
        double tickMs = Duration.between(head, Instant.now()).toNanos() / 1e6;
        CountingRpcProxy.Counts counts = proxy.takeCounts();
        List<Double> broadcasts = events.sentAt().stream().map(at -> Duration.between(head, at).toNanos() / 1e6).toList();
        Map<Keeper.Outcome.Kind, Integer> kinds = new EnumMap<>(Keeper.Outcome.Kind.class);
        for (Keeper.Outcome o : outcomes) kinds.merge(o.kind(), 1, Integer::sum);
        return new BlockSample(counts, broadcasts, tickMs, kinds, events.maxInFlight());
    }

    private static Phase phase(String name, int active, List<BlockSample> samples) {
        Map<String, Double> perBlock = new TreeMap<>();
        Map<String, Double> nodeMs = new TreeMap<>();
        List<Double> all = new ArrayList<>();
        List<Double> last = new ArrayList<>();
        List<Double> ticks = new ArrayList<>();
        Map<Keeper.Outcome.Kind, Integer> outcomes = new EnumMap<>(Keeper.Outcome.Kind.class);
        long maxLens = 0;
        int maxInFlight = 0;
        double http = 0;
        for (BlockSample s : samples) {
            s.counts().byLabel().forEach((label, count) -> perBlock.merge(label, count / (double) samples.size(), Double::sum));
            s.counts().upstreamNanosByLabel().forEach((label, nanos) -> nodeMs.merge(label, nanos / 1e6 / samples.size(), Double::sum));
            maxLens = Math.max(maxLens, s.counts().maxLensAtOneBlock());
            maxInFlight = Math.max(maxInFlight, s.maxInFlight());
            http += s.counts().httpRequests() / (double) samples.size();
            all.addAll(s.broadcastMs());
            if (!s.broadcastMs().isEmpty()) last.add(s.lastBroadcastMs());
            ticks.add(s.tickMs());
            s.outcomes().forEach((kind, count) -> outcomes.merge(kind, count, Integer::sum));
        }
        return new Phase(name, samples.size(), active, Latency.of(all), Latency.of(last), Latency.of(ticks), perBlock,
                nodeMs, maxLens, http, all.size(), outcomes, maxInFlight);
    }

    /**
     * The keeper {@code ballast run} would build, pointed at {@code rpcUrl}; the last {@code active} vaults may trade.
     * The keeper handles vaults in configuration order, so a lone trading vault placed last waits for every other
     * vault's decision first: the worst case of the steady phase.
     */
    private static KeeperRuntime runtime(String rpcUrl, KeeperFleet fleet, int active, Path journal, Credentials signer,
            KeeperEvents events) throws IOException {
        Files.createDirectories(journal.getParent());
        Files.deleteIfExists(journal);
        List<KeeperRuntime.VaultSpec> specs = new ArrayList<>();
        for (int i = 0; i < fleet.vaults().size(); i++) {
            specs.add(new KeeperRuntime.VaultSpec("v" + i, fleet.vaults().get(i).address(), ValueUnits.ofWhole(100),
                    BigInteger.TEN.pow(16).longValueExact(), i >= fleet.vaults().size() - active ? 0 : QUIET_BAND_FLOOR, 0));
        }
        GasPolicy gas = new GasPolicy(10, 50, GWEI.multiply(BigInteger.valueOf(100)), BigInteger.ONE,
                GWEI.multiply(BigInteger.TWO), 12, Duration.ofSeconds(5));
        KeeperRuntime.Settings settings = new KeeperRuntime.Settings(CHAIN_ID, List.of(RpcEndpoint.http("anvil", rpcUrl)),
                Optional.empty(), signer, specs, gas, 1, Duration.ofMillis(200), journal,
                new Keeper.GasModel(400_000, 150_000, ValueUnits.ofWhole(3000)), List.of());
        return KeeperRuntime.create(settings, events);
    }

    /** Collects the keeper's broadcasts (the hook the timing rests on) and how many were unconfirmed at once. */
    private static final class Recorder implements KeeperEvents {
        private final List<Instant> sentAt = Collections.synchronizedList(new ArrayList<>());
        private int inFlight;
        private int maxInFlight;

        @Override
        public synchronized void sent(ManagedVault vault, SentTx tx) {
            sentAt.add(tx.sentAt());
            maxInFlight = Math.max(maxInFlight, ++inFlight);
        }

        @Override
        public synchronized void confirmed(ManagedVault vault, TxOutcome.Confirmed confirmed) {
            inFlight--;
        }

        synchronized int maxInFlight() {
            return maxInFlight;
        }

        List<Instant> sentAt() {
            synchronized (sentAt) {
                return List.copyOf(sentAt);
            }
        }

        synchronized void clear() {
            sentAt.clear();
            inFlight = 0;
            maxInFlight = 0;
        }
    }
}
