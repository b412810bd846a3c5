package dev.ballast.venue;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final BigInteger E6 = BigInteger.TEN.pow(6);
    /** 2,000 USDC per WETH. */
    private static final BigInteger PRICE = BigInteger.valueOf(2000);

    private static ConstantProductCurve pair(String name, long weth, int feePips, long gas) {
        return new ConstantProductCurve(name, E18.multiply(BigInteger.valueOf(weth)),
                E6.multiply(BigInteger.valueOf(weth)).multiply(PRICE), feePips, gas);
    }

    /** Sell {@code weth} WETH for USDC with gas at {@code usdcPerGas} raw USDC per unit. */
    private static LegRequest sell(long weth, String usdcPerGas) {
        BigInteger in = E18.multiply(BigInteger.valueOf(weth));
        return new LegRequest("WETH", "USDC", in, E6.multiply(BigInteger.valueOf(weth)).multiply(PRICE), new BigDecimal(usdcPerGas));
    }

    private static final RoutingParams SPLIT_OK = new RoutingParams(0, 1, 0, 3);

    @Test
    void aLargeLegSplitsAcrossTwoEqualPoolsWhenGasIsCheap() {
        List<VenueCurve> pools = List.of(pair("a", 1000, 3000, 100_000), pair("b", 1000, 3000, 100_000));
        // 100 WETH into one 1000-WETH pool costs ~9% impact, halves ~4.8% each. Gas at 1000 raw USDC per gas is 100 USDC
        // per swap, far below the ~8,000 USDC the split saves.
        Route route = Router.decide(sell(100, "1000"), pools, SPLIT_OK);
        assertThat(route.kind()).isEqualTo(Route.Kind.SPLIT);
        assertThat(route.venues()).containsExactlyInAnyOrder("a", "b");
        BigInteger half = E18.multiply(BigInteger.valueOf(50));
        assertThat(route.fills()).allSatisfy(f -> assertThat(f.amountIn().subtract(half).abs())
                .isLessThanOrEqualTo(E18.divide(BigInteger.valueOf(1000))));
        Route single = Router.single(sell(100, "1000"), pools);
        assertThat(route.netOut()).isGreaterThan(single.netOut());
        // the split pays for its second swap: output before gas beats the single by more than that swap's gas
        assertThat(route.expectedOut().subtract(single.expectedOut())).isGreaterThan(route.gasCostOut().subtract(single.gasCostOut()));
        // no 40/60 split of the same pools does better than the router's
        BigInteger forty = E18.multiply(BigInteger.valueOf(40));
        BigInteger sixty = E18.multiply(BigInteger.valueOf(60));
        BigInteger alternative = pools.get(0).amountOut(forty).orElseThrow().add(pools.get(1).amountOut(sixty).orElseThrow());
        assertThat(route.expectedOut()).isGreaterThan(alternative);
    }

    @Test
    void gasMakesTheSplitLoseOnASmallLeg() {
        List<VenueCurve> pools = List.of(pair("a", 1000, 3000, 100_000), pair("b", 1000, 3000, 100_000));
        // 1 WETH: the split saves ~1 USDC of impact; a second swap's 100,000 gas at 100 raw USDC per gas costs 10 USDC
        Route route = Router.decide(sell(1, "100"), pools, SPLIT_OK);
        assertThat(route.kind()).isEqualTo(Route.Kind.SINGLE);
        Route split = Router.split(sell(1, "100"), pools, 3).orElseThrow();
        assertThat(split.expectedOut()).isGreaterThan(route.expectedOut()); // better before gas ...
        assertThat(split.netOut()).isLessThan(route.netOut()); // ... worse after it
    }

    @Test
    void theCheaperFeeWinsASingleVenueLegAndTheDeeperPoolLeavesTheShallowOneOut() {
        List<VenueCurve> pools = List.of(pair("v2-0.3", 1000, 3000, 100_000), pair("v2-0.05", 1000, 500, 100_000));
        assertThat(Router.decide(sell(1, "0"), pools, SPLIT_OK).venues()).containsExactly("v2-0.05");
        // a pool 1000× shallower is not worth its gas at any share of a 10-WETH leg
        List<VenueCurve> deepAndShallow = List.of(pair("deep", 100_000, 3000, 100_000), pair("shallow", 100, 3000, 100_000));
        assertThat(Router.decide(sell(10, "1000"), deepAndShallow, SPLIT_OK).venues()).containsExactly("deep");
    }

    @Test
    void slicingTriggersWhenTheImpactAtOnceIsAboveTheBound() {
        List<VenueCurve> pool = List.of(pair("a", 1000, 3000, 100_000));
        RoutingParams bound = new RoutingParams(30, 20, 150_000, 1);
        // 10 WETH into 1000 WETH: ~99 bps impact. A slice of 10/n has ~99/n bps: n = 4 is the first under 30 bps.
        Route route = Router.decide(sell(10, "0"), pool, bound);
        assertThat(route.kind()).isEqualTo(Route.Kind.SLICED);
        assertThat(route.slices()).isEqualTo(4);
        assertThat(route.sliceAmountIn()).isEqualTo(E18.multiply(BigInteger.TEN).divide(BigInteger.valueOf(4)));
        assertThat(Router.best(sell(10, "0").withAmountIn(route.sliceAmountIn()), pool, bound).impactBps())
                .isLessThanOrEqualTo(BigDecimal.valueOf(30));
        assertThat(Router.sliced(sell(10, "0"), pool, bound, 3).impactBps()).isGreaterThan(BigDecimal.valueOf(30));
        // slices that each recover are cheaper than at once (gas free here)
        assertThat(route.expectedOut()).isGreaterThan(Router.single(sell(10, "0"), pool).expectedOut());
        // under the bound nothing is sliced
        assertThat(Router.decide(sell(2, "0"), pool, bound).kind()).isEqualTo(Route.Kind.SINGLE);
    }

    @Test
    void slippageAndCostAreMeasuredAgainstTheOracle() {
        Route route = Router.decide(sell(1, "1000"), List.of(pair("a", 1000, 3000, 100_000)), RoutingParams.SINGLE_AT_ONCE);
        // 1 WETH → 1992.013962 USDC against 2000 oracle: 39.93 bps; gas 100 USDC more: 539.93 bps
        assertThat(route.expectedOut()).isEqualTo(BigInteger.valueOf(1_992_013_962L));
        assertThat(route.slippageBps()).isEqualByComparingTo("39.930190");
        assertThat(route.costBps()).isEqualByComparingTo("539.930190");
        assertThat(route.describe()).contains("single venue: a (v2 0.3%)", "expected out 1992013962", "oracle-implied 2000000000",
                "slippage 39.93 bps");
    }

    @Test
    void aLegNoVenueCanFillIsRefusedByName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Router.decide(sell(1000, "0"), List.of(
                new WeightedCurve("w", "ballast", E18.multiply(BigInteger.valueOf(1000)), 18, E18.divide(BigInteger.TWO),
                        E6.multiply(BigInteger.valueOf(2_000_000)), 6, E18.divide(BigInteger.TWO), BigInteger.ZERO, 1)),
                RoutingParams.SINGLE_AT_ONCE)).isInstanceOf(NoRouteException.class).hasMessageContaining("WETH -> USDC");
    }
}
