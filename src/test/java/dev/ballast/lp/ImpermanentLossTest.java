package dev.ballast.lp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImpermanentLossTest {
    private static final BigDecimal TOLERANCE = new BigDecimal("1e-40");

    private static List<BigDecimal> d(String... values) {
        return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
    }

    private static void assertClose(BigDecimal actual, BigDecimal expected) {
        assertThat(actual.subtract(expected).abs()).as("%s vs %s", actual, expected).isLessThan(TOLERANCE);
    }

    @Test
    void fiftyFiftyWithOnePriceQuadrupledLosesTwentyPercent() {
        // 2·sqrt(4)/(1+4) − 1 = 4/5 − 1
        assertClose(ImpermanentLoss.loss(d("0.5", "0.5"), d("1", "4")), new BigDecimal("-0.2"));
        assertClose(ImpermanentLoss.poolGrowth(d("0.5", "0.5"), d("1", "4")), new BigDecimal("2"));
        assertClose(ImpermanentLoss.holdGrowth(d("0.5", "0.5"), d("1", "4")), new BigDecimal("2.5"));
    }

    /**
     * Hand-computed (Python decimal, 50 digits): 80/20 with the 20% asset ×4: 4^0.2 / (0.8 + 0.8); with the 80% asset
     * ×4: 4^0.8 / (3.2 + 0.2); with the 20% asset ×0.25: 0.25^0.2 / (0.8 + 0.05), the same loss as the 80% asset ×4.
     */
    @ParameterizedTest
    @CsvSource({
            "0.8, 0.2, 1, 4, 1.3195079107728942593740019712296401330, 1.6",
            "0.8, 0.2, 4, 1, 3.0314331330207961646945196026128904774, 3.4",
            "0.8, 0.2, 1, 0.25, 0.75785828325519904117362990065322261934, 0.85",
            "0.5, 0.5, 1, 0.25, 0.5, 0.625"})
    void eightyTwentyCases(String w0, String w1, String r0, String r1, String pool, String hold) {
        List<BigDecimal> w = d(w0, w1);
        List<BigDecimal> r = d(r0, r1);
        BigDecimal expectedPool = new BigDecimal(pool);
        assertThat(ImpermanentLoss.poolGrowth(w, r).subtract(expectedPool).abs()).isLessThan(new BigDecimal("1e-30"));
        assertClose(ImpermanentLoss.holdGrowth(w, r), new BigDecimal(hold));
        BigDecimal expectedLoss = expectedPool.divide(new BigDecimal(hold), MathContext.DECIMAL128).subtract(BigDecimal.ONE);
        assertThat(ImpermanentLoss.loss(w, r).subtract(expectedLoss).abs()).isLessThan(new BigDecimal("1e-30"));
    }

    @Test
    void eightyTwentyLosesLessThanFiftyFiftyForTheSameMove() {
        BigDecimal fifty = ImpermanentLoss.loss(d("0.5", "0.5"), d("1", "4"));
        BigDecimal minorMoves = ImpermanentLoss.loss(d("0.8", "0.2"), d("1", "4"));
        BigDecimal majorMoves = ImpermanentLoss.loss(d("0.8", "0.2"), d("4", "1"));
        assertThat(minorMoves).isGreaterThan(fifty);
        assertThat(majorMoves).isGreaterThan(minorMoves);
        assertThat(minorMoves.subtract(new BigDecimal("-0.175307555766941087891248767981")).abs()).isLessThan(new BigDecimal("1e-28"));
        assertThat(majorMoves.subtract(new BigDecimal("-0.108402019699765833913376587466")).abs()).isLessThan(new BigDecimal("1e-28"));
    }

    @Test
    void neverPositiveAndZeroWhenAllPricesMoveTogether() {
        long seed = 20261125L;
        SplittableRandom random = new SplittableRandom(seed);
        for (int n = 0; n < 200; n++) {
            int k = 2 + random.nextInt(4);
            List<BigDecimal> w = new ArrayList<>();
            int left = 100;
            for (int i = 0; i < k - 1; i++) {
                int take = 1 + random.nextInt(left - (k - 1 - i));
                w.add(BigDecimal.valueOf(take, 2));
                left -= take;
            }
            w.add(BigDecimal.valueOf(left, 2));
            List<BigDecimal> r = new ArrayList<>();
            for (int i = 0; i < k; i++) r.add(BigDecimal.valueOf(random.nextLong(1, 10_000), 3));
            BigDecimal loss = ImpermanentLoss.loss(w, r);
            assertThat(loss).as("seed %d case %d: w=%s r=%s", seed, n, w, r).isLessThanOrEqualTo(TOLERANCE);
            BigDecimal same = r.getFirst();
            List<BigDecimal> together = w.stream().map(x -> same).toList();
            assertThat(ImpermanentLoss.loss(w, together).abs()).as("seed %d case %d: all ×%s", seed, n, same)
                    .isLessThan(new BigDecimal("1e-50"));
        }
    }

    @Test
    void refusesBadInput() {
        assertThatThrownBy(() -> ImpermanentLoss.loss(d("0.5", "0.5"), d("1"))).hasMessageContaining("2 weights but 1");
        assertThatThrownBy(() -> ImpermanentLoss.loss(d("0.5", "0.5"), d("1", "0"))).hasMessageContaining("must be > 0");
        assertThatThrownBy(() -> ImpermanentLoss.checkWeights(d("0.5", "0.6"))).hasMessageContaining("sum to 1.1");
    }
}
