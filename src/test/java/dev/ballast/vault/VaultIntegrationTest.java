package dev.ballast.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.contracts.RebalancingVault;
import dev.ballast.deploy.Arbitrageur;
import dev.ballast.deploy.DevGas;
import dev.ballast.deploy.DevStack;
import dev.ballast.deploy.DevStack.DevAsset;
import dev.ballast.tx.RevertDecoder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;

/**
 * Feeds, pool, router and vault deployed through the generated wrappers; a deposit, a price shock in the feeds that
 * an arbitrageur carries into the pool, then a keeper rebalance, checked through the vault's events.
 */
@ExtendWith(AnvilExtension.class)
class VaultIntegrationTest {
    static final BigInteger QUARTER = BigInteger.TEN.pow(18).divide(BigInteger.valueOf(4));
    static final List<DevAsset> ASSETS = List.of(
            new DevAsset("USDC", 6, new BigDecimal("1"), QUARTER, QUARTER),
            new DevAsset("WETH", 18, new BigDecimal("3000"), QUARTER, QUARTER),
            new DevAsset("WBTC", 8, new BigDecimal("60000"), QUARTER, QUARTER),
            new DevAsset("LINK", 18, new BigDecimal("15"), QUARTER, QUARTER));

    private final AnvilChain chain;
    private DevStack stack;
    private RebalancingVault asKeeper;

    VaultIntegrationTest(AnvilChain chain) {
        this.chain = chain;
    }

    @BeforeEach
    void deploy() throws Exception {
        String owner = chain.account(0).getAddress();
        String keeper = chain.account(1).getAddress();
        stack = DevStack.deploy(chain.web3j(), chain.rpc(), chain.txManager(0), DevGas.provider(31337), owner, keeper,
                ASSETS, DevStack.defaultParams(new BigDecimal("0.05")), new BigDecimal("10000000"),
                new BigDecimal("1000000"));
        asKeeper = RebalancingVault.load(stack.vault().getContractAddress(), chain.web3j(), chain.txManager(1),
                DevGas.provider(31337));
    }

    @Test
    void depositGivesSharesAtNav() throws Exception {
        BigInteger nav = stack.vault().nav().send();
        assertThat(new BigDecimal(nav).movePointLeft(18)).isCloseTo(new BigDecimal("1000000"), org.assertj.core.data.Percentage.withPercentage(0.01));
        assertThat(stack.vault().totalSupply().send()).isPositive();
        assertThat(stack.vault().drift().send().component1()).as("deposited at target weights").isLessThan(BigInteger.TEN.pow(14));
    }

    @Test
    void aPriceShockIsRebalancedByTheKeeperAndLogged() throws Exception {
        // WETH +60% in the feeds; the arbitrageur moves the pool there; the TWAP catches up over its window
        stack.setFeedPrice(1, new BigDecimal("4800"));
        Arbitrageur arb = new Arbitrageur(stack.pool(), chain.account(0).getAddress());
        List<BigDecimal> prices = ASSETS.stream().map(DevAsset::usdPrice).toList();
        List<BigDecimal> shocked = List.of(prices.get(0), new BigDecimal("4800"), prices.get(2), prices.get(3));
        for (int i = 0; i < 4 && !arb.trade(shocked).isEmpty(); i++) { /* until the pool is at the feed prices */ }
        chain.rpc().increaseTime(DevStack.TWAP_WINDOW + 60);
        chain.rpc().mine(1);

        var drift = stack.vault().drift().send();
        assertThat(drift.component1()).as("WETH is overweight beyond the 5% band").isGreaterThan(BigInteger.TEN.pow(17).divide(BigInteger.TWO));
        BigInteger navBefore = stack.vault().nav().send();

        // sell 5 WETH (≈ $24k) for USDC: inside the per-call cap, and small enough for the pool's depth to keep the
        // price impact within the vault's 2% min-out
        BigInteger sell = new BigInteger("5000000000000000000");
        RebalancingVault.Leg leg = new RebalancingVault.Leg(stack.venue().getContractAddress(), stack.asset(1), stack.asset(0), sell);
        TransactionReceipt receipt = asKeeper.rebalance(List.of(leg)).send();

        var events = RebalancingVault.getRebalancedEvents(receipt);
        assertThat(events).hasSize(1);
        var event = events.getFirst();
        assertThat(event.keeper).isEqualToIgnoringCase(chain.account(1).getAddress());
        assertThat(event.driftAfter).isLessThan(event.driftBefore);
        assertThat(event.navBefore).isEqualTo(navBefore);
        // NAV may fall by at most the 2% slippage budget
        assertThat(event.navAfter).isGreaterThanOrEqualTo(navBefore.multiply(BigInteger.valueOf(98)).divide(BigInteger.valueOf(100)));
        assertThat(event.prices).hasSize(4);
        assertThat(new BigDecimal(event.prices.get(1)).movePointLeft(18)).isCloseTo(new BigDecimal("4800"), org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(stack.vault().lastRebalance().send()).isPositive();
    }

    @Test
    void onlyKeepersRebalanceAndTheErrorIsNamed() throws Exception {
        RebalancingVault.Leg leg = new RebalancingVault.Leg(stack.venue().getContractAddress(), stack.asset(1), stack.asset(0), BigInteger.ONE);
        RebalancingVault stranger = RebalancingVault.load(stack.vault().getContractAddress(), chain.web3j(),
                chain.txManager(2), DevGas.provider(31337));
        assertThatThrownBy(() -> stranger.rebalance(List.of(leg)).send())
                .isInstanceOf(TransactionException.class)
                .satisfies(e -> {
                    String data = ((TransactionException) e).getTransactionReceipt()
                            .map(r -> r.getRevertReason()).orElse("");
                    assertThat(RevertDecoder.forBallast().decode(data).name()).isEqualTo("NotKeeper");
                });
    }
}
