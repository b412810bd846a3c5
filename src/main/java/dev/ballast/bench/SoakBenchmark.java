package dev.ballast.bench;

import dev.ballast.anvil.AnvilOptions;
import dev.ballast.anvil.AnvilProcess;
import dev.ballast.anvil.AnvilRpc;
import dev.ballast.anvil.DevAccounts;
import dev.ballast.bench.fault.FaultProxy;
import dev.ballast.chain.RpcEndpoint;
import dev.ballast.contracts.RebalancingVault;
import dev.ballast.deploy.Arbitrageur;
import dev.ballast.deploy.DevGas;
import dev.ballast.deploy.DevStack;
import dev.ballast.deploy.DevStack.DevAsset;
import dev.ballast.demo.Market;
import dev.ballast.gas.GasPolicy;
import dev.ballast.journal.Journal;
import dev.ballast.keeper.Keeper;
import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.KeeperRuntime;
import dev.ballast.policy.ValueUnits;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.http.HttpService;

/**
 * {@code ballast bench soak}: Anvil mining a block a second, a seeded random market carried into the pool by an
 * arbitrageur, random chain faults, and the real keeper runtime ({@code ballast run}'s: head watcher, chain guard,
 * journal, retention) managing one vault for the whole time. Prints rebalances, duplicates (Rebalanced events on chain
 * that no journaled decision accounts for, or decisions mined twice: must be 0), journal bytes per decision and the
 * process's resident memory over time.
 *
 * <p>Faults today are Anvil's own: {@code anvil_reorg} of 1-3 blocks, base-fee spikes above the keeper's cap
 * ({@code anvil_setNextBlockBaseFeePerGas}) and mining pauses ({@code evm_setIntervalMining 0}); transport faults
 * come from a fault-injecting JSON-RPC proxy between keeper and node ({@link RpcStage#faulty}).
 */
public final class SoakBenchmark {
    private static final BigInteger GWEI = BigInteger.TEN.pow(9);
    /** The keeper's fee cap: a spike to {@link #SPIKE_GWEI} is above it, yet below the market's own cap. */
    private static final BigInteger KEEPER_MAX_FEE = GWEI.multiply(BigInteger.valueOf(5));
    private static final long SPIKE_GWEI = 8;
    /** Chain time per market step: the 30-minute TWAP and the vault's cooldown pass within a run of minutes. */
    private static final long STEP_CHAIN_SECONDS = 600;
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(20);
    /**
     * A narrow band, so the market's shocks (8-20% on one asset) push the vault out of it a few times in a run of
     * minutes; the TWAP catches up with a shock within three steps, after which the keeper may trade.
     */
    private static final BigDecimal BAND = new BigDecimal("0.01");
    private static final double VOL_PER_STEP = 0.015;
    /** Per risky asset and market step (~8 s of wall time: each feed post and swap waits for its block). */
    private static final double SHOCK_PROBABILITY = 0.08;
    private static final List<DevAsset> ASSETS = List.of(
            new DevAsset("USDC", 6, new BigDecimal("1"), quarter(), quarter()),
            new DevAsset("WETH", 18, new BigDecimal("3000"), quarter(), quarter()),
            new DevAsset("WBTC", 8, new BigDecimal("60000"), quarter(), quarter()),
            new DevAsset("LINK", 18, new BigDecimal("15"), quarter(), quarter()));

    /**
     * What sits between the keeper and Anvil: nothing ({@link #DIRECT}) or the fault-injecting proxy
     * ({@link #faulty}), passed as {@link Options#stage()} by {@code BenchCommand.Soak}.
     */
    @FunctionalInterface
    public interface RpcStage {
        Hop open(String anvilUrl, long seed) throws Exception;

        RpcStage DIRECT = (url, seed) -> new Hop(url, () -> {});

        /**
         * A {@link FaultProxy} that spoils {@code share} of the keeper's requests, spread evenly over every fault it
         * knows; a hang outlasts the keeper's 10 s call timeout. Prints what it injected when the run ends.
         */
        static RpcStage faulty(double share, PrintStream out) {
            return (url, seed) -> {
                FaultProxy proxy = FaultProxy.start(url, seed).hangFor(Duration.ofSeconds(12)).lagBlocks(3);
                for (dev.ballast.bench.fault.Fault f : dev.ballast.bench.fault.Fault.values()) {
                    proxy.set(f, share / dev.ballast.bench.fault.Fault.values().length);
                }
                out.printf("soak: keeper -> fault proxy (%.1f%% of requests spoiled) -> Anvil%n", share * 100);
                return new Hop(proxy.url(), () -> {
                    out.printf("rpc faults injected: %s (requests forwarded: %d)%n", proxy.takeInjected(),
                            proxy.forwarded());
                    proxy.close();
                });
            };
        }
    }

    /** The URL the keeper talks to and how to take the hop down. */
    public record Hop(String url, AutoCloseable closer) {}

    public record Options(Duration duration, long seed, Optional<Duration> quietRetention, Path journalDir,
            RpcStage stage) {
        public Options {
            if (duration.isNegative() || duration.isZero()) throw new IllegalArgumentException("--minutes must be positive");
        }
    }

    /** The figures of one run. */
    public record Result(int rebalancedEvents, long tradedDecisions, long duplicates, long decisions,
            long journalRows, long journalBytesGrowth, List<RssSample> rss, List<String> faults, long headsPassedOver) {
        /** Journal bytes per decision row kept (the file after its write-ahead log was checkpointed). */
        public double bytesPerDecision() {
            return journalRows == 0 ? 0 : (double) journalBytesGrowth / journalRows;
        }
    }

    public record RssSample(long secondsIn, long rssBytes, long journalBytes) {}

    private SoakBenchmark() {
    }

    public static Result run(PrintStream out, Options options) throws Exception {
        out.printf("soak: %d s, seed %d, 1 s blocks, band %s, quiet retention %s%n", options.duration().toSeconds(),
                options.seed(), BAND.toPlainString(), options.quietRetention()
                        .map(d -> d.toSeconds() % 86_400 == 0 ? d.toDays() + "d" : d.toSeconds() + "s").orElse("forever"));
        try (AnvilProcess anvil = AnvilProcess.start(AnvilOptions.defaults())) {
            HttpService service = new HttpService(anvil.rpcUrl());
            Web3j web3j = Web3j.build(service);
            AnvilRpc rpc = new AnvilRpc(service);
            try {
                // deployed with automine (sixty transactions would take a minute at 1 s blocks), then 1 s blocks
                DevStack stack = DevStack.deploy(web3j, rpc, DevGas.txManager(web3j, DevAccounts.get(0), 31337),
                        DevGas.provider(31337), DevAccounts.get(0).getAddress(), DevAccounts.get(1).getAddress(), ASSETS,
                        DevStack.defaultParams(BAND), new BigDecimal("20000000"),
                        new BigDecimal("250000"));
                AnvilControl chain = new AnvilControl(service);
                chain.call("evm_setIntervalMining", 1);
                chain.call("evm_setAutomine", false);
                Hop hop = options.stage().open(anvil.rpcUrl(), options.seed()); // PROXY STAGE: keeper -> hop -> Anvil
                try (AutoCloseable closeHop = hop.closer()) {
                    return soak(out, options, web3j, rpc, chain, stack, hop.url());
                }
            } finally {
                web3j.shutdown();
            }
        }
    }

    private static Result soak(PrintStream out, Options options, Web3j web3j, AnvilRpc rpc, AnvilControl chain,
            DevStack stack, String keeperUrl) throws Exception {
        Path journalFile = options.journalDir().resolve("soak-journal.db");
        AtomicLong decisions = new AtomicLong();
        KeeperEvents counting = new KeeperEvents() {
            @Override
            public void decided(Keeper.Outcome outcome) {
                decisions.incrementAndGet();
            }
        };
        SplittableRandom random = new SplittableRandom(options.seed());
        Market market = new Market(options.seed(), ASSETS.stream().map(DevAsset::usdPrice).toList(), VOL_PER_STEP,
                SHOCK_PROBABILITY);
        Arbitrageur arb = new Arbitrageur(stack.pool(), DevAccounts.get(0).getAddress());
        List<RssSample> rss = new ArrayList<>();
        List<String> faults = new ArrayList<>();
        int rebalances;
        long passedOver;
        long started = System.nanoTime();
        Journal.open(journalFile).close(); // the schema alone, checkpointed: the base the growth is measured from
        long bytesAtStart = journalBytes(journalFile);
        long rowsKept;
        try (KeeperRuntime keeper = KeeperRuntime.create(settings(keeperUrl, stack, journalFile, options), counting)) {
            rss.add(new RssSample(0, Rss.current(), bytesAtStart));
            keeper.start();
            long end = started + options.duration().toNanos();
            long nextSample = started + SAMPLE_EVERY.toNanos();
            long nextFault = started + Duration.ofSeconds(10 + random.nextInt(20)).toNanos();
            while (System.nanoTime() < end) {
                String shock = market.step();
                List<BigDecimal> prices = market.prices();
                for (int i = 0; i < prices.size(); i++) stack.setFeedPrice(i, prices.get(i));
                for (int round = 0; round < 3 && !arb.trade(prices).isEmpty(); round++) { /* to the feeds */ }
                rpc.increaseTime(STEP_CHAIN_SECONDS);
                if (shock != null) out.printf("  [%4ds] market %s%n", secondsSince(started), shock);
                if (System.nanoTime() >= nextFault) {
                    String fault = Fault.values()[random.nextInt(Fault.values().length)].inject(chain, random);
                    faults.add(fault);
                    out.printf("  [%4ds] fault: %s%n", secondsSince(started), fault);
                    nextFault = System.nanoTime() + Duration.ofSeconds(15 + random.nextInt(30)).toNanos();
                }
                if (System.nanoTime() >= nextSample) {
                    rss.add(new RssSample(secondsSince(started), Rss.current(), journalBytes(journalFile)));
                    nextSample += SAMPLE_EVERY.toNanos();
                }
            }
            chain.call("evm_setIntervalMining", 1); // a pause still in force must not hide the last receipts
            Thread.sleep(5_000); // the keeper settles what it has in flight
            keeper.stop(KeeperRuntime.STOP_GRACE);
            passedOver = keeper.headsPassedOver();
            rowsKept = keeper.journal().decisionCount();
        }
        // closing the last connection checkpoints the write-ahead log into the file: the size is the data's, not WAL pages'
        rss.add(new RssSample(secondsSince(started), Rss.current(), journalBytes(journalFile)));
        rebalances = rebalancedEvents(web3j, stack.vault().getContractAddress());
        Journal.MinedDecisions mined;
        try (Journal journal = Journal.open(journalFile)) {
            mined = journal.minedDecisions();
        }
        long duplicates = Math.abs(rebalances - mined.decisions()) + mined.withSeveral();
        Result result = new Result(rebalances, mined.decisions(), duplicates, decisions.get(), rowsKept,
                rss.getLast().journalBytes() - bytesAtStart, rss, faults, passedOver);
        print(out, result);
        return result;
    }

    private static void print(PrintStream out, Result r) {
        out.printf("%nrebalances (Rebalanced events on chain): %d%n", r.rebalancedEvents());
        out.printf("decisions that traded (journal, MINED):  %d%n", r.tradedDecisions());
        out.printf("duplicates:                              %d %s%n", r.duplicates(), r.duplicates() == 0 ? "(ok)" : "(FAIL)");
        out.printf("decisions made:                          %d (heads passed over for a newer one: %d)%n", r.decisions(),
                r.headsPassedOver());
        out.printf("journal growth:                          %d bytes for %d decision rows kept, %.0f bytes per decision%n",
                r.journalBytesGrowth(), r.journalRows(), r.bytesPerDecision());
        out.printf("faults injected:                         %d%n", r.faults().size());
        out.println("RSS over time (this JVM: keeper, market, bench):");
        for (RssSample s : r.rss()) {
            out.printf("  %5d s  %6.1f MiB  journal on disk (with WAL) %9d bytes%n", s.secondsIn(), s.rssBytes() / 1048576.0,
                    s.journalBytes());
        }
    }

    /** The chain faults a soak injects, each a few Anvil calls. */
    private enum Fault {
        REORG {
            @Override
            String inject(AnvilControl chain, SplittableRandom random) throws Exception {
                int depth = 1 + random.nextInt(3);
                chain.call("anvil_reorg", depth, List.of());
                return "reorg of depth " + depth;
            }
        },
        BASE_FEE_SPIKE {
            @Override
            String inject(AnvilControl chain, SplittableRandom random) throws Exception {
                chain.call("anvil_setNextBlockBaseFeePerGas", "0x" + GWEI.multiply(BigInteger.valueOf(SPIKE_GWEI)).toString(16));
                return "base fee spike to " + SPIKE_GWEI + " gwei (keeper cap " + KEEPER_MAX_FEE.divide(GWEI) + " gwei)";
            }
        },
        MINING_PAUSE {
            @Override
            String inject(AnvilControl chain, SplittableRandom random) throws Exception {
                int seconds = 3 + random.nextInt(8);
                chain.call("evm_setIntervalMining", 0);
                Thread.sleep(seconds * 1000L);
                chain.call("evm_setIntervalMining", 1);
                return "mining paused for " + seconds + " s";
            }
        };

        abstract String inject(AnvilControl chain, SplittableRandom random) throws Exception;
    }

    private static KeeperRuntime.Settings settings(String rpcUrl, DevStack stack, Path journal, Options options) {
        GasPolicy gas = new GasPolicy(10, 50, KEEPER_MAX_FEE, BigInteger.ONE, GWEI, 12, Duration.ofSeconds(6));
        return new KeeperRuntime.Settings(31337, List.of(RpcEndpoint.http("anvil", rpcUrl)), Optional.empty(),
                DevAccounts.get(1), List.of(new KeeperRuntime.VaultSpec("soak-vault", stack.vault().getContractAddress(),
                        ValueUnits.ofWhole(100), BigInteger.TEN.pow(16).longValueExact(), 0, 0)),
                gas, 1, Duration.ofMillis(500), journal, new Keeper.GasModel(400_000, 150_000, ValueUnits.ofWhole(3000)),
                List.of()).withQuietRetention(options.quietRetention());
    }

    private static int rebalancedEvents(Web3j web3j, String vault) throws Exception {
        var filter = new EthFilter(
                DefaultBlockParameterName.EARLIEST,
                DefaultBlockParameterName.LATEST, vault);
        filter.addSingleTopic(EventEncoder.encode(RebalancingVault.REBALANCED_EVENT));
        return web3j.ethGetLogs(filter).send().getLogs().size();
    }

    /** The journal on disk, write-ahead log included (that is where new rows land first). */
    private static long journalBytes(Path file) throws IOException {
        long total = 0;
        for (String suffix : List.of("", "-wal")) {
            Path p = Path.of(file + suffix);
            if (Files.exists(p)) total += Files.size(p);
        }
        return total;
    }

    private static long secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000_000L;
    }

    private static BigInteger quarter() {
        return BigInteger.TEN.pow(18).divide(BigInteger.valueOf(4));
    }

    /** Anvil calls with arbitrary parameters (interval mining, reorg). */
    private record AnvilControl(HttpService service) {
        Object call(String method, Object... params) throws IOException {
            var response = new Request<>(method, List.of(params), service,
                    AnvilRpc.GenericResponse.class).send();
            if (response.hasError()) throw new IOException(method + " failed: " + response.getError().getMessage());
            return response.getResult();
        }
    }

    /** Resident set size of this process, from /proc (Linux); 0 where there is none. */
    private static final class Rss {
        static long current() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return 0;
            }
            return 0;
        }
    }
}
