package dev.ballast.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.policy.FixedPoint;
import dev.ballast.policy.PolicyParams;
import org.junit.jupiter.api.Test;

/**
 * The two calendar-AND-band rules on one hand-computed case. Daily bars, B flat at 1, A at 1 until day 8 and 1.5
 * from day 9 on: 50 A + 50 B are then worth 75 + 50, weight of A 0.6, drift 10%, outside a 5% band. Weekly interval.
 */
class CalendarAndBandModesTest {
    private static final long BAND = FixedPoint.WAD / 20;
    private static final PolicyParams BASE = PolicyParams.builder().build();

    private static PriceSeries jumpOnDay9() {
        double[][] rows = new double[21][];
        for (int t = 0; t < rows.length; t++) rows[t] = new double[] {t >= 9 ? 1.5 : 1, 1};
        return Bars.daily(rows);
    }

    private static BacktestResult run(Strategy s) {
        return new BacktestEngine(jumpOnDay9(), BacktestConfig.of(100, 0, 0.5, 0.5), CostModel.FREE).run(s);
    }

    private static int firstRebalancedBar(BacktestResult r) {
        for (int t = 9; t < r.nav().length; t++) if (Math.abs(r.weights()[t][0] - 0.5) < 1e-9) return t;
        return -1;
    }

    @Test
    void bandAfterIntervalRebalancesOnTheFirstBreachOnceAWeekHasPassed() {
        // a week has passed on day 7 (no breach then); the breach on day 9 is acted on at once: the vault's rule
        BacktestResult r = run(Strategies.calendarAndBand(CalendarPeriod.WEEKLY, BAND, BASE));
        assertThat(r.strategy()).isEqualTo("band 5% after weekly interval");
        assertThat(r.measures().rebalances()).isEqualTo(1);
        assertThat(firstRebalancedBar(r)).isEqualTo(9);
        assertThat(r.drift()[9]).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void bandOnCalendarDatesWaitsForTheNextDate() {
        // check dates are days 7, 14, 21...: no breach on day 7; the day-9 breach waits until day 14
        BacktestResult r = run(Strategies.bandOnCalendarDates(CalendarPeriod.WEEKLY, BAND, BASE));
        assertThat(r.strategy()).isEqualTo("band 5% on weekly dates");
        assertThat(r.measures().rebalances()).isEqualTo(1);
        assertThat(firstRebalancedBar(r)).isEqualTo(14);
        assertThat(r.weights()[13][0]).isCloseTo(0.6, within(1e-12));
        assertThat(r.drift()[13]).isCloseTo(0.1, within(1e-12)); // drift is still measured between dates
    }

    @Test
    void aGapInTheDataGivesOneCheckNotOnePerSkippedDate() {
        // bars on days 0, 1 and 30 only: days 7, 14, 21 and 28 all fall in the gap; day 30 is checked once
        double[][] rows = {{1, 1}, {1, 1}, {1.5, 1}};
        long[] ts = {Bars.T0, Bars.T0 + Bars.DAY, Bars.T0 + 30 * Bars.DAY};
        PriceSeries gap = new PriceSeries(java.util.List.of("A", "B"), ts, rows);
        BacktestResult r = new BacktestEngine(gap, BacktestConfig.of(100, 0, 0.5, 0.5), CostModel.FREE)
                .run(Strategies.bandOnCalendarDates(CalendarPeriod.WEEKLY, BAND, BASE));
        assertThat(r.measures().rebalances()).isEqualTo(1);
        assertThat(r.weights()[2][0]).isCloseTo(0.5, within(1e-9));
    }
}
