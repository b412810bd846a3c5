package dev.ballast.bench;

import dev.ballast.anvil.AnvilOptions;
import dev.ballast.anvil.AnvilProcess;
import dev.ballast.anvil.AnvilRpc;
import dev.ballast.anvil.DevAccounts;
import dev.ballast.chain.FailoverPolicy;
import dev.ballast.chain.FailoverRpc;
import dev.ballast.chain.RpcEndpoint;
import dev.ballast.chain.VaultReaderOptions;
import dev.ballast.chain.VenueQuoteReader;
import dev.ballast.contracts.RebalancingVault;
import dev.ballast.deploy.DevGas;
import dev.ballast.gas.GasPolicy;
import dev.ballast.keeper.Keeper;
import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.KeeperRuntime;
import dev.ballast.keeper.KeeperStage;
import dev.ballast.keeper.ManagedVault;
import dev.ballast.policy.ValueUnits;
import dev.ballast.tx.SentTx;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * Issue 14 §6: the keeper {@code ballast run} builds, head to broadcast, when every leg is quoted on three venues of
 * the real protocols' bytecode (Uniswap V3, Uniswap V2, Balancer V2; {@link MultiVenueMarket}) besides the modelled
 * Ballast pool, with 1 vault and with N vaults of which one trades per block (handled last, as in bench keeper's
 * steady phase). Each measured block: a single-asset deposit puts the trading vault out of its band, then one keeper
 * tick; the time from the tick's start (the head) to the signed transaction's broadcast is recorded.
 */
public final class VenueKeeperBenchmark {
    private static final long CHAIN_ID = AnvilOptions.DEFAULT_CHAIN_ID;
    private static final BigInteger GWEI = BigInteger.TEN.pow(9);
    /** A band floor no deposit of this run reaches: the quiet vaults are read every block but never trade. */
    private static final long QUIET_BAND_FLOOR = 500_000_000_000_000_000L;
    private static final BigDecimal VAULT_USD = new BigDecimal("100000");
    /**
     * Each block's deposit: 3.5% of the vault's value in USDC, ~2.5% drift against the 2% band. Nobody arbitrages the
     * venues back between blocks, so the keeper's trades are kept small against their depth.
     */
    private static final BigDecimal PUSH_FRACTION = new BigDecimal("0.035");

    /** @param vaultCounts fleets to measure; @param blocks measured blocks per fleet */
    public record Options(List<Integer> vaultCounts, int blocks, Path journalDir) {
        public Options {
            vaultCounts = List.copyOf(vaultCounts);
            if (vaultCounts.isEmpty() || vaultCounts.stream().anyMatch(v -> v < 1 || v > 1000)) {
                throw new IllegalArgumentException("--vaults must be 1..1000 each, got " + vaultCounts);
            }
            if (blocks < 3) throw new IllegalArgumentException("--blocks must be >= 3, got " + blocks);
        }
    }

    /** One fleet's figures: head -> broadcast and whole ticks, and how the legs were routed. */
    public record Figures(int vaults, Latency broadcast, Latency tick, Latency quote, int splits, int legs, int sent,
            Map<KeeperStage, Latency> stages) {}

    private VenueKeeperBenchmark() {}

    public static List<Figures> run(PrintStream out, Options options) throws Exception {
        out.printf(Locale.ROOT, "keeper head -> broadcast with 3 venues quoted per leg (Uniswap V3, V2, Balancer V2 bytecode)"
                + " beside the modelled Ballast pool, on Anvil, %d CPU(s)%n", Runtime.getRuntime().availableProcessors());
        List<Figures> all = new ArrayList<>();
        for (int n : options.vaultCounts()) all.add(measure(out, options, n));
        out.println();
        for (Figures f : all) {
            double target = f.vaults() == 1 ? 150 : 600;
            out.printf(Locale.ROOT, "%,5d vault(s): head -> broadcast p50 %s, p99 %s (target < %.0f ms: %s); tick p50 %s;"
                    + " the quote eth_call alone p50 %s; %d of %d legs split across venues, %d transactions%n", f.vaults(),
                    Latency.ms(f.broadcast().p50()), Latency.ms(f.broadcast().p99()), target,
                    f.broadcast().p99() < target ? "met" : "NOT met", Latency.ms(f.tick().p50()), Latency.ms(f.quote().p50()),
                    f.splits(), f.legs(), f.sent());
            out.printf(Locale.ROOT, "%,5d vault(s): per block, stage p50 / p99: %s%n", f.vaults(), String.join(", ",
                    f.stages().entrySet().stream().map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + " "
                            + Latency.ms(e.getValue().p50()) + " / " + Latency.ms(e.getValue().p99())).toList()));
        }
        out.printf(Locale.ROOT, "load average at the end: %s (the machine's other work shares its cores)%n",
                Files.readString(Path.of("/proc/loadavg")).trim());
        return all;
    }

    private static Figures measure(PrintStream out, Options options, int n) throws Exception {
        try (AnvilProcess anvil = AnvilProcess.start(AnvilOptions.defaults().withExtraArgs("--prune-history", "32"))) {
            HttpService service = new HttpService(anvil.rpcUrl());
            Web3j web3j = Web3j.build(service);
            try {
                AnvilRpc rpc = new AnvilRpc(service);
                Credentials deployer = DevAccounts.get(0);
                Credentials keeper = DevAccounts.get(1);
                long started = System.nanoTime();
                MultiVenueMarket market = MultiVenueMarket.deploy(web3j, rpc, deployer, CHAIN_ID, keeper.getAddress(), VAULT_USD);
                List<String> vaults = new ArrayList<>();
                if (n > 1) {
                    for (KeeperFleet.Vault v : KeeperFleet.deployExtra(web3j, rpc, deployer, CHAIN_ID, keeper.getAddress(),
                            List.of(market.stack()), List.of(), n - 1, MultiVenueMarket.params(), market.quoted())) {
                        vaults.add(v.address());
                    }
                    MultiVenueMarket.refreshFeeds(market.stack());
                }
                vaults.add(market.stack().vault().getContractAddress()); // the trading vault, handled last
                out.printf(Locale.ROOT, "%n%,d vault(s), each allowed 4 venues, deployed in %.1f s (not measured)%n", n,
                        (System.nanoTime() - started) / 1e9);
                return measureFleet(options, market, rpc, web3j, vaults, anvil.rpcUrl(), keeper, deployer);
            } finally {
                web3j.shutdown();
            }
        }
    }

    private static Figures measureFleet(Options options, MultiVenueMarket market, AnvilRpc rpc, Web3j web3j, List<String> vaults,
            String rpcUrl, Credentials signer, Credentials depositor) throws Exception {
        Recorder events = new Recorder();
        Path journal = options.journalDir().resolve("venues-" + vaults.size() + ".db");
        Files.createDirectories(journal.getParent());
        Files.deleteIfExists(journal);
        List<KeeperRuntime.VaultSpec> specs = new ArrayList<>();
        for (int i = 0; i < vaults.size(); i++) {
            specs.add(new KeeperRuntime.VaultSpec("v" + i, vaults.get(i), ValueUnits.ofWhole(100),
                    BigInteger.TEN.pow(16).longValueExact(), i == vaults.size() - 1 ? 0 : QUIET_BAND_FLOOR, 0));
        }
        GasPolicy gas = new GasPolicy(10, 50, GWEI.multiply(BigInteger.valueOf(100)), BigInteger.ONE, GWEI.multiply(BigInteger.TWO),
                12, Duration.ofSeconds(5));
        KeeperRuntime.Settings settings = new KeeperRuntime.Settings(CHAIN_ID, List.of(RpcEndpoint.http("anvil", rpcUrl)),
                Optional.empty(), signer, specs, gas, 1, Duration.ofMillis(200), journal,
                new Keeper.GasModel(400_000, 150_000, ValueUnits.ofWhole(3000)), List.of());
        RebalancingVault trading = RebalancingVault.load(vaults.getLast(), web3j, DevGas.txManager(web3j, depositor, CHAIN_ID),
                DevGas.provider(CHAIN_ID));
        List<Double> broadcast = new ArrayList<>();
        List<Double> ticks = new ArrayList<>();
        List<Double> quotes = new ArrayList<>();
        Map<KeeperStage, List<Double>> stages = new EnumMap<>(KeeperStage.class);
        int splits = 0;
        int legs = 0;
        try (KeeperRuntime runtime = KeeperRuntime.create(settings, events);
                FailoverRpc quoteRpc = new FailoverRpc(
                        List.of(RpcEndpoint.http("anvil", rpcUrl)), FailoverPolicy.defaults())) {
            var quoter = new VenueQuoteReader(quoteRpc, VaultReaderOptions.defaults().callGasLimit());
            BigDecimal value = VAULT_USD;
            for (int b = 0; b <= options.blocks(); b++) { // block 0 warms the JVM and the node up: not counted
                BigDecimal push = value.multiply(PUSH_FRACTION);
                MultiVenueMarket.pushOutOfBand(market.stack(), trading, rpc, depositor.getAddress(), push);
                value = value.add(push);
                long block = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
                quotes.add(timeQuotes(quoter, market, block, push));
                events.clear();
                Instant head = Instant.now();
                List<Keeper.Outcome> outcomes = runtime.keeper().tick(block);
                double tickMs = Duration.between(head, Instant.now()).toNanos() / 1e6;
                Keeper.Outcome last = outcomes.getLast();
                if (last.kind() != Keeper.Outcome.Kind.REBALANCED) {
                    throw new IllegalStateException("block " + block + ": the trading vault did not rebalance: " + last.message());
                }
                if (b == 0) continue;
                ticks.add(tickMs);
                events.stageMillis().forEach((stage, ms) -> stages.computeIfAbsent(stage, k -> new ArrayList<>()).add(ms));
                for (Instant at : events.sentAt()) broadcast.add(Duration.between(head, at).toNanos() / 1e6);
                for (String line : events.sentLines()) {
                    legs += count(line, " leg ");
                    splits += count(line, "split over");
                }
            }
        }
        Map<KeeperStage, Latency> stageFigures = new EnumMap<>(KeeperStage.class);
        stages.forEach((stage, ms) -> stageFigures.put(stage, Latency.of(ms)));
        return new Figures(vaults.size(), Latency.of(broadcast), Latency.of(ticks), Latency.of(quotes), splits, legs,
                broadcast.size(), stageFigures);
    }

    /**
     * The keeper's quote read on its own, same shape as the tick's: the three legs USDC -> WETH, WBTC, LINK of a third
     * of {@code pushUsd} each, on the three quoted venues, LegRouting's ladder each (ms).
     */
    private static double timeQuotes(VenueQuoteReader quoter, MultiVenueMarket market, long block,
            BigDecimal pushUsd) {
        BigInteger third = pushUsd.divide(BigDecimal.valueOf(3), 6, RoundingMode.DOWN).movePointRight(6).toBigInteger();
        List<VenueQuoteReader.Request> requests = new ArrayList<>();
        for (int j = 1; j < 4; j++) {
            List<BigInteger> ladder = new ArrayList<>();
            for (int k = 1; k <= 4; k++) ladder.add(third.multiply(BigInteger.valueOf(k)).divide(BigInteger.valueOf(4)));
            for (String venue : market.quoted()) {
                requests.add(new VenueQuoteReader.Request(venue, market.stack().asset(0), market.stack().asset(j),
                        ladder));
            }
        }
        long t0 = System.nanoTime();
        quoter.quote(block, requests);
        return (System.nanoTime() - t0) / 1e6;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) n++;
        return n;
    }

    /** When the keeper broadcast each transaction of the current block. */
    private static final class Recorder implements KeeperEvents {
        private final List<Instant> sentAt = Collections.synchronizedList(new ArrayList<>());
        private final List<String> sentLines = Collections.synchronizedList(new ArrayList<>());
        /** Each stage's time in the current block, summed over its vaults (nanoseconds). */
        private final Map<KeeperStage, Long> stageNanos = Collections.synchronizedMap(new EnumMap<>(KeeperStage.class));

        @Override
        public void stage(KeeperStage stage, long nanos) {
            stageNanos.merge(stage, nanos, Long::sum);
        }

        Map<KeeperStage, Double> stageMillis() {
            synchronized (stageNanos) {
                Map<KeeperStage, Double> ms = new EnumMap<>(KeeperStage.class);
                stageNanos.forEach((stage, nanos) -> ms.put(stage, nanos / 1e6));
                return ms;
            }
        }

        @Override
        public void sent(ManagedVault vault, SentTx tx) {
            sentAt.add(tx.sentAt());
        }

        @Override
        public void decided(Keeper.Outcome outcome) {
            if (outcome.kind() == Keeper.Outcome.Kind.SENT) sentLines.add(outcome.message());
        }

        List<String> sentLines() {
            synchronized (sentLines) {
                return List.copyOf(sentLines);
            }
        }

        List<Instant> sentAt() {
            synchronized (sentAt) {
                return List.copyOf(sentAt);
            }
        }

        void clear() {
            sentAt.clear();
            sentLines.clear();
            stageNanos.clear();
        }
    }
}
