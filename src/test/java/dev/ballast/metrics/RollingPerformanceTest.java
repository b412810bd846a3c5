package dev.ballast.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The rolling figures against values worked out by hand. */
class RollingPerformanceTest {
    private static final long HOUR = 3_600;
    private static final long DAY = 86_400;
    private static final double YEAR = 31_557_600d;
    private static final double[] HALF = {0.5, 0.5};

    @Test
    void aVaultHoldingItsTargetsHasNoTrackingErrorAndTheSharpeOfItsReturns() {
        RollingPerformance p = new RollingPerformance(30 * DAY, HOUR);
        double[] returns = {0.01, -0.02, 0.03};
        double a = 100;
        p.offer(0, new double[] {50, 50}, new double[] {a, 1}, HALF);
        for (int k = 0; k < returns.length; k++) {
            // asset A moves by 2r, B stays: a 50/50 holding earns r; re-weighted back to 50/50 each hour
            a *= 1 + 2 * returns[k];
            p.offer((k + 1) * HOUR, new double[] {50, 50}, new double[] {a, 1}, HALF);
        }
        RollingPerformance.Figures f = p.figures();
        assertThat(f.returns()).isEqualTo(3);
        assertThat(f.trackingError()).isCloseTo(0, within(1e-12));
        double mean = (0.01 - 0.02 + 0.03) / 3;
        double sd = Math.sqrt(((0.01 - mean) * (0.01 - mean) + (-0.02 - mean) * (-0.02 - mean)
                + (0.03 - mean) * (0.03 - mean)) / 2);
        double periodsPerYear = 3 / (3 * HOUR / YEAR);
        assertThat(f.sharpe()).isCloseTo(mean / sd * Math.sqrt(periodsPerYear), within(1e-9));
    }

    @Test
    void trackingErrorIsTheSpreadOfTheActiveReturn() {
        RollingPerformance p = new RollingPerformance(30 * DAY, HOUR);
        // the vault holds only A, the target is 50/50: active return = 0.5 x A's move
        double[] moves = {0.04, -0.02, 0.0, 0.02};
        double a = 1;
        p.offer(0, new double[] {100, 0}, new double[] {a, 1}, HALF);
        for (int k = 0; k < moves.length; k++) {
            a *= 1 + moves[k];
            p.offer((k + 1) * HOUR, new double[] {100, 0}, new double[] {a, 1}, HALF);
        }
        double[] active = {0.02, -0.01, 0.0, 0.01};
        double m = 0.005;
        double var = 0;
        for (double x : active) var += (x - m) * (x - m);
        double expected = Math.sqrt(var / 3) * Math.sqrt(4 / (4 * HOUR / YEAR));
        assertThat(p.figures().trackingError()).isCloseTo(expected, within(1e-9));
    }

    @Test
    void turnoverAndCostAreAnnualisedOverTheSpanAndDeductedFromReturns() {
        RollingPerformance p = new RollingPerformance(30 * DAY, HOUR);
        for (int h = 0; h <= 30 * 24; h++) p.offer(h * HOUR, new double[] {500, 500}, new double[] {1, 1}, HALF);
        p.rebalanced(10 * DAY + 1, 300, 2);
        p.rebalanced(20 * DAY + 1, 200, 3);
        RollingPerformance.Figures f = p.figures();
        double years = 30 * DAY / YEAR;
        assertThat(f.spanSeconds()).isEqualTo(30 * DAY);
        assertThat(f.turnover()).isCloseTo(500 / 1000.0 / years, within(1e-9));
        assertThat(f.costBpsPerYear()).isCloseTo(5 / 1000.0 / years * 1e4, within(1e-9));
        // prices never moved: the only negative returns are the two costs, so the mean is negative
        assertThat(f.sharpe()).isNegative();
    }

    @Test
    void samplesCloserThanAStepAreDroppedAndOldOnesLeaveTheWindow() {
        RollingPerformance p = new RollingPerformance(2 * DAY, HOUR);
        assertThat(p.offer(0, new double[] {1, 1}, new double[] {1, 1}, HALF)).isTrue();
        assertThat(p.due(HOUR - 1)).isFalse();
        assertThat(p.offer(HOUR - 1, new double[] {1, 1}, new double[] {1, 1}, HALF)).isFalse();
        p.rebalanced(10, 1_000, 0);
        for (int h = 1; h <= 72; h++) p.offer(h * HOUR, new double[] {1, 1}, new double[] {1, 1}, HALF);
        assertThat(p.size()).isEqualTo(49); // 48 hours of returns
        assertThat(p.figures().turnover()).isZero(); // the early trade left the window
        assertThat(new RollingPerformance(DAY, HOUR).figures().trackingError()).isNaN();
        assertThatThrownBy(() -> new RollingPerformance(HOUR, DAY)).hasMessageContaining("step");
    }
}
