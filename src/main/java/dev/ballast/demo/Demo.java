package dev.ballast.demo;

import dev.ballast.anvil.AnvilOptions;
import dev.ballast.anvil.AnvilProcess;
import dev.ballast.anvil.AnvilRpc;
import dev.ballast.anvil.DevAccounts;
import dev.ballast.chain.RpcEndpoint;
import dev.ballast.contracts.MockERC20;
import dev.ballast.contracts.RebalancingVault;
import dev.ballast.contracts.WeightedPool;
import dev.ballast.deploy.Arbitrageur;
import dev.ballast.deploy.DevGas;
import dev.ballast.deploy.DevPool;
import dev.ballast.deploy.DevStack;
import dev.ballast.deploy.DevStack.DevAsset;
import dev.ballast.deploy.protocols.DevVenues;
import dev.ballast.deploy.protocols.RawChain;
import dev.ballast.gas.GasPolicy;
import dev.ballast.keeper.Keeper;
import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.KeeperRuntime;
import dev.ballast.policy.ValueUnits;
import dev.ballast.tx.RevertDecoder;
import dev.ballast.tx.RevertText;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.slf4j.LoggerFactory;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.exceptions.ContractCallException;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * {@code ballast demo}: a local Anvil with a whole market on it (tokens, Chainlink-style feeds, a weighted pool, a
 * vault with deposits), a seeded random-walk market that an arbitrage bot carries into the pool, and the real keeper
 * managing the vault throughout. Anvil is stopped on exit, Ctrl-C included.
 */
public final class Demo {
    private static final BigInteger GWEI = BigInteger.TEN.pow(9);
    private static final List<DevAsset> UNIVERSE = List.of(
            new DevAsset("USDC", 6, new BigDecimal("1"), null, null),
            new DevAsset("WETH", 18, new BigDecimal("3000"), null, null),
            new DevAsset("WBTC", 8, new BigDecimal("60000"), null, null),
            new DevAsset("LINK", 18, new BigDecimal("15"), null, null));

    private final DemoOptions options;
    private final PrintStream out;

    public Demo(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** The first line: what this run is. With --steps the run is a number of steps, not the default duration. */
    static String header(DemoOptions options) {
        String length = options.steps() > 0 ? options.steps() + " market steps" : options.duration().toSeconds() + " s";
        return "ballast demo: seed " + options.seed() + ", " + options.assets() + " assets, band " + percent(options.band())
                + ", " + length + ", " + options.stepTime().toMinutes() + " min of chain time per step"
                + (options.attack() ? ", with a manipulation attempt" : "")
                + (options.venues().size() > 1 ? ", venues " + String.join(",", options.venues()) : "");
    }

    public DemoSummary run() throws Exception {
        out.println(header(options));
        Progress progress = new Progress(out);
        progress.step("starting a local Anvil");
        try (AnvilProcess anvil = AnvilProcess.start(AnvilOptions.defaults())) {
            HttpService service = new HttpService(anvil.rpcUrl());
            Web3j web3j = Web3j.build(service);
            AnvilRpc rpc = new AnvilRpc(service);
            Path journalDir = Files.createTempDirectory("ballast-demo");
            try {
                return runOn(web3j, rpc, anvil.rpcUrl(), journalDir, progress);
            } finally {
                web3j.shutdown();
            }
        }
    }

    private DemoSummary runOn(Web3j web3j, AnvilRpc rpc, String rpcUrl, Path journalDir, Progress progress) throws Exception {
        String deployer = DevAccounts.get(0).getAddress();
        String keeperAddress = DevAccounts.get(1).getAddress();
        TransactionManager tm = DevGas.txManager(web3j, DevAccounts.get(0), AnvilOptions.DEFAULT_CHAIN_ID);
        ContractGasProvider gas = DevGas.provider(AnvilOptions.DEFAULT_CHAIN_ID);
        List<DevAsset> assets = assets();
        progress.step("deploying tokens, feeds, oracle adapters, router, weighted pool and vault");
        DevStack stack = DevStack.deploy(web3j, rpc, tm, gas, deployer, keeperAddress, assets,
                DevStack.defaultParams(options.band()), new BigDecimal("20000000"), new BigDecimal("250000"));
        DevVenues venues = null;
        if (options.venues().size() > 1) {
            List<String> kinds = options.venues().stream().filter(DevVenues.KINDS::contains).toList();
            progress.step("deploying " + String.join(" and ", kinds) + " from their npm artifacts, pools at the feed prices");
            List<DevVenues.Token> tokens = new ArrayList<>();
            for (int i = 0; i < assets.size(); i++) tokens.add(new DevVenues.Token(stack.asset(i), assets.get(i).decimals(), assets.get(i).symbol()));
            venues = DevVenues.deploy(new RawChain(web3j, tm, AnvilOptions.DEFAULT_CHAIN_ID), tokens,
                    assets.stream().map(DevAsset::usdPrice).toList(), kinds, new BigDecimal("20000000"));
            allowAdapters(rpc, stack, venues, progress);
        }
        progress.step("starting the keeper (the same code as 'ballast run')");
        // the live view shows the keeper's lines itself
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("keeper")).setLevel(ch.qos.logback.classic.Level.WARN);
        DemoView view = new DemoView(out, assets, options.band(), options.live());
        view.nameAssets(IntStream.range(0, assets.size()).mapToObj(stack::asset).toList());
        try (KeeperRuntime runtime = KeeperRuntime.create(settings(rpcUrl, stack, journalDir), view)) {
            progress.done();
            return trade(web3j, rpc, stack, runtime, view, deployer, venues);
        }
    }

    private DemoSummary trade(Web3j web3j, AnvilRpc rpc, DevStack stack, KeeperRuntime runtime, DemoView view,
            String deployer, DevVenues venues) throws Exception {
        Market market = new Market(options.seed(), stack.assets().stream().map(DevAsset::usdPrice).toList(), 0.015);
        Arbitrageur arb = new Arbitrageur(stack.pool(), deployer);
        List<BigInteger> held = stack.vault().balances().send();
        BigDecimal navStart = wad(stack.vault().nav().send());
        long deadline = System.nanoTime() + options.duration().toNanos();
        int steps = 0;
        boolean attackDone = !options.attack();
        AttackResult attack = AttackResult.NONE;
        long attackAt = options.duration().toNanos() / 2;
        long started = System.nanoTime();
        while (options.steps() > 0 ? steps < options.steps() : System.nanoTime() < deadline) {
            steps++;
            String shock = market.step();
            List<BigDecimal> prices = market.prices();
            postFeeds(stack, prices);
            for (int round = 0; round < 3 && !arb.trade(prices).isEmpty(); round++) { /* arbitrage to the feeds */ }
            for (int round = 0; venues != null && round < 4 && !venues.arbitrage(prices).isEmpty(); round++) { /* the same on each venue */ }
            rpc.increaseTime(options.stepTime().toSeconds());
            rpc.mine(1);
            boolean halfWay = options.steps() > 0 ? steps == options.steps() / 2 : System.nanoTime() - started > attackAt;
            if (!attackDone && halfWay) {
                attack = attack(web3j, rpc, stack, runtime, view, prices);
                attackDone = true;
                postFeeds(stack, prices); // the staged move ends: the feeds are back at the market's prices
                for (int round = 0; round < 4 && !arb.trade(prices).isEmpty(); round++) { /* the arbs restore it */ }
                rpc.increaseTime(DevStack.TWAP_WINDOW);
                rpc.mine(1);
                // without this line the drift seems to jump from the setup's figure to the market's for no reason
                view.note("ATTACK over: the staged " + stack.assets().get(1).symbol() + " +40% is withdrawn (feeds back at "
                        + "the market price, arbitrageurs restore the pool), so the drift goes from the setup's "
                        + attack.setupDrift() + " back to the market's " + driftNow(stack) + "; nothing was traded on it");
            }
            long block = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
            // the cause first: a shock the keeper then refuses to trade into must be on screen before the refusal
            if (shock != null) view.note("block " + block + " market " + shock);
            runtime.keeper().tick(block);
            view.render(steps, block, prices, stack, holdValue(held, prices, stack));
        }
        // the market stops; the TWAP catches up with the last prices and the keeper finishes any sliced rebalance
        List<BigDecimal> prices = market.prices();
        view.note("market closed: letting the keeper settle");
        for (int i = 0; i < 6; i++) {
            rpc.increaseTime(Math.max(options.stepTime().toSeconds(), DevStack.TWAP_WINDOW));
            postFeeds(stack, prices);
            rpc.mine(1);
            long block = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
            List<Keeper.Outcome> outcomes = runtime.keeper().tick(block);
            view.render(++steps, block, prices, stack, holdValue(held, prices, stack));
            if (outcomes.stream().allMatch(o -> o.kind() == Keeper.Outcome.Kind.SKIPPED)) break;
        }
        BigDecimal finalDrift = wad(stack.vault().drift().send().component1());
        DemoSummary summary = new DemoSummary(steps, view.rebalances(), view.gasUsed(), view.refusals(), finalDrift,
                options.band(), navStart, wad(stack.vault().nav().send()), holdValue(held, prices, stack),
                options.attack(), attack.keeperRefused(), attack.vaultReverted(), attack.revert());
        view.summary(summary);
        if (venues != null) {
            out.println("  venues at the end (pool price of each asset in " + stack.assets().getFirst().symbol() + " vs the feeds):");
            for (DevVenues.Deviation d : venues.deviations(prices)) {
                out.printf("    %-28s pool %,16.6f  feed %,16.6f  (%s)%n", d.venue(), d.poolPrice(), d.target(), percent(d.relative()));
            }
        }
        return summary;
    }

    /** Every feed, the stablecoin's too: a real feed posts at least once per heartbeat even when the price holds. */
    private static void postFeeds(DevStack stack, List<BigDecimal> prices) throws Exception {
        for (int i = 0; i < prices.size(); i++) stack.setFeedPrice(i, prices.get(i));
    }

    /**
     * A manipulator dumps a large amount of one asset into the pool and, holding the keeper role (a compromised
     * keeper), asks the vault to trade into the pushed price in the same moment. The vault's guard must revert it, and
     * the honest keeper, looking at the same block, must refuse to trade.
     */
    private AttackResult attack(Web3j web3j, AnvilRpc rpc, DevStack stack, KeeperRuntime runtime, DemoView view,
            List<BigDecimal> marketPrices) throws Exception {
        // the compromised keeper was granted its role the only way there is, through the vault's timelock
        String attacker = DevAccounts.get(2).getAddress();
        TransactionManager attackerTm = DevGas.txManager(web3j, DevAccounts.get(2), AnvilOptions.DEFAULT_CHAIN_ID);
        stack.addKeeper(rpc, attacker);
        // first a real market move that makes a rebalance due (feed, arbitrage, and a TWAP window of history), so the
        // only thing between the manipulator and the vault is the manipulation guard
        List<BigDecimal> prices = new ArrayList<>(marketPrices);
        prices.set(1, marketPrices.get(1).multiply(new BigDecimal("1.4")));
        stack.setFeedPrice(1, prices.get(1));
        Arbitrageur arb = new Arbitrageur(stack.pool(), DevAccounts.get(0).getAddress());
        for (int round = 0; round < 4 && !arb.trade(prices).isEmpty(); round++) { /* carry it into the pool */ }
        rpc.increaseTime(DevStack.TWAP_WINDOW + 60);
        rpc.mine(1);
        String setupDrift = driftNow(stack);
        view.note("ATTACK setup: " + stack.assets().get(1).symbol() + " +40% in feeds and pool; a rebalance is due (drift "
                + setupDrift + ")");

        BigInteger poolWeth = (BigInteger) stack.weightedPool().getBalances().send().get(1);
        BigInteger dump = poolWeth.multiply(BigInteger.valueOf(29)).divide(BigInteger.valueOf(100));
        stack.pool().tokens().get(1).mint(attacker, dump).send();
        var token = MockERC20.load(stack.asset(1), web3j, attackerTm, DevGas.provider(31337));
        token.approve(stack.weightedPool().getContractAddress(), dump).send();
        var pool = WeightedPool.load(stack.weightedPool().getContractAddress(), web3j, attackerTm,
                DevGas.provider(31337));
        pool.swapExactIn(stack.asset(1), stack.asset(0), dump, BigInteger.ZERO, attacker, DevPool.FAR_FUTURE).send();
        view.note("ATTACK: a manipulator dumped " + dump.divide(BigInteger.TEN.pow(18)) + " WETH into the pool (29% of it)");

        // the vault: a rebalance into the pushed price
        var asAttacker = RebalancingVault.load(stack.vault().getContractAddress(), web3j, attackerTm, DevGas.provider(31337));
        BigInteger usdcIn = ((BigInteger) stack.vault().balances().send().getFirst()).divide(BigInteger.TEN);
        var leg = new RebalancingVault.Leg(stack.venue().getContractAddress(), stack.asset(0), stack.asset(1), usdcIn);
        String revert = "";
        boolean vaultReverted;
        try {
            asAttacker.rebalance(List.of(leg)).send();
            vaultReverted = false;
        } catch (TransactionException e) {
            vaultReverted = true;
            revert = RevertText.describe(RevertDecoder.forBallast().decode(
                    e.getTransactionReceipt().map(r -> r.getRevertReason()).orElse(e.getMessage())), view::token);
        }
        view.note("ATTACK: the vault " + (vaultReverted ? "reverted the manipulator's rebalance: " + revert : "ACCEPTED the manipulator's rebalance"));
        stack.vault().setKeeper(attacker, false).send();

        // the keeper: the same block, through its own guard
        long block = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        List<Keeper.Outcome> outcomes = runtime.keeper().tick(block);
        boolean keeperRefused = outcomes.stream().allMatch(o -> o.kind() != Keeper.Outcome.Kind.REBALANCED
                && o.kind() != Keeper.Outcome.Kind.SENT);
        view.note("ATTACK: the keeper " + (keeperRefused ? "sent nothing: " + outcomes.getFirst().message() : "TRADED"));
        return new AttackResult(keeperRefused, vaultReverted, revert, setupDrift);
    }

    /**
     * Allow-lists the Uniswap V3 and Balancer venue adapters on the vault, each through its own timelock round (a
     * venue the vault refuses, e.g. one whose TWAP history is too short, is reported and left out; the keeper then
     * trades on the Ballast venue and the other pools are market only).
     */
    private void allowAdapters(AnvilRpc rpc, DevStack stack, DevVenues venues, Progress progress) throws Exception {
        List<String> adapters = venues.deployAdapters();
        for (String adapter : adapters) {
            try {
                DevStack.govern(stack.vault(), rpc, List.of(new DevStack.Change(stack.vault().getContractAddress(),
                        DevStack.call("setVenue", new Address(adapter), new Bool(true)))));
                progress.step("vault allow-listed venue adapter " + adapter);
            } catch (TransactionException e) {
                progress.step("vault refused venue adapter " + adapter + ": " + RevertDecoder.forBallast()
                        .decode(e.getTransactionReceipt().map(r -> r.getRevertReason()).orElse(e.getMessage())));
            }
        }
    }

    private record AttackResult(boolean keeperRefused, boolean vaultReverted, String revert, String setupDrift) {
        static final AttackResult NONE = new AttackResult(false, false, "", "");
    }

    /** The vault's max drift now, or why it cannot say (its router refuses while price sources disagree). */
    private static String driftNow(DevStack stack) throws Exception {
        try {
            return percent(wad(stack.vault().drift().send().component1()));
        } catch (ContractCallException e) {
            return "(unpriced until the feeds and the pool's TWAP agree)";
        }
    }

    private KeeperRuntime.Settings settings(String rpcUrl, DevStack stack, Path journalDir) {
        GasPolicy gas = new GasPolicy(10, 50, GWEI.multiply(BigInteger.valueOf(100)), BigInteger.ONE, GWEI.multiply(BigInteger.TWO), 12,
                Duration.ofSeconds(10));
        return new KeeperRuntime.Settings(AnvilOptions.DEFAULT_CHAIN_ID, List.of(RpcEndpoint.http("anvil", rpcUrl)),
                Optional.empty(), DevAccounts.get(1),
                List.of(new KeeperRuntime.VaultSpec("demo-vault", stack.vault().getContractAddress(), ValueUnits.ofWhole(100),
                        BigInteger.TEN.pow(16).longValueExact(), 0, 0)),
                gas, 1, Duration.ofSeconds(1), journalDir.resolve("journal.db"),
                new Keeper.GasModel(400_000, 150_000, ValueUnits.ofWhole(3000)), List.of());
    }

    private List<DevAsset> assets() {
        int n = options.assets();
        BigInteger weight = BigInteger.TEN.pow(18).divide(BigInteger.valueOf(n));
        BigInteger first = BigInteger.TEN.pow(18).subtract(weight.multiply(BigInteger.valueOf(n - 1)));
        List<DevAsset> assets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            DevAsset a = UNIVERSE.get(i);
            BigInteger w = i == 0 ? first : weight;
            assets.add(new DevAsset(a.symbol(), a.decimals(), a.usdPrice(), w, w));
        }
        return assets;
    }

    private static BigDecimal holdValue(List<BigInteger> held, List<BigDecimal> prices, DevStack stack) {
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < held.size(); i++) {
            total = total.add(new BigDecimal(held.get(i), stack.assets().get(i).decimals()).multiply(prices.get(i)));
        }
        return total.setScale(2, RoundingMode.HALF_EVEN);
    }

    static BigDecimal wad(BigInteger value) {
        return new BigDecimal(value, 18);
    }

    static String percent(BigDecimal fraction) {
        return fraction.movePointRight(2).setScale(2, RoundingMode.HALF_EVEN).toPlainString() + "%";
    }

    /** A few words per deployment stage, so a newcomer sees what the first seconds are spent on. */
    static final class Progress {
        private final PrintStream out;
        private long since = System.nanoTime();

        Progress(PrintStream out) {
            this.out = out;
        }

        void step(String what) {
            out.printf("  [%5.1fs] %s...%n", (System.nanoTime() - since) / 1e9, what);
        }

        void done() {
            out.printf("  [%5.1fs] ready%n", (System.nanoTime() - since) / 1e9);
        }
    }

}
