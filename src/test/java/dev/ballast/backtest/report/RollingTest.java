package dev.ballast.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RollingTest {
    @Test
    void sharpeAndTrackingErrorOverTheTrailingWindow() {
        // returns +10%, -10%, +10%, 0%: windows of 2 are (0.1, -0.1), (-0.1, 0.1), (0.1, 0)
        double[] nav = {100, 110, 99, 108.9, 108.9};
        double[] sharpe = Rolling.sharpe(nav, 2, 4);
        assertThat(sharpe[0]).isNaN();
        assertThat(sharpe[1]).isNaN();
        assertThat(sharpe[2]).isCloseTo(0, within(1e-12));
        // mean 0.05, sample sd 0.0707107, x sqrt(4)
        assertThat(sharpe[4]).isCloseTo(0.05 / Math.sqrt(0.005) * 2, within(1e-9));
        double[] flat = {100, 100, 100, 100, 100};
        double[] te = Rolling.trackingError(nav, flat, 2, 4);
        assertThat(te[2]).isCloseTo(Math.sqrt(0.02) * 2, within(1e-9)); // sd of (0.1, -0.1) = sqrt(0.02)
        assertThat(Rolling.trackingError(nav, nav, 2, 4)[3]).isCloseTo(0, within(1e-9));
    }

    @Test
    void windowIsAYearOrAQuarterOfAShortPath() {
        assertThat(Rolling.window(1860, 260)).isEqualTo(260);
        assertThat(Rolling.window(300, 260)).isEqualTo(75);
    }
}
