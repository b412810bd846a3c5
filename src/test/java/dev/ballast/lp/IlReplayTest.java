package dev.ballast.lp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.deploy.DecimalMath;
import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IlReplayTest {
    private static final List<BigDecimal> HALF = List.of(new BigDecimal("0.5"), new BigDecimal("0.5"));
    private static final BigDecimal TIGHT = new BigDecimal("1e-40");

    private static PriceSeries series(double[][] prices) {
        long[] t = new long[prices.length];
        for (int i = 0; i < t.length; i++) t[i] = 86_400L * (i + 1);
        return new PriceSeries(List.of("A", "B"), t, prices);
    }

    private static void assertClose(BigDecimal actual, String expected) {
        assertThat(actual.subtract(new BigDecimal(expected)).abs()).as("%s vs %s", actual, expected).isLessThan(TIGHT);
    }

    /** B ×4 then back: the pool recovers fully (loss is impermanent), the deepest loss is the −20% of ×4. */
    @Test
    void roundTripRecoversAndDeepestLossIsTheQuadrupling() {
        PriceSeries s = series(new double[][] {{100, 100}, {100, 400}, {100, 100}});
        IlReplay.Result every1 = IlReplay.run(s, List.of(0, 1), HALF, 1);
        assertClose(every1.pool(), "1");
        assertClose(every1.hold(), "1");
        assertClose(every1.finalLoss(), "0");
        assertClose(every1.worstLoss(), "-0.2");
        assertThat(every1.worstTime()).isEqualTo(2 * 86_400L);
        // rebalanced each row: ×(0.5 + 0.5·4) then ×(0.5 + 0.5·0.25) = 2.5 · 0.625
        assertClose(every1.rebalanced(), "1.5625");
        // rebalanced only at the end: the same as holding
        assertClose(IlReplay.run(s, List.of(0, 1), HALF, 2).rebalanced(), "1");
    }

    /** Columns can be picked and reordered; the weights follow the picked order. */
    @Test
    void weightsFollowTheChosenColumns() {
        PriceSeries s = series(new double[][] {{100, 100}, {400, 100}});
        List<BigDecimal> w = List.of(new BigDecimal("0.2"), new BigDecimal("0.8"));
        IlReplay.Result r = IlReplay.run(s, List.of(1, 0), w, 5);
        // B (weight 0.2) flat, A (weight 0.8) ×4: pool 4^0.8, hold 0.2 + 3.2
        assertThat(r.pool().subtract(new BigDecimal("3.0314331330207961646945196026128904774")).abs())
                .isLessThan(new BigDecimal("1e-35"));
        assertClose(r.hold(), "3.4");
    }

    /** Random paths: the end state depends only on the end prices (path independence of the pool), never above hold. */
    @Test
    void poolIsPathIndependentAndNeverBeatsHolding() {
        long seed = 77L;
        SplittableRandom random = new SplittableRandom(seed);
        for (int n = 0; n < 20; n++) {
            double[][] p = new double[10][2];
            for (int t = 0; t < p.length; t++) {
                p[t][0] = 1 + random.nextInt(1000);
                p[t][1] = 1 + random.nextInt(1000);
            }
            IlReplay.Result r = IlReplay.run(series(p), List.of(0, 1), HALF, 3);
            List<BigDecimal> ratios = List.of(BigDecimal.valueOf(p[9][0] / p[0][0]), BigDecimal.valueOf(p[9][1] / p[0][1]));
            BigDecimal direct = DecimalMath.exp(new BigDecimal("0.5").multiply(DecimalMath.ln(
                    BigDecimal.valueOf(p[9][0]).multiply(BigDecimal.valueOf(p[9][1]))
                            .divide(BigDecimal.valueOf(p[0][0]).multiply(BigDecimal.valueOf(p[0][1])), DecimalMath.MC))));
            assertThat(r.pool().subtract(direct).abs()).as("seed %d path %d", seed, n).isLessThan(new BigDecimal("1e-40"));
            assertThat(r.finalLoss()).as("seed %d path %d ratios %s", seed, n, ratios).isLessThanOrEqualTo(TIGHT);
            assertThat(r.worstLoss()).isLessThanOrEqualTo(r.finalLoss());
        }
    }

    @Test
    void refusesBadArguments() {
        PriceSeries s = series(new double[][] {{1, 1}, {2, 2}});
        assertThatThrownBy(() -> IlReplay.run(s, List.of(0), HALF, 1)).hasMessageContaining("1 assets but 2 weights");
        assertThatThrownBy(() -> IlReplay.run(s, List.of(0, 1), HALF, 0)).hasMessageContaining("rebalance-every");
    }

    @Test
    void fastLogAgreesWithDecimalMath() {
        SplittableRandom random = new SplittableRandom(5);
        for (int n = 0; n < 30; n++) {
            BigDecimal x = BigDecimal.valueOf(random.nextLong(1, Long.MAX_VALUE), random.nextInt(0, 30));
            assertThat(FastLog.ln(x).subtract(DecimalMath.ln(x)).abs()).as("ln %s", x).isLessThan(new BigDecimal("1e-50"));
        }
    }
}
