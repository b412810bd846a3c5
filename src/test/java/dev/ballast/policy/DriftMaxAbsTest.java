package dev.ballast.policy;

import static dev.ballast.policy.FixedPoint.WAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Drift#maxAbs(long[], long[])} (floating-point screen, exact answer) against {@link Drift#of}'s exact one. */
class DriftMaxAbsTest {
    @Test
    void equalsTheExactDriftOnRandomPortfolios() {
        SplittableRandom r = new SplittableRandom(18);
        for (int c = 0; c < 200_000; c++) {
            int n = 1 + r.nextInt(12);
            long[] values = new long[n];
            long scale = switch (r.nextInt(4)) {
                case 0 -> 1_000L;
                case 1 -> 100_000_000L * 1_000_000; // a million in value units
                case 2 -> Long.MAX_VALUE / 16;
                default -> 1L + r.nextLong(Long.MAX_VALUE / 16);
            };
            for (int i = 0; i < n; i++) values[i] = r.nextInt(10) == 0 ? 0 : r.nextLong(scale / n + 1);
            long[] targets = new long[n];
            for (int i = 0; i < n; i++) targets[i] = r.nextLong(WAD);
            assertThat(Drift.maxAbs(values, targets)).as("case %d", c).isEqualTo(Drift.of(values, targets).maxAbs());
        }
    }

    @Test
    void nearTiesAreMeasuredExactly() {
        // two assets whose deviations differ by one unit in 1e18: only the exact division tells them apart
        SplittableRandom r = new SplittableRandom(7);
        int decidedBySecond = 0;
        for (int c = 0; c < 100_000; c++) {
            long base = 1 + r.nextLong(1L << 50);
            long[] values = {base, base + r.nextInt(3), base - r.nextInt(3), base + r.nextInt(2)};
            long[] targets = {WAD / 4, WAD / 4 - r.nextInt(3), WAD / 4 + r.nextInt(3), WAD / 4};
            long exact = Drift.of(values, targets).maxAbs();
            assertThat(Drift.maxAbs(values, targets)).as("case %d", c).isEqualTo(exact);
            if (Math.abs(FixedPoint.divWadDown(values[0], values[0] + values[1] + values[2] + values[3]) - targets[0])
                    != exact) {
                decidedBySecond++;
            }
        }
        assertThat(decidedBySecond).as("ties where the first asset is not the largest").isGreaterThan(1000);
    }

    @Test
    void emptyPortfolioAndBadInputAreTheExactPathsAnswers() {
        long[] targets = {WAD / 2, WAD / 2 - 5, 5};
        assertThat(Drift.maxAbs(new long[3], targets)).isEqualTo(Drift.of(new long[3], targets).maxAbs()).isEqualTo(WAD / 2);
        assertThatThrownBy(() -> Drift.maxAbs(new long[] {5, -1, 7}, targets)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Drift.maxAbs(new long[] {Long.MAX_VALUE, 1, 0}, targets))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Drift.maxAbs(new long[2], targets)).isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("values/targets");
    }
}
