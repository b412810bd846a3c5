package dev.ballast.bench;

import dev.ballast.anvil.AnvilOptions;
import dev.ballast.anvil.AnvilProcess;
import dev.ballast.anvil.AnvilRpc;
import dev.ballast.anvil.DevAccounts;
import dev.ballast.chain.RpcEndpoint;
import dev.ballast.config.BatchConfig;
import dev.ballast.deploy.DevGas;
import dev.ballast.gas.GasPolicy;
import dev.ballast.keeper.Keeper;
import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.KeeperRuntime;
import dev.ballast.keeper.KeeperStage;
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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * Issue 16 §3's figure with the running keeper: a fleet whose vaults all leave their band in one block (a WETH shock),
 * handled by the keeper {@code ballast run} builds with {@code batch.enabled} (its own block loop: read, decide, batch,
 * simulate, journal, send, follow), while Anvil mines a block every {@code blockTime} with 30M gas. Reports blocks
 * from the shock's head until the last vault the guards allow is rebalanced, head → last broadcast, how many vaults
 * were refused (left out by the batch simulation or refused on chain) and how many transactions it took; with
 * {@code baseline}, the same keeper with batching off on an identical fleet, side by side.
 */
public final class BatchKeeperBenchmark {
    static final long CHAIN_ID = AnvilOptions.DEFAULT_CHAIN_ID;
    private static final BigInteger GWEI = BigInteger.TEN.pow(9);
    /** Anvil's default block gas limit, as mainnet's: ~40 lone rebalances a block. */
    public static final long DEFAULT_BLOCK_GAS_LIMIT = 30_000_000;
    /** Heads the keeper handles after the shock before the run is called finished. */
    private static final int MAX_HEADS = 12;

    public record Options(int vaults, int pools, int maxVaults, Duration blockTime, Path journalDir, boolean baseline,
            long blockGasLimit) {
        public Options {
            if (blockGasLimit < DEFAULT_BLOCK_GAS_LIMIT) {
                throw new IllegalArgumentException("--gas-limit must be >= " + DEFAULT_BLOCK_GAS_LIMIT + ", got " + blockGasLimit);
            }
            if (vaults < 2) throw new IllegalArgumentException("--vaults must be >= 2, got " + vaults);
            if (pools < 1) throw new IllegalArgumentException("--pools must be >= 1, got " + pools);
            if (maxVaults < 1) throw new IllegalArgumentException("--max-vaults must be >= 1, got " + maxVaults);
        }
    }

    /**
     * One side's figures. {@code due}: vaults the keeper decided to rebalance at the shock's head; {@code refused}:
     * vaults whose guards refused them (simulation or chain) and were not rebalanced later in the run.
     */
    public record Side(String name, int vaults, int due, int rebalanced, int refused, int blocks, double headToLastBroadcastMs,
            int transactions, Map<Keeper.Outcome.Kind, Integer> firstHead, Map<KeeperStage, Double> stagesMs) {
        public double refusedFraction() {
            return due == 0 ? 0 : refused / (double) due;
        }
    }

    public record Figures(Side batched, Optional<Side> perVault) {}

    private BatchKeeperBenchmark() {}

    public static Figures run(PrintStream out, Options o) throws Exception {
        out.printf("batched keeper: %,d vaults over %d pool(s), batches of at most %d, %d ms blocks of %,d gas (load %s)%n",
                o.vaults(), o.pools(), o.maxVaults(), o.blockTime().toMillis(), o.blockGasLimit(), loadAverage());
        Side batched = measure(o, true);
        Optional<Side> perVault = Optional.empty();
        if (o.baseline()) {
            out.printf("per-vault keeper (batch.enabled: false), identical fleet%n");
            perVault = Optional.of(measure(o, false));
        }
        print(out, batched, perVault);
        return new Figures(batched, perVault);
    }

    private static Side measure(Options o, boolean batching) throws Exception {
        try (AnvilProcess anvil = AnvilProcess.start(AnvilOptions.defaults().withExtraArgs("--prune-history", "64",
                "--gas-limit", Long.toString(o.blockGasLimit())))) {
            HttpService service = new HttpService(anvil.rpcUrl());
            Web3j web3j = Web3j.build(service);
            ScheduledExecutorService miner = Executors.newSingleThreadScheduledExecutor();
            try {
                AnvilRpc rpc = new AnvilRpc(service);
                Credentials deployer = DevAccounts.get(0);
                Credentials keeper = DevAccounts.get(1);
                KeeperFleet fleet = KeeperFleet.deploy(web3j, rpc, DevGas.txManager(web3j, deployer, CHAIN_ID), deployer,
                        CHAIN_ID, keeper.getAddress(), o.vaults(), o.pools(), true);
                Recorder recorder = new Recorder();
                Path journal = o.journalDir().resolve(batching ? "batched.sqlite" : "per-vault.sqlite");
                Files.deleteIfExists(journal);
                BatchConfig batch = batching ? new BatchConfig(true, batches(fleet), o.maxVaults()) : BatchConfig.DISABLED;
                try (KeeperRuntime runtime = KeeperRuntime.create(settings(anvil.rpcUrl(), fleet, journal, keeper, batch), recorder)) {
                    fleet.shock();
                    long head = fleet.blockNumber();
                    rpc.setAutomine(false);
                    miner.scheduleAtFixedRate(() -> rpc.mine(1), o.blockTime().toMillis(), o.blockTime().toMillis(),
                            TimeUnit.MILLISECONDS);
                    long started = System.nanoTime();
                    List<Keeper.Outcome> first = runtime.keeper().tick(head);
                    double lastBroadcastMs = recorder.lastSentNanos() < 0 ? 0 : (recorder.lastSentNanos() - started) / 1e6;
                    Set<String> due = new HashSet<>();
                    Set<String> rebalanced = new HashSet<>();
                    Set<String> refused = new HashSet<>();
                    Map<Keeper.Outcome.Kind, Integer> kinds = new EnumMap<>(Keeper.Outcome.Kind.class);
                    for (Keeper.Outcome out : first) {
                        kinds.merge(out.kind(), 1, Integer::sum);
                        if (out.decision() != null && out.decision().rebalance()) due.add(out.vault().address());
                        note(out, rebalanced, refused);
                    }
                    // vaults that waited for a pool or were refused are decided again at the next heads
                    long at = head;
                    for (int h = 0; h < MAX_HEADS && rebalanced.size() + refused.size() < due.size(); h++) {
                        long next = fleet.blockNumber();
                        if (next == at) {
                            Thread.sleep(50);
                            h--;
                            continue;
                        }
                        at = next;
                        for (Keeper.Outcome out : runtime.keeper().tick(at)) note(out, rebalanced, refused);
                        lastBroadcastMs = recorder.lastSentNanos() < 0 ? lastBroadcastMs : (recorder.lastSentNanos() - started) / 1e6;
                    }
                    refused.removeAll(rebalanced);
                    int blocks = (int) (recorder.lastMinedBlock() - head);
                    return new Side(batching ? "batched" : "per-vault", o.vaults(), due.size(), rebalanced.size(), refused.size(),
                            blocks, lastBroadcastMs, recorder.transactions(), kinds, recorder.stagesToLastBroadcastMs());
                }
            } finally {
                miner.shutdownNow();
                web3j.shutdown();
            }
        }
    }

    private static void note(Keeper.Outcome out, Set<String> rebalanced, Set<String> refused) {
        if (out.kind() == Keeper.Outcome.Kind.REBALANCED) rebalanced.add(out.vault().address());
        if (out.kind() == Keeper.Outcome.Kind.REFUSED || out.kind() == Keeper.Outcome.Kind.FAILED) refused.add(out.vault().address());
    }

    /** Every stack's BatchRebalancer, so each vault nets through the one over its own venue. */
    static List<String> batches(KeeperFleet fleet) {
        List<String> out = new ArrayList<>();
        for (int s = 0; s < fleet.pools(); s++) out.add(fleet.batch(s));
        return out;
    }

    /** The keeper {@code ballast run} builds for {@code fleet}: dev account 1, every vault may trade, 100 gwei cap. */
    static KeeperRuntime.Settings settings(String rpcUrl, KeeperFleet fleet, Path journal, Credentials signer, BatchConfig batch) {
        return settings(rpcUrl, fleet.vaults().stream().map(KeeperFleet.Vault::address).toList(), journal, signer, batch);
    }

    /** The same keeper for {@code vaults} (a keeper process started by a test passes them on its command line). */
    public static KeeperRuntime.Settings settings(String rpcUrl, List<String> vaults, Path journal, Credentials signer,
            BatchConfig batch) {
        List<KeeperRuntime.VaultSpec> specs = new ArrayList<>();
        for (int i = 0; i < vaults.size(); i++) {
            specs.add(new KeeperRuntime.VaultSpec("v" + i, vaults.get(i), ValueUnits.ofWhole(100),
                    BigInteger.TEN.pow(16).longValueExact(), 0, 0));
        }
        GasPolicy gas = new GasPolicy(10, 50, GWEI.multiply(BigInteger.valueOf(100)), BigInteger.ONE,
                GWEI.multiply(BigInteger.TWO), 12, Duration.ofSeconds(5));
        return new KeeperRuntime.Settings(CHAIN_ID, List.of(RpcEndpoint.http("anvil", rpcUrl)), Optional.empty(), signer,
                specs, gas, 0, Duration.ofMillis(200), journal, new Keeper.GasModel(400_000, 150_000, ValueUnits.ofWhole(3000)),
                List.of()).withBatch(batch);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void print(PrintStream out, Side b, Optional<Side> p) {
        out.printf("%nThe running keeper, %,d vaults out of band in one block (load %s)%n", b.vaults(), loadAverage());
        out.printf("  %-52s %16s %16s%n", "", "per-vault txs", "batched");
        row(out, "due at the shock's head", p.map(s -> String.valueOf(s.due())), String.valueOf(b.due()));
        row(out, "rebalanced", p.map(s -> String.valueOf(s.rebalanced())), String.valueOf(b.rebalanced()));
        row(out, "refused by guards (pool moved by earlier trades)", p.map(BatchKeeperBenchmark::refused), refused(b));
        row(out, "blocks from the head to the last rebalance", p.map(s -> String.valueOf(s.blocks())), String.valueOf(b.blocks()));
        row(out, "head -> last broadcast", p.map(s -> String.format("%.0f ms", s.headToLastBroadcastMs())),
                String.format("%.0f ms", b.headToLastBroadcastMs()));
        row(out, "transactions", p.map(s -> String.valueOf(s.transactions())), String.valueOf(b.transactions()));
        out.printf("  first head's outcomes (batched): %s%n", b.firstHead());
        out.printf("%n  Where head -> last broadcast went (batched, keeper's own stage timings summed up to the last broadcast):%n");
        double staged = 0;
        for (Map.Entry<KeeperStage, Double> e : b.stagesMs().entrySet()) {
            out.printf("    %-10s %10.0f ms%n", e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
            staged += e.getValue();
        }
        out.printf("    %-10s %10.0f ms  (following receipts to their blocks, per-vault results journaled)%n", "rest",
                b.headToLastBroadcastMs() - staged);
        out.printf("%nTargets: every vault the guards allow rebalanced within 3 blocks: %s; last broadcast <= 2 s after the"
                + " head: %s; refused fraction below 47%%: %s%n",
                b.blocks() <= 3 && b.rebalanced() + b.refused() >= b.due() ? "met" : "NOT met (" + b.blocks() + " blocks)",
                b.headToLastBroadcastMs() <= 2000 ? "met" : "NOT met", b.refusedFraction() < 0.47 ? "met" : "NOT met");
    }

    private static String refused(Side s) {
        return String.format("%d/%d (%.0f%%)", s.refused(), s.due(), 100 * s.refusedFraction());
    }

    private static void row(PrintStream out, String name, Optional<String> perVault, String batched) {
        out.printf("  %-52s %16s %16s%n", name, perVault.orElse("-"), batched);
    }

    /** The keeper's broadcasts and receipts: when the last went out, in which block the last was mined, how many. */
    private static final class Recorder implements KeeperEvents {
        private final Set<String> hashes = new HashSet<>();
        private long lastSent = -1;
        private long lastMined = -1;
        private final Map<KeeperStage, Long> stages = new EnumMap<>(KeeperStage.class);
        private Map<KeeperStage, Long> atLastSent = Map.of();

        @Override
        public synchronized void stage(KeeperStage stage, long nanos) {
            stages.merge(stage, nanos, Long::sum);
        }

        @Override
        public synchronized void sent(ManagedVault vault, SentTx tx) {
            hashes.add(tx.hash());
            lastSent = System.nanoTime();
            atLastSent = new EnumMap<>(stages);
        }

        @Override
        public synchronized void confirmed(ManagedVault vault, TxOutcome.Confirmed c) {
            if (c.succeeded()) lastMined = Math.max(lastMined, c.receipt().getBlockNumber().longValueExact());
        }

        synchronized long lastSentNanos() {
            return lastSent;
        }

        synchronized Map<KeeperStage, Double> stagesToLastBroadcastMs() {
            Map<KeeperStage, Double> ms = new EnumMap<>(KeeperStage.class);
            atLastSent.forEach((s, n) -> ms.put(s, n / 1e6));
            return ms;
        }

        synchronized long lastMinedBlock() {
            return lastMined;
        }

        synchronized int transactions() {
            return hashes.size();
        }
    }
}
