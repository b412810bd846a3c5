package dev.ballast.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.chain.AssetState;
import dev.ballast.chain.PoolState;
import dev.ballast.chain.PriceReading;
import dev.ballast.chain.VaultReader;
import dev.ballast.chain.VaultState;
import dev.ballast.policy.GasQuote;
import dev.ballast.policy.Leg;
import dev.ballast.policy.ValueUnits;
import dev.ballast.venue.Route;
import dev.ballast.venue.RoutingParams;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The keeper's routing step on a hand-built vault and pool: what it sends, what it says, and what it reads. */
class LegRoutingTest {
    private static final String USDC = "0x00000000000000000000000000000000000000c1";
    private static final String WETH = "0x00000000000000000000000000000000000000e1";
    private static final String POOL = "0x00000000000000000000000000000000000000b1";
    private static final String VENUE = "0x00000000000000000000000000000000000000a1";
    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final BigInteger HALF = E18.divide(BigInteger.TWO);
    private static final ManagedVault VAULT = new ManagedVault("v", "0x00000000000000000000000000000000000000f1", VENUE, POOL, 0, 0, 0, 0);
    private static final GasQuote GAS = new GasQuote(20_000_000_000L, 400_000, 150_000, ValueUnits.ofWhole(3000));

    private static AssetState asset(String address, int decimals, BigInteger price) {
        return new AssetState(address, decimals, BigInteger.ONE, BigInteger.ONE, HALF, new PriceReading(PriceReading.Status.OK, price),
                false, false);
    }

    private static final VaultState STATE = new VaultState(VAULT.address(), true, false, BigInteger.ZERO, null, BigInteger.ONE, null,
            List.of(asset(USDC, 6, E18), asset(WETH, 18, E18.multiply(BigInteger.valueOf(3000)))), Set.of(), VENUE, List.of(), BigInteger.ZERO);

    private static PoolState pool(Set<String> unreadable) {
        PriceReading none = new PriceReading(PriceReading.Status.NOT_READ, null);
        return new PoolState(POOL, true, new BigInteger("3000000000000000"), 1, 0, List.of(
                new PoolState.PoolTokenState(USDC, BigInteger.valueOf(1_000_000).multiply(BigInteger.TEN.pow(6)), HALF, none, none),
                new PoolState.PoolTokenState(WETH, new BigInteger("333333333333333333333"), HALF, none, none)), unreadable);
    }

    /** Sell {@code weth} WETH for USDC. */
    private static Leg sell(long weth) {
        BigInteger amount = E18.multiply(BigInteger.valueOf(weth));
        return new Leg(1, WETH, 0, USDC, ValueUnits.ofWhole(3000 * weth), amount, ValueUnits.ofWhole(2970 * weth),
                BigInteger.valueOf(2970 * weth).multiply(BigInteger.TEN.pow(6)), 1, 1);
    }

    @Test
    void oneVenueAtOnceSendsThePlannedLegAndSaysWhatItExpects() {
        LegRouting routing = new LegRouting(RoutingParams.SINGLE_AT_ONCE, 150_000);
        routing.startRound(100, List.of(pool(Set.of())));
        LegRouting.Routed r = routing.route(VAULT, STATE, List.of(sell(10)), GAS);
        assertThat(r.legs()).containsExactly(sell(10));
        assertThat(r.routes().getFirst().orElseThrow().kind()).isEqualTo(Route.Kind.SINGLE);
        assertThat(r.summary()).contains("single venue: " + VENUE + " (ballast 0.3%)", "oracle-implied 30000000000", "slippage");
        assertThat(LegRouting.poolQueries(List.of(VAULT, VAULT))).as("the vaults' pools join the block's one lens read, once each")
                .extracting(VaultReader.PoolQuery::pool).containsExactly(POOL);
    }

    @Test
    void theSecondLegOfACallIsPricedOnThePoolTheFirstLeaves() {
        LegRouting routing = new LegRouting(RoutingParams.SINGLE_AT_ONCE, 150_000);
        routing.startRound(100, List.of(pool(Set.of())));
        LegRouting.Routed twice = routing.route(VAULT, STATE, List.of(sell(10), sell(10)), GAS);
        // by hand: out = B_usdc·net / (B_weth + net), net = in − 0.3%, the second leg on B_weth + 10, B_usdc − out1
        assertThat(twice.routes().get(0).orElseThrow().expectedOut()).isEqualTo(BigInteger.valueOf(29_041_372_547L));
        assertThat(twice.routes().get(1).orElseThrow().expectedOut()).isEqualTo(BigInteger.valueOf(27_399_847_673L));
    }

    @Test
    void aLegAboveTheImpactBoundSendsItsFirstSlice() {
        // 10 WETH into 333 WETH: ~3% impact at once; a slice of 10/n has ~3%/n, so n = 6 is the first under 50 bps
        LegRouting routing = new LegRouting(new RoutingParams(50, 20, 400_000, 1), 150_000);
        routing.startRound(100, List.of(pool(Set.of())));
        LegRouting.Routed r = routing.route(VAULT, STATE, List.of(sell(10)), GAS);
        Route route = r.routes().getFirst().orElseThrow();
        assertThat(route.kind()).isEqualTo(Route.Kind.SLICED);
        assertThat(route.slices()).isEqualTo(6);
        Leg first = r.legs().getFirst();
        assertThat(first.sellAmount()).isEqualTo(E18.multiply(BigInteger.TEN).divide(BigInteger.valueOf(6)));
        assertThat(first.value()).as("value of the slice, rounded down").isEqualTo(499_999_999_999L);
        assertThat(first.call()).isEqualTo(1);
        assertThat(r.summary()).contains("6 slices (impact at once");
    }

    @Test
    void anUnreadablePoolLeavesTheLegAsPlannedAndSaysWhy() {
        LegRouting routing = new LegRouting(new RoutingParams(50, 20, 0, 1), 1);
        routing.startRound(100, List.of(pool(Set.of("balances"))));
        LegRouting.Routed r = routing.route(VAULT, STATE, List.of(sell(10)), GAS);
        assertThat(r.legs()).containsExactly(sell(10));
        assertThat(r.routes().getFirst()).isEmpty();
        assertThat(r.summary()).contains("not routed (pool " + POOL + " unreadable [balances]); sent as planned under the vault's min-out");
    }

    @Test
    void aPoolMissingFromTheBlocksReadLeavesEveryLegAsPlanned() {
        LegRouting routing = new LegRouting(RoutingParams.SINGLE_AT_ONCE, 1);
        routing.startRound(100, List.of());
        LegRouting.Routed r = routing.route(VAULT, STATE, List.of(sell(10), sell(1)), GAS);
        assertThat(r.legs()).containsExactly(sell(10), sell(1));
        assertThat(r.summary()).contains("not routed (pool " + POOL + " was not read at block 100)");
    }
}
