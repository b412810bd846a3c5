package dev.ballast.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatisticsTest {
    private static final double EPS = 1e-12;

    @Test
    void periodReturnsAreRatiosMinusOne() {
        assertThat(Statistics.periodReturns(new double[] {100, 150, 75})).containsExactly(new double[] {0.5, -0.5},
                within(EPS));
    }

    @Test
    void sampleStandardDeviationDividesByNMinusOne() {
        // mean 2.5, squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5, / 3
        assertThat(Statistics.stdDev(new double[] {1, 2, 3, 4})).isCloseTo(Math.sqrt(5.0 / 3), within(EPS));
        assertThat(Statistics.stdDev(new double[] {7})).isNaN();
    }

    @Test
    void maxDrawdownIsTheDeepestFallFromARunningPeak() {
        // peak 130 then 65: -50%; the earlier 120 -> 90 is only -25%
        assertThat(Statistics.maxDrawdown(new double[] {100, 120, 90, 130, 65})).isCloseTo(0.5, within(EPS));
        assertThat(Statistics.maxDrawdown(new double[] {1, 2, 3})).isZero();
    }

    @Test
    void annualisationUsesTheObservedBarSpacing() {
        long[] weekly = {0, 7 * 86_400, 14 * 86_400};
        assertThat(Statistics.years(weekly)).isCloseTo(14 / 365.25, within(EPS));
        assertThat(Statistics.periodsPerYear(weekly)).isCloseTo(365.25 / 7, within(1e-9));
        assertThat(Statistics.annualizedReturn(100, 121, 2)).isCloseTo(0.1, within(EPS));
    }

    @Test
    void trackingErrorAndSharpe() {
        double[] a = {0.02, 0.00, 0.01};
        double[] b = {0.01, 0.01, 0.01};
        // differences 0.01, -0.01, 0: sample std dev 0.01
        assertThat(Statistics.trackingError(a, b, 4)).isCloseTo(0.02, within(EPS));
        // mean 0.01 × 4 = 0.04 minus 0.01 risk-free, over 0.01 × 2
        assertThat(Statistics.sharpe(a, 4, 0.01)).isCloseTo(1.5, within(1e-9));
    }
}
