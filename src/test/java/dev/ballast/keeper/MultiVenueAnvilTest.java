package dev.ballast.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.bench.MultiVenueMarket;
import dev.ballast.chain.RpcEndpoint;
import dev.ballast.contracts.RebalancingVault;
import dev.ballast.deploy.DevGas;
import dev.ballast.gas.GasPolicy;
import dev.ballast.policy.Leg;
import dev.ballast.policy.ValueUnits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled keeper on a vault allowed four venues of the real protocols' bytecode (its Ballast pool, the shallowest,
 * a Uniswap V3 pool, a Uniswap V2 pair and a Balancer V2 pool): it quotes the others per leg, moves legs off the Ballast
 * pool and splits them, and the vault receives more, on chain, than the same planned legs sent through the Ballast
 * venue alone from the same state (evm_snapshot / evm_revert).
 */
@ExtendWith(AnvilExtension.class)
class MultiVenueAnvilTest {
    private static final BigInteger GWEI = BigInteger.TEN.pow(9);
    private final AnvilChain chain;
    @TempDir
    Path dir;
    private MultiVenueMarket market;
    private KeeperRuntime runtime;

    MultiVenueAnvilTest(AnvilChain chain) {
        this.chain = chain;
    }

    @BeforeEach
    void deploy() throws Exception {
        market = MultiVenueMarket.deploy(chain.web3j(), chain.rpc(), chain.account(0), 31337, chain.account(1).getAddress(),
                new BigDecimal("1000000"));
        GasPolicy gas = new GasPolicy(10, 50, GWEI.multiply(BigInteger.valueOf(100)), BigInteger.ONE, GWEI.multiply(BigInteger.TWO),
                12, Duration.ofSeconds(5));
        KeeperRuntime.Settings settings = new KeeperRuntime.Settings(31337, List.of(RpcEndpoint.http("anvil", chain.rpcUrl())),
                Optional.empty(), chain.account(1),
                List.of(new KeeperRuntime.VaultSpec("multi", market.stack().vault().getContractAddress(), ValueUnits.ofWhole(100),
                        BigInteger.TEN.pow(16).longValueExact(), 0, 0)),
                gas, 1, Duration.ofMillis(200), dir.resolve("journal.db"),
                new Keeper.GasModel(400_000, 150_000, ValueUnits.ofWhole(3000)), List.of());
        runtime = KeeperRuntime.create(settings, KeeperEvents.NONE);
    }

    @AfterEach
    void stop() {
        if (runtime != null) runtime.close();
    }

    @Test
    void theKeeperSplitsOffTheShallowPoolAndTheVaultReceivesMoreThanThroughItAlone() throws Exception {
        RebalancingVault vault = market.stack().vault();
        MultiVenueMarket.pushOutOfBand(market.stack(), vault, chain.rpc(), chain.account(0).getAddress(), new BigDecimal("80000"));
        String before = chain.rpc().snapshot();
        List<BigInteger> start = balances(vault);

        long block = chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
        Keeper.Outcome done = runtime.keeper().tick(block).getFirst();
        assertThat(done.kind()).as(done.message()).isEqualTo(Keeper.Outcome.Kind.REBALANCED);
        List<BigInteger> routed = delta(start, balances(vault));
        var row = runtime.journal().recentDecisions(10).stream().filter(d -> d.decision().equals("REBALANCE")).findFirst()
                .orElseThrow();
        assertThat(row.reason()).as("the decision names the split and the quoted venues").contains("split over")
                .containsAnyOf(market.v3Venue(), market.v2Venue(), market.balancerVenue());

        List<Leg> planned = RebalanceCall.firstCall(done.decision().plan().legs());
        chain.rpc().revert(before);
        RebalancingVault asKeeper = RebalancingVault.load(vault.getContractAddress(), chain.web3j(), chain.txManager(1),
                DevGas.provider(31337));
        List<RebalancingVault.Leg> alone = new ArrayList<>();
        for (Leg l : planned) {
            alone.add(new RebalancingVault.Leg(market.stack().venue().getContractAddress(), l.sellAsset(), l.buyAsset(), l.sellAmount()));
        }
        asKeeper.rebalance(alone).send();
        List<BigInteger> forced = delta(start, balances(vault));

        assertThat(routed.getFirst()).as("the same USDC sold both ways").isEqualTo(forced.getFirst());
        BigDecimal routedValue = BigDecimal.ZERO;
        BigDecimal forcedValue = BigDecimal.ZERO;
        for (int i = 1; i < routed.size(); i++) {
            var a = dev.ballast.bench.MultiVenueMarket.asset(i);
            routedValue = routedValue.add(new BigDecimal(routed.get(i)).movePointLeft(a.decimals()).multiply(a.usdPrice()));
            forcedValue = forcedValue.add(new BigDecimal(forced.get(i)).movePointLeft(a.decimals()).multiply(a.usdPrice()));
            assertThat(routed.get(i)).as("asset %d bought: routed vs Ballast pool alone", i).isGreaterThanOrEqualTo(forced.get(i));
        }
        System.out.printf("multi-venue keeper: bought $%s routed vs $%s through the Ballast pool alone (+$%s)%n",
                routedValue.setScale(2, java.math.RoundingMode.HALF_UP), forcedValue.setScale(2, java.math.RoundingMode.HALF_UP),
                routedValue.subtract(forcedValue).setScale(2, java.math.RoundingMode.HALF_UP));
        assertThat(routedValue).as("routing paid off on chain").isGreaterThan(forcedValue);
    }

    private static List<BigInteger> balances(RebalancingVault vault) throws Exception {
        @SuppressWarnings("unchecked")
        List<BigInteger> b = vault.balances().send();
        return b;
    }

    /** after − start per asset, sign flipped for what was sold, so both runs compare as positive amounts. */
    private static List<BigInteger> delta(List<BigInteger> start, List<BigInteger> after) {
        List<BigInteger> d = new ArrayList<>();
        for (int i = 0; i < start.size(); i++) d.add(after.get(i).subtract(start.get(i)).abs());
        return d;
    }
}
