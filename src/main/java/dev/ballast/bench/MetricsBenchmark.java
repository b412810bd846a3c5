package dev.ballast.bench;

import dev.ballast.anvil.AnvilOptions;
import dev.ballast.anvil.AnvilProcess;
import dev.ballast.anvil.AnvilRpc;
import dev.ballast.anvil.DevAccounts;
import dev.ballast.chain.BlockHead;
import dev.ballast.chain.FailoverPolicy;
import dev.ballast.chain.FailoverRpc;
import dev.ballast.chain.RpcEndpoint;
import dev.ballast.chain.VaultState;
import dev.ballast.deploy.DevGas;
import dev.ballast.gas.GasPolicy;
import dev.ballast.keeper.Keeper;
import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.KeeperRuntime;
import dev.ballast.keeper.ManagedVault;
import dev.ballast.metrics.KeeperMetrics;
import dev.ballast.metrics.MetricsServer;
import dev.ballast.metrics.Readiness;
import dev.ballast.policy.Decision;
import dev.ballast.policy.PortfolioSnapshot;
import dev.ballast.policy.ValueUnits;
import dev.ballast.tx.SentTx;
import dev.ballast.tx.TxOutcome;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * What the metrics cost the keeper (issue 15): head -> broadcast of the real keeper on Anvil with metrics off and on
 * (alternating segments, so load drifting on a shared machine hits both alike), and /metrics scrape time over HTTP
 * with {@code scrapeVaults} vaults' series. The scrape's vaults are the measured fleet's last observed vault repeated
 * under as many names through the same {@link KeeperEvents} calls the keeper makes (deploying 1,000 vaults on a loaded
 * machine takes longer than the measurement itself); the per-block cost of those calls is printed too.
 */
public final class MetricsBenchmark {
    private static final long CHAIN_ID = 31337;
    private static final BigInteger GWEI = BigInteger.TEN.pow(9);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private MetricsBenchmark() {}

    public static void run(PrintStream out, List<Integer> vaultCounts, int blocks, int rounds, int scrapeVaults,
            Path journalDir) throws Exception {
        int most = vaultCounts.stream().mapToInt(Integer::intValue).max().orElseThrow();
        out.printf("metrics benchmark: %s vault(s) on one Anvil, %d round(s) of %d blocks per vault count with metrics "
                + "off and on (order alternating per round); scrape with %,d vaults; %d CPU(s); load average %s%n",
                vaultCounts, rounds, blocks, scrapeVaults, Runtime.getRuntime().availableProcessors(), loadAverage());
        try (AnvilProcess anvil = AnvilProcess.start(AnvilOptions.defaults().withExtraArgs("--prune-history", "32"))) {
            HttpService service = new HttpService(anvil.rpcUrl());
            Web3j web3j = Web3j.build(service);
            try {
                Credentials deployer = DevAccounts.get(0);
                Credentials keeper = DevAccounts.get(1);
                long deployStarted = System.nanoTime();
                KeeperFleet fleet = KeeperFleet.deploy(web3j, new AnvilRpc(service), DevGas.txManager(web3j, deployer,
                        CHAIN_ID), deployer, CHAIN_ID, keeper.getAddress(), most, Math.min(most, 5));
                out.printf("fleet of %,d vaults deployed in %.1f s%n", most, (System.nanoTime() - deployStarted) / 1e9);
                KeeperMetrics metrics = new KeeperMetrics();
                Recorder recorder = null;
                // per vault count, per round: the off and the on segment's samples
                Map<Integer, List<List<Double>>> off = new LinkedHashMap<>();
                Map<Integer, List<List<Double>>> on = new LinkedHashMap<>();
                for (int r = 0; r < rounds; r++) {
                    for (int count : vaultCounts) {
                        List<KeeperFleet.Vault> vaults = fleet.vaults().subList(0, count);
                        for (int half = 0; half < 2; half++) {
                            boolean metricsOn = (half == 0) == (r % 2 == 1); // off-on, then on-off: drift hits both
                            Recorder events = metricsOn ? new Recorder(metrics) : new Recorder(KeeperEvents.NONE);
                            if (metricsOn) recorder = events;
                            List<Double> samples = segment(fleet, vaults, anvil.rpcUrl(), keeper,
                                    journalDir.resolve((metricsOn ? "on-" : "off-") + count + "-" + r + ".db"), blocks, events);
                            (metricsOn ? on : off).computeIfAbsent(count, k -> new ArrayList<>()).add(samples);
                            deleteJournal(journalDir.resolve((metricsOn ? "on-" : "off-") + count + "-" + r + ".db"));
                        }
                    }
                }
                for (int count : vaultCounts) report(out, count, off.get(count), on.get(count));
                out.printf("load average after: %s%n", loadAverage());
                scrape(out, recorder, scrapeVaults, anvil.rpcUrl(), keeper.getAddress(), journalDir);
            } finally {
                web3j.shutdown();
            }
        }
    }

    /**
     * Off vs on for one vault count, and the noise floor: the off rounds split into two halves (even and odd rounds)
     * compared with each other. A difference no larger than that spread cannot be told from load drifting.
     */
    private static void report(PrintStream out, int count, List<List<Double>> offRounds, List<List<Double>> onRounds) {
        Latency a = Latency.of(flat(offRounds, 0, 1));
        Latency b = Latency.of(flat(onRounds, 0, 1));
        out.printf("head -> broadcast, %,d vault(s), metrics off: %s%n", count, a.format());
        out.printf("head -> broadcast, %,d vault(s), metrics on:  %s%n", count, b.format());
        double p50 = 100 * (b.p50() / a.p50() - 1);
        double p99 = 100 * (b.p99() / a.p99() - 1);
        out.printf("  on vs off: p50 %+.1f%%, p99 %+.1f%% (target < 2%%)%n", p50, p99);
        if (offRounds.size() < 2) {
            out.println("  noise: needs --rounds >= 2 (off vs off)");
            return;
        }
        Latency even = Latency.of(flat(offRounds, 0, 2));
        Latency odd = Latency.of(flat(offRounds, 1, 2));
        double n50 = 100 * (odd.p50() / even.p50() - 1);
        double n99 = 100 * (odd.p99() / even.p99() - 1);
        out.printf("  off vs off (even vs odd rounds): p50 %+.1f%%, p99 %+.1f%% -> on vs off is %s%n", n50, n99,
                Math.abs(p50) <= Math.abs(n50) && Math.abs(p99) <= Math.abs(n99) ? "within the noise"
                        : "larger than the off-vs-off spread");
    }

    private static List<Double> flat(List<List<Double>> rounds, int first, int step) {
        List<Double> all = new ArrayList<>();
        for (int r = first; r < rounds.size(); r += step) all.addAll(rounds.get(r));
        return all;
    }

    /** A segment's journal is throwaway: 1,000 vaults journal ~1 MB of quiet decisions per block. */
    private static void deleteJournal(Path journal) throws IOException {
        for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
            Files.deleteIfExists(journal.resolveSibling(journal.getFileName() + suffix));
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /** One keeper, {@code blocks} shocked blocks: the delay from taking up each head to each broadcast, ms. */
    private static List<Double> segment(KeeperFleet fleet, List<KeeperFleet.Vault> vaults, String rpcUrl,
            Credentials signer, Path journal, int blocks, Recorder events) throws Exception {
        Files.createDirectories(journal.getParent());
        Files.deleteIfExists(journal);
        List<KeeperRuntime.VaultSpec> specs = new ArrayList<>();
        int n = vaults.size();
        for (int i = 0; i < n; i++) {
            // only the last vault trades (the others get a 50% band floor): the worst case of a quiet block
            specs.add(new KeeperRuntime.VaultSpec("v" + i, vaults.get(i).address(), ValueUnits.ofWhole(100),
                    BigInteger.TEN.pow(16).longValueExact(), i == n - 1 ? 0 : 500_000_000_000_000_000L, 0));
        }
        KeeperRuntime.Settings settings = new KeeperRuntime.Settings(CHAIN_ID, List.of(RpcEndpoint.http("anvil", rpcUrl)),
                Optional.empty(), signer, specs, new GasPolicy(10, 50, GWEI.multiply(BigInteger.valueOf(100)),
                        BigInteger.ONE, GWEI.multiply(BigInteger.TWO), 12, Duration.ofSeconds(5)), 1,
                Duration.ofMillis(200), journal, new Keeper.GasModel(400_000, 150_000, ValueUnits.ofWhole(3000)), List.of());
        List<Double> millis = new ArrayList<>();
        try (KeeperRuntime runtime = KeeperRuntime.create(settings, events)) {
            if (events.delegate instanceof KeeperMetrics m) runtime.rpc().observe(m);
            fleet.shock();
            runtime.keeper().tick(fleet.blockNumber()); // warm-up, not measured
            for (int b = 0; b < blocks; b++) {
                fleet.shock();
                long block = fleet.blockNumber();
                events.sentAt.clear();
                Instant head = Instant.now();
                events.headStarted(new BlockHead(block, "0x" + "0".repeat(64), "0x" + "0".repeat(64), 0, Optional.empty()));
                runtime.keeper().tick(block);
                for (Instant at : events.sentAt) millis.add(Duration.between(head, at).toNanos() / 1e6);
            }
        }
        return millis;
    }

    /** /metrics over HTTP with {@code count} vaults' series, and the per-block cost of feeding them. */
    private static void scrape(PrintStream out, Recorder recorder, int count, String rpcUrl, String signer, Path journalDir)
            throws Exception {
        if (recorder == null || recorder.lastObserved == null) {
            out.println("scrape: no vault was observed; nothing to replicate");
            return;
        }
        KeeperMetrics metrics = new KeeperMetrics();
        Observed o = recorder.lastObserved;
        List<Double> feedMs = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            long started = System.nanoTime();
            for (int i = 0; i < count; i++) {
                ManagedVault v = new ManagedVault("vault-" + i, o.vault().address(), o.vault().venue(), o.vault().pool(),
                        0, 0, 0, 0);
                metrics.observed(v, o.block() + round, o.state(), o.snapshot(), o.band());
                metrics.decided(new Keeper.Outcome(v, o.block() + round, Keeper.Outcome.Kind.SKIPPED, "skip: not due",
                        recorder.lastDecision));
            }
            feedMs.add((System.nanoTime() - started) / 1e6);
        }
        try (var rpc = new FailoverRpc(List.of(RpcEndpoint.http("anvil", rpcUrl)),
                FailoverPolicy.defaults());
                MetricsServer server = MetricsServer.start(metrics, new Readiness(rpc, signer,
                        journalDir.resolve("scrape.db"), metrics::headNumber, 5, BigInteger.ZERO), "127.0.0.1", 0,
                        Duration.ofDays(1), r -> { })) {
            // plain and gzip alternate (Prometheus always asks for gzip; a curl does not), so load drift hits both
            Map<String, List<Double>> ms = new LinkedHashMap<>();
            Map<String, Long> bytes = new LinkedHashMap<>();
            for (int i = 0; i < 60; i++) {
                String encoding = i % 2 == 0 ? "identity" : "gzip";
                long started = System.nanoTime();
                HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.port() + "/metrics")).header("Accept-Encoding", encoding).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                double took = (System.nanoTime() - started) / 1e6;
                if (i >= 10) ms.computeIfAbsent(encoding, k -> new ArrayList<>()).add(took); // the first warm the JIT
                bytes.put(encoding, (long) response.body().length);
            }
            out.printf("metrics fed for %,d vaults per block (observed + decided): %s%n", count, Latency.of(feedMs.subList(5, 20)).format());
            for (String encoding : ms.keySet()) {
                out.printf("/metrics scrape with %,d vaults, %s (%,d bytes): %s (target p99 < 50 ms); load average %s%n",
                        count, encoding, bytes.get(encoding), Latency.of(ms.get(encoding)).format(), loadAverage());
            }
        }
    }

    private record Observed(ManagedVault vault, long block, VaultState state, PortfolioSnapshot snapshot, long band) {}

    /** Records broadcast times and forwards every event to the metrics under test (or to nothing). */
    private static final class Recorder implements KeeperEvents {
        final KeeperEvents delegate;
        final List<Instant> sentAt = Collections.synchronizedList(new ArrayList<>());
        volatile Observed lastObserved;
        volatile Decision lastDecision;

        Recorder(KeeperEvents delegate) {
            this.delegate = delegate;
        }

        @Override
        public void sent(ManagedVault vault, SentTx tx) {
            delegate.sent(vault, tx);
            sentAt.add(tx.sentAt());
        }

        @Override
        public void decided(Keeper.Outcome outcome) {
            delegate.decided(outcome);
            if (outcome.decision() != null) lastDecision = outcome.decision();
        }

        @Override
        public void confirmed(ManagedVault vault, TxOutcome.Confirmed confirmed) {
            delegate.confirmed(vault, confirmed);
        }

        @Override
        public void headStarted(BlockHead head) {
            delegate.headStarted(head);
        }

        @Override
        public void observed(ManagedVault vault, long block, VaultState state, PortfolioSnapshot snapshot, long band) {
            delegate.observed(vault, block, state, snapshot, band);
            lastObserved = new Observed(vault, block, state, snapshot, band);
        }

        @Override
        public void journalWritten(long nanos) {
            delegate.journalWritten(nanos);
        }
    }
}
