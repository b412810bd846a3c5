package dev.ballast.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Each curve against amounts computed by hand (Python integers for V2 and V3, 80-digit decimals for the weighted
 * power), so a wrong rounding direction or a missed fee shows up as a wei difference.
 */
class VenueCurveTest {
    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final BigInteger E6 = BigInteger.TEN.pow(6);

    @Test
    void constantProductPaysUniswapV2GetAmountOut() {
        // 1000 WETH / 2,000,000 USDC: 1e18·997·2e12 / (1000e18·1000 + 1e18·997)
        ConstantProductCurve pair = new ConstantProductCurve("v2", E18.multiply(BigInteger.valueOf(1000)),
                E6.multiply(BigInteger.valueOf(2_000_000)), 3000, 100_000);
        assertThat(pair.amountOut(E18)).contains(BigInteger.valueOf(1_992_013_962L));
        assertThat(pair.amountOut(E18.multiply(BigInteger.valueOf(50)))).contains(BigInteger.valueOf(94_965_947_516L));
        assertThat(pair.amountOut(BigInteger.ONE)).isEmpty(); // pays 0: the pair reverts INSUFFICIENT_OUTPUT_AMOUNT
        assertThat(pair.marginalRate().doubleValue()).isCloseTo(2000e6 / 1e18 * 0.997, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void weightedEqualWeightsIsTheIntegerConstantProductAfterTheFee() {
        WeightedCurve pool = new WeightedCurve("ballast", "ballast", E18.multiply(BigInteger.valueOf(1000)), 18,
                E18.divide(BigInteger.TWO), E6.multiply(BigInteger.valueOf(3_000_000)), 6, E18.divide(BigInteger.TWO),
                new BigInteger("3000000000000000"), 150_000);
        assertThat(pool.amountOut(E18.multiply(BigInteger.TEN))).contains(BigInteger.valueOf(29_614_741_031L));
    }

    @Test
    void weighted8020PaysThePowerFormulaRoundedDown() {
        // 2000 WETH (w 0.8) / 1,000,000 USDC (w 0.2), fee 0.3%, sell 10 WETH:
        // 1e24·(1 − (2000e18 / (2000e18 + 9.97e18))^4) = 19693953874864379449792.7... scaled, 19693.953874 USDC
        WeightedCurve pool = new WeightedCurve("bal", "balancer 80/20", E18.multiply(BigInteger.valueOf(2000)), 18,
                new BigInteger("800000000000000000"), E6.multiply(BigInteger.valueOf(1_000_000)), 6,
                new BigInteger("200000000000000000"), new BigInteger("3000000000000000"), 120_000);
        assertThat(pool.amountOut(E18.multiply(BigInteger.TEN))).contains(BigInteger.valueOf(19_693_953_874L));
        // above 30% of the balance in: both the Ballast pool and Balancer revert (MaxInRatio / BAL#304)
        assertThat(pool.amountOut(E18.multiply(BigInteger.valueOf(700)))).isEmpty();
        assertThat(pool.kind()).isEqualTo("balancer 80/20 0.3%");
    }

    @Test
    void sqrtRatioAtTickMatchesTickMathAtItsEnds() {
        assertThat(V3Math.sqrtRatioAtTick(V3Math.MIN_TICK)).isEqualTo(V3Math.MIN_SQRT_RATIO);
        assertThat(V3Math.sqrtRatioAtTick(V3Math.MAX_TICK)).isEqualTo(V3Math.MAX_SQRT_RATIO);
        assertThat(V3Math.sqrtRatioAtTick(0)).isEqualTo(V3Math.Q96);
        assertThat(ConcentratedCurve.tickAtSqrtRatio(V3Math.sqrtRatioAtTick(-200311))).isEqualTo(-200311);
        assertThat(ConcentratedCurve.tickAtSqrtRatio(V3Math.sqrtRatioAtTick(-200311).subtract(BigInteger.ONE))).isEqualTo(-200312);
    }

    /** WETH (token0, 18 decimals) / USDC (token1, 6 decimals) at 2000, 0.05%, tick spacing 10. */
    private static ConcentratedCurve v3(boolean zeroForOne) {
        BigInteger sqrtP = new BigInteger("3543191142285914205922034");
        BigInteger l = new BigInteger("44721359549995793");
        return ConcentratedCurve.of("v3", zeroForOne, sqrtP, 10, List.of(new ConcentratedCurve.Position(-201000, -199600, l),
                new ConcentratedCurve.Position(-199600, -199000, l.divide(BigInteger.TWO))), 500, 130_000);
    }

    @Test
    void concentratedInRangePaysOneSwapStep() {
        // fee off the input, sqrtNext = ceil(L·2^96·P / (L·2^96 + in·P)), out = floor(L·(P − sqrtNext) / 2^96)
        assertThat(v3(true).amountOut(E18)).contains(BigInteger.valueOf(1_997_003_994L));
        assertThat(v3(true).tick()).isEqualTo(-200312); // floor(log_1.0001(2e-9)) = floor(-200311.2)
    }

    @Test
    void concentratedStopsAtTheBitmapWordAndCrossesARange() {
        // 80,000 USDC in: a step to the word end at tick -199690 (uninitialized), one to -199600, crossing it
        // (liquidity halves), and the rest inside the second range; each step rounds on its own
        assertThat(v3(false).amountOut(E6.multiply(BigInteger.valueOf(80_000))))
                .contains(new BigInteger("38430330644112287045"));
    }

    @Test
    void concentratedRefusesWhatItsLiquidityCannotFill() {
        assertThat(v3(false).amountOut(E6.multiply(BigInteger.valueOf(900_000)))).isEmpty();
    }

    @Test
    void concentratedRejectsATickOffTheSpacing() {
        Map<Integer, BigInteger> net = new TreeMap<>(Map.of(-15, BigInteger.ONE));
        assertThatThrownBy(() -> new ConcentratedCurve("v3", true, V3Math.Q96, 0, BigInteger.ONE, 10, new TreeMap<>(net), 500, 1))
                .hasMessageContaining("initialized tick -15 of v3 is not a multiple of the tick spacing 10");
    }

    @Test
    void badInputNamesTheField() {
        assertThatThrownBy(() -> new ConstantProductCurve("v2", BigInteger.ZERO, BigInteger.ONE, 3000, 1))
                .hasMessageContaining("reserveIn of v2");
        assertThatThrownBy(() -> new WeightedCurve("w", "w", BigInteger.ONE, 18, BigInteger.ZERO, BigInteger.ONE, 18,
                E18, BigInteger.ZERO, 1)).hasMessageContaining("weightIn of w");
    }
}
