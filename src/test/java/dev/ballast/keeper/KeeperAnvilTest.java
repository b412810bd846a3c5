package dev.ballast.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.chain.RpcEndpoint;
import dev.ballast.deploy.DevGas;
import dev.ballast.deploy.DevPool;
import dev.ballast.deploy.DevStack;
import dev.ballast.deploy.DevStack.DevAsset;
import com.sun.net.httpserver.HttpServer;
import dev.ballast.config.AssetPriceConfig;
import dev.ballast.gas.GasPolicy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import dev.ballast.policy.ValueUnits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The assembled keeper against a real vault on Anvil, one block at a time. */
@ExtendWith(AnvilExtension.class)
class KeeperAnvilTest {
    static final BigInteger QUARTER = BigInteger.TEN.pow(18).divide(BigInteger.valueOf(4));
    static final BigInteger GWEI = BigInteger.TEN.pow(9);
    static final List<DevAsset> ASSETS = List.of(
            new DevAsset("USDC", 6, new BigDecimal("1"), QUARTER, QUARTER),
            new DevAsset("WETH", 18, new BigDecimal("3000"), QUARTER, QUARTER),
            new DevAsset("WBTC", 8, new BigDecimal("60000"), QUARTER, QUARTER),
            new DevAsset("LINK", 18, new BigDecimal("15"), QUARTER, QUARTER));
    static final BigDecimal BAND = new BigDecimal("0.05");

    private final AnvilChain chain;
    @TempDir
    Path dir;
    private DevStack stack;
    private KeeperRuntime runtime;

    KeeperAnvilTest(AnvilChain chain) {
        this.chain = chain;
    }

    @BeforeEach
    void deploy() throws Exception {
        stack = DevStack.deploy(chain.web3j(), chain.rpc(), chain.txManager(0), DevGas.provider(31337),
                chain.account(0).getAddress(), chain.account(1).getAddress(), ASSETS, DevStack.defaultParams(BAND),
                new BigDecimal("20000000"), new BigDecimal("200000"));
    }

    @AfterEach
    void stop() {
        if (runtime != null) runtime.close();
    }

    @Test
    void aFeedAndPoolShockIsRebalancedBackIntoTheBand() throws Exception {
        runtime = keeper(GWEI.multiply(BigInteger.valueOf(100)));
        shockWeth("4800");
        Keeper.Outcome first = tickNow();
        assertThat(first.kind()).as(first.message()).isEqualTo(Keeper.Outcome.Kind.REBALANCED);
        // later slices wait out the vault's cooldown, one block each
        for (int i = 0; i < 6 && drift().compareTo(wad(BAND)) > 0; i++) {
            chain.rpc().increaseTime(61);
            chain.rpc().mine(1);
            tickNow();
        }
        assertThat(drift()).as("max drift after rebalancing").isLessThanOrEqualTo(wad(BAND));
        assertThat(runtime.journal().lastRebalance(stack.vault().getContractAddress())).isPresent();

        chain.rpc().mine(1);
        Keeper.Outcome quiet = tickNow();
        assertThat(quiet.kind()).as(quiet.message()).isEqualTo(Keeper.Outcome.Kind.SKIPPED);
        var journaled = runtime.journal().recentDecisions(1).getFirst();
        assertThat(journaled.blockNumber()).as("a decision without a transaction is journaled too").isEqualTo(quiet.block());
        assertThat(journaled.reason()).isEqualTo(quiet.message());
        assertThat(journaled.vault()).isEqualTo(stack.vault().getContractAddress());
    }

    @Test
    void aFlashManipulatedPoolIsRefusedAndNothingIsSent() throws Exception {
        runtime = keeper(GWEI.multiply(BigInteger.valueOf(100)));
        shockWeth("4800");
        // someone dumps WETH into the pool right before the keeper looks: spot far below its TWAP
        BigInteger dump = new BigInteger("300000000000000000000"); // 300 WETH, inside the pool's 30% in-ratio
        stack.weightedPool().swapExactIn(stack.asset(1), stack.asset(0), dump, BigInteger.ZERO,
                chain.account(0).getAddress(), DevPool.FAR_FUTURE).send();
        BigInteger nonceBefore = nonceOfKeeper();
        Keeper.Outcome outcome = tickNow();
        assertThat(outcome.kind()).isEqualTo(Keeper.Outcome.Kind.REFUSED);
        assertThat(outcome.message()).contains("manipulation suspected").contains("TWAP");
        assertThat(nonceOfKeeper()).as("nothing sent").isEqualTo(nonceBefore);
    }

    /** Issue 18 §1 in the keeper loop: an unfunded signer is told its balance and need, and nothing is signed. */
    @Test
    void anUnfundedSignerWaitsNamingItsBalanceAndSignsNothing() throws Exception {
        runtime = keeper(GWEI.multiply(BigInteger.valueOf(100)));
        shockWeth("4800");
        String keeper = chain.account(1).getAddress();
        chain.rpc().setBalance(keeper, BigInteger.valueOf(1_000));
        BigInteger nonceBefore = nonceOfKeeper();
        Keeper.Outcome broke = tickNow();
        assertThat(broke.kind()).as(broke.message()).isEqualTo(Keeper.Outcome.Kind.WAITING);
        assertThat(broke.message()).containsPattern("not signing: signer (?i)" + keeper
                + " has 0\\.000000000000001 ETH, needs ≈ [\\d.]+ ETH \\(gas \\d+ at up to [\\d.]+ gwei\\)");
        assertThat(nonceOfKeeper()).as("nothing signed or sent").isEqualTo(nonceBefore);
        assertThat(rebalancedEvents()).isZero();

        chain.rpc().setBalance(keeper, BigInteger.TEN.pow(19));
        chain.rpc().mine(1);
        Keeper.Outcome funded = tickNow();
        assertThat(funded.kind()).as(funded.message()).isEqualTo(Keeper.Outcome.Kind.REBALANCED);
    }

    @Test
    void staleFeedsAreRefusedWithTheRoutersErrorByName() throws Exception {
        runtime = keeper(GWEI.multiply(BigInteger.valueOf(100)));
        shockWeth("4800");
        chain.rpc().increaseTime(86_401); // past every feed's heartbeat: the router fails closed
        chain.rpc().mine(1);
        BigInteger nonceBefore = nonceOfKeeper();
        Keeper.Outcome outcome = tickNow();
        assertThat(outcome.kind()).isEqualTo(Keeper.Outcome.Kind.REFUSED);
        assertThat(outcome.message()).containsPattern("no router price for 0x[0-9a-fA-F]{40}: the router reverted with"
                + " QuorumNotMet \\(0x7b2d2724\\)");
        assertThat(nonceOfKeeper()).as("nothing sent").isEqualTo(nonceBefore);
    }

    @Test
    void aBaseFeeAboveTheCapMakesItWaitThenActWhenFeesFall() throws Exception {
        runtime = keeper(GWEI.multiply(BigInteger.valueOf(20)));
        shockWeth("4800");
        chain.rpc().setNextBlockBaseFee(GWEI.multiply(BigInteger.valueOf(50)));
        chain.rpc().mine(1);
        Keeper.Outcome waiting = tickNow();
        assertThat(waiting.kind()).isEqualTo(Keeper.Outcome.Kind.WAITING);
        assertThat(waiting.message()).contains("above the cap of 20 gwei");
        chain.rpc().setNextBlockBaseFee(GWEI);
        chain.rpc().mine(1);
        chain.rpc().mine(1);
        assertThat(tickNow().kind()).isEqualTo(Keeper.Outcome.Kind.REBALANCED);
    }

    @Test
    void offChainPricesThatDisagreeWithTheChainStopTheTrade() throws Exception {
        // an exchange API still quotes WETH at 3000 while every on-chain source says 4800
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/price", exchange -> {
            byte[] body = "{\"symbol\":\"ETHUSDT\",\"price\":\"3000.00\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + api.getAddress().getPort() + "/price");
            AssetPriceConfig weth = new AssetPriceConfig("WETH", stack.asset(1), true, Duration.ofMinutes(5), 2,
                    new BigDecimal("0.02"), List.of(new AssetPriceConfig.HttpSource("exchange", url, "price", false, 0,
                            Duration.ofSeconds(2))));
            runtime = keeper(GWEI.multiply(BigInteger.valueOf(100)), List.of(weth));
            shockWeth("4800");
            BigInteger nonceBefore = nonceOfKeeper();
            Keeper.Outcome outcome = tickNow();
            assertThat(outcome.kind()).isEqualTo(Keeper.Outcome.Kind.REFUSED);
            assertThat(outcome.message()).contains("off-chain prices for").contains("SOURCES_DISAGREE");
            assertThat(nonceOfKeeper()).as("nothing sent").isEqualTo(nonceBefore);
        } finally {
            api.stop(0);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "mined while the keeper is down: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void aKeeperKilledBetweenSendAndReceiptRebalancesExactlyOnce(boolean minedWhileDown) throws Exception {
        KeeperRuntime first = keeper(GWEI.multiply(BigInteger.valueOf(100)));
        shockWeth("4800");
        chain.rpc().setAutomine(false);
        long block = chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
        java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor();
        thread.submit(() -> first.keeper().tick(block));
        long deadline = System.currentTimeMillis() + 15_000;
        while (first.journal().pendingTransactions().stream().noneMatch(a -> a.status().name().equals("SENT"))) {
            assertThat(System.currentTimeMillis()).as("the keeper broadcast its rebalance").isLessThan(deadline);
            Thread.sleep(20);
        }
        // the "kill": the keeper stops between broadcast and receipt; nothing after the broadcast runs
        thread.shutdownNow();
        assertThat(thread.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        if (minedWhileDown) chain.rpc().mine(1);

        runtime = keeper(GWEI.multiply(BigInteger.valueOf(100))); // same journal file: reconciles on start
        for (int i = 0; i < 3; i++) {
            chain.rpc().mine(1);
            Keeper.Outcome outcome = tickNow();
            assertThat(outcome.kind()).as(outcome.message()).isNotIn(Keeper.Outcome.Kind.SENT, Keeper.Outcome.Kind.REBALANCED);
        }
        chain.rpc().setAutomine(true);
        assertThat(rebalancedEvents()).as("Rebalanced events on chain").isEqualTo(1);
        assertThat(runtime.journal().pendingTransactions()).isEmpty();
        first.close();
    }

    @Test
    void aStuckTransactionIsReplacedAndOnlyOneRebalanceLands() throws Exception {
        runtime = keeper(GWEI.multiply(BigInteger.valueOf(100)), List.of(), List.of(RpcEndpoint.http("anvil", chain.rpcUrl())),
                Duration.ofMillis(600));
        shockWeth("4800");
        chain.rpc().setAutomine(false); // nothing is mined: the first transaction looks stuck to the keeper
        long block = chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
        java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<List<Keeper.Outcome>> tick = thread.submit(() -> runtime.keeper().tick(block));
            long deadline = System.currentTimeMillis() + 20_000;
            // the replacement is journaled before its broadcast: mining before the node has it would mine the original
            while (runtime.journal().pendingTransactions().stream().noneMatch(a -> a.replacesId() != null
                    && a.status() == dev.ballast.journal.AttemptStatus.SENT)) {
                assertThat(System.currentTimeMillis()).as("the keeper replaced its stuck transaction").isLessThan(deadline);
                Thread.sleep(20);
            }
            chain.rpc().mine(1);
            Keeper.Outcome outcome = tick.get(30, java.util.concurrent.TimeUnit.SECONDS).getFirst();

            assertThat(outcome.kind()).as(outcome.message()).isEqualTo(Keeper.Outcome.Kind.REBALANCED);
            assertThat(rebalancedEvents()).as("Rebalanced events on chain").isEqualTo(1);
            var rebalance = runtime.journal().lastRebalance(stack.vault().getContractAddress()).orElseThrow();
            assertThat(rebalance.attempt().replacesId()).as("the replacement is what was mined").isNotNull();
            var original = runtime.journal().attempt(rebalance.attempt().replacesId()).orElseThrow();
            assertThat(runtime.journal().pendingTransactions()).as("nothing left pending").isEmpty();
            assertThat(original.status()).isEqualTo(dev.ballast.journal.AttemptStatus.DROPPED);
            assertThat(rebalance.attempt().maxPriorityFeePerGas()).as("bumped by at least 10%%")
                    .isGreaterThanOrEqualTo(original.maxPriorityFeePerGas().multiply(BigInteger.valueOf(110)).divide(BigInteger.valueOf(100)));
        } finally {
            chain.rpc().setAutomine(true);
            thread.shutdownNow();
        }
    }

    @Test
    void aDeadFirstRpcFailsOverAndTheKeeperStillRebalances() throws Exception {
        int deadPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        runtime = keeper(GWEI.multiply(BigInteger.valueOf(100)), List.of(),
                List.of(RpcEndpoint.http("primary", "http://127.0.0.1:" + deadPort), RpcEndpoint.http("anvil", chain.rpcUrl())),
                Duration.ofSeconds(5));
        shockWeth("4800");
        Keeper.Outcome outcome = tickNow();
        assertThat(outcome.kind()).as(outcome.message()).isEqualTo(Keeper.Outcome.Kind.REBALANCED);
        assertThat(runtime.rpc().status().getFirst().lastError()).contains("ConnectException");
    }

    @Test
    void aRebalanceWhoseBlockIsReorganisedAwayIsSettledAgainNotRepeated() throws Exception {
        runtime = keeper(GWEI.multiply(BigInteger.valueOf(100)));
        shockWeth("4800");
        long before = chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
        String fork = chain.rpc().snapshot();
        assertThat(tickNow().kind()).isEqualTo(Keeper.Outcome.Kind.REBALANCED);
        dev.ballast.chain.BlockHead lost = head(before + 1);
        String minedHash = runtime.journal().lastRebalance(stack.vault().getContractAddress()).orElseThrow().attempt().txHash();

        // the block holding the rebalance is replaced by an empty one: its receipt no longer proves anything
        chain.rpc().revert(fork);
        chain.rpc().mine(1);
        runtime.keeper().onReorg(new dev.ballast.chain.Reorg(before, List.of(lost), head(before + 1)));
        assertThat(runtime.journal().lastRebalance(stack.vault().getContractAddress())).as("receipt withdrawn").isEmpty();

        for (int i = 0; i < 3; i++) {
            Keeper.Outcome outcome = tickNow();
            assertThat(outcome.kind()).as(outcome.message()).isNotEqualTo(Keeper.Outcome.Kind.SENT);
            if (outcome.kind() == Keeper.Outcome.Kind.REBALANCED) {
                assertThat(outcome.message()).as("only the journaled transaction, re-broadcast and followed again")
                        .contains("journaled transaction " + minedHash);
            }
            chain.rpc().mine(1);
        }
        assertThat(rebalancedEvents()).as("Rebalanced events on the new branch").isEqualTo(1);
        assertThat(runtime.journal().lastRebalance(stack.vault().getContractAddress()).orElseThrow().attempt().txHash())
                .as("the same signed transaction, re-broadcast, not a second decision").isEqualTo(minedHash);
        assertThat(drift()).isLessThanOrEqualTo(wad(BAND));
    }

    private dev.ballast.chain.BlockHead head(long number) throws Exception {
        var block = chain.web3j().ethGetBlockByNumber(
                org.web3j.protocol.core.DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false).send().getBlock();
        return new dev.ballast.chain.BlockHead(number, block.getHash(), block.getParentHash(),
                block.getTimestamp().longValueExact(), Optional.ofNullable(block.getBaseFeePerGas()));
    }

    private int rebalancedEvents() throws Exception {
        org.web3j.protocol.core.methods.request.EthFilter filter = new org.web3j.protocol.core.methods.request.EthFilter(
                org.web3j.protocol.core.DefaultBlockParameterName.EARLIEST, org.web3j.protocol.core.DefaultBlockParameterName.LATEST,
                stack.vault().getContractAddress());
        filter.addSingleTopic(org.web3j.abi.EventEncoder.encode(dev.ballast.contracts.RebalancingVault.REBALANCED_EVENT));
        return chain.web3j().ethGetLogs(filter).send().getLogs().size();
    }

    private void shockWeth(String price) throws Exception {
        KeeperFixture.shockWeth(stack, chain.rpc(), price);
    }

    private Keeper.Outcome tickNow() throws Exception {
        long block = chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
        List<Keeper.Outcome> outcomes = runtime.keeper().tick(block);
        assertThat(outcomes).hasSize(1);
        return outcomes.getFirst();
    }

    private BigInteger drift() throws Exception {
        return stack.vault().drift().send().component1();
    }

    private BigInteger nonceOfKeeper() throws Exception {
        return chain.web3j().ethGetTransactionCount(chain.account(1).getAddress(),
                org.web3j.protocol.core.DefaultBlockParameterName.PENDING).send().getTransactionCount();
    }

    private KeeperRuntime keeper(BigInteger maxFee) throws Exception {
        return keeper(maxFee, List.of());
    }

    private KeeperRuntime keeper(BigInteger maxFee, List<AssetPriceConfig> prices) throws Exception {
        return keeper(maxFee, prices, List.of(RpcEndpoint.http("anvil", chain.rpcUrl())), Duration.ofSeconds(5));
    }

    private KeeperRuntime keeper(BigInteger maxFee, List<AssetPriceConfig> prices, List<RpcEndpoint> endpoints,
            Duration replacementWait) throws Exception {
        GasPolicy gas = new GasPolicy(10, 50, maxFee, BigInteger.ONE, GWEI.multiply(BigInteger.TWO), 12, replacementWait);
        KeeperRuntime.Settings settings = new KeeperRuntime.Settings(31337, endpoints, Optional.empty(), chain.account(1),
                List.of(new KeeperRuntime.VaultSpec("demo", stack.vault().getContractAddress(), ValueUnits.ofWhole(100),
                        BigInteger.TEN.pow(16).longValueExact(), 0, 0)),
                gas, 1, Duration.ofMillis(200), dir.resolve("journal.db"), new Keeper.GasModel(400_000, 150_000, ValueUnits.ofWhole(3000)),
                prices);
        return KeeperRuntime.create(settings, KeeperEvents.NONE);
    }

    private static BigInteger wad(BigDecimal fraction) {
        return fraction.movePointRight(18).toBigIntegerExact();
    }
}
