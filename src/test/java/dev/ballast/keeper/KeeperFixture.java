package dev.ballast.keeper;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ballast.anvil.AnvilRpc;
import dev.ballast.anvil.DevAccounts;
import dev.ballast.chain.RpcEndpoint;
import dev.ballast.deploy.Arbitrageur;
import dev.ballast.deploy.DevGas;
import dev.ballast.deploy.DevStack;
import dev.ballast.deploy.DevStack.DevAsset;
import dev.ballast.gas.GasPolicy;
import dev.ballast.policy.ValueUnits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;

/** A four-asset vault on an Anvil node and the keeper settings for it, shared by the head-handling tests. */
public final class KeeperFixture {
    static final BigInteger QUARTER = BigInteger.TEN.pow(18).divide(BigInteger.valueOf(4));
    static final BigInteger GWEI = BigInteger.TEN.pow(9);
    /** Four equal-weight assets of 6, 18, 8 and 18 decimals: the basket the keeper's Anvil tests trade. */
    public static final List<DevAsset> ASSETS = List.of(
            new DevAsset("USDC", 6, new BigDecimal("1"), QUARTER, QUARTER),
            new DevAsset("WETH", 18, new BigDecimal("3000"), QUARTER, QUARTER),
            new DevAsset("WBTC", 8, new BigDecimal("60000"), QUARTER, QUARTER),
            new DevAsset("LINK", 18, new BigDecimal("15"), QUARTER, QUARTER));

    final Web3j web3j;
    final AnvilRpc rpc;
    final String rpcUrl;
    public final DevStack stack;

    private KeeperFixture(Web3j web3j, AnvilRpc rpc, String rpcUrl, DevStack stack) {
        this.web3j = web3j;
        this.rpc = rpc;
        this.rpcUrl = rpcUrl;
        this.stack = stack;
    }

    public static KeeperFixture deploy(Web3j web3j, AnvilRpc rpc, String rpcUrl) throws Exception {
        DevStack stack = DevStack.deploy(web3j, rpc, DevGas.txManager(web3j, DevAccounts.get(0), 31337),
                DevGas.provider(31337), DevAccounts.get(0).getAddress(), DevAccounts.get(1).getAddress(), ASSETS,
                DevStack.defaultParams(new BigDecimal("0.05")), new BigDecimal("20000000"), new BigDecimal("200000"));
        return new KeeperFixture(web3j, rpc, rpcUrl, stack);
    }

    /** Moves WETH's feed and pool price to {@code price} and lets a TWAP window pass: a rebalance becomes due. */
    public void shockWeth(String price) throws Exception {
        shockWeth(stack, rpc, price);
    }

    /**
     * Moves WETH's feed to {@code price}, arbitrages the pool to the feeds and lets the TWAP window pass, so the
     * vault is out of its band and every guard's price agrees.
     */
    public static void shockWeth(DevStack stack, AnvilRpc rpc, String price) throws Exception {
        stack.setFeedPrice(1, new BigDecimal(price));
        Arbitrageur arb = new Arbitrageur(stack.pool(), DevAccounts.get(0).getAddress());
        List<BigDecimal> prices = List.of(BigDecimal.ONE, new BigDecimal(price), new BigDecimal("60000"), new BigDecimal("15"));
        for (int i = 0; i < 6 && !arb.trade(prices).isEmpty(); i++) { /* until the pool is at the feeds */ }
        rpc.increaseTime(DevStack.TWAP_WINDOW + 60);
        rpc.mine(1);
    }

    public KeeperRuntime.Settings settings(Path journal) {
        GasPolicy gas = new GasPolicy(10, 50, GWEI.multiply(BigInteger.valueOf(100)), BigInteger.ONE,
                GWEI.multiply(BigInteger.TWO), 12, Duration.ofSeconds(5));
        return new KeeperRuntime.Settings(31337, List.of(RpcEndpoint.http("anvil", rpcUrl)), Optional.empty(),
                DevAccounts.get(1), List.of(new KeeperRuntime.VaultSpec("demo", stack.vault().getContractAddress(),
                        ValueUnits.ofWhole(100), BigInteger.TEN.pow(16).longValueExact(), 0, 0)),
                gas, 1, Duration.ofMillis(200), journal, new Keeper.GasModel(400_000, 150_000, ValueUnits.ofWhole(3000)),
                List.of());
    }

    public long blockNumber() throws Exception {
        return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    public int rebalancedEvents() throws Exception {
        var filter = new org.web3j.protocol.core.methods.request.EthFilter(
                org.web3j.protocol.core.DefaultBlockParameterName.EARLIEST,
                org.web3j.protocol.core.DefaultBlockParameterName.LATEST, stack.vault().getContractAddress());
        filter.addSingleTopic(org.web3j.abi.EventEncoder.encode(dev.ballast.contracts.RebalancingVault.REBALANCED_EVENT));
        return web3j.ethGetLogs(filter).send().getLogs().size();
    }

    /** Every outcome the keeper reports, in order, from whichever thread it runs on. */
    static class Outcomes implements KeeperEvents {
        final List<Keeper.Outcome> seen = new CopyOnWriteArrayList<>();

        @Override
        public void decided(Keeper.Outcome outcome) {
            seen.add(outcome);
        }

        boolean any(java.util.function.Predicate<Keeper.Outcome> p) {
            return seen.stream().anyMatch(p);
        }
    }

    /** Captures the keeper's log lines (logger "keeper") until closed. */
    public static final class KeeperLog implements AutoCloseable {
        private final Logger logger = (Logger) LoggerFactory.getLogger("keeper");
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        public KeeperLog() {
            appender.start();
            logger.addAppender(appender);
        }

        public List<String> at(Level level) {
            return List.copyOf(appender.list).stream().filter(e -> e.getLevel() == level)
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }

        @Override
        public void close() {
            logger.detachAppender(appender);
        }
    }

    public static void await(String what, Duration timeout, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            Thread.sleep(50);
        }
    }
}
