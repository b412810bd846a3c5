package dev.ballast.backtest.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.backtest.BacktestConfig;
import dev.ballast.backtest.BacktestEngine;
import dev.ballast.backtest.CalendarPeriod;
import dev.ballast.backtest.CostModel;
import dev.ballast.backtest.Strategies;
import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.backtest.tax.Disposal;
import dev.ballast.backtest.tax.LotSelection;
import dev.ballast.backtest.tax.TaxRates;
import dev.ballast.backtest.tax.TaxRules;
import dev.ballast.policy.PolicyParams;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaxReplayTest {
    static final PriceSeries DOUBLING = new PriceSeries(List.of("A", "B"),
            new long[] {1_600_000_000L, 1_600_086_400L, 1_600_172_800L},
            new double[][] {{10, 10}, {20, 10}, {20, 10}});
    static final BacktestConfig CONFIG = BacktestConfig.equalWeights(1000, 2);
    static final TaxRates RATES = new TaxRates(0.4, 0.2);

    @Test
    void dailyRebalanceAfterADoublingRealizesTheGainByHand() {
        // bar 0: 50 A and 50 B at 10. Bar 1: A at 20, NAV 1500; back to 750 each: sell 12.5 A (bought at 10)
        // for 250, gain 12.5 x (20 - 10) = 125, short term. Bar 2: nothing moves, nothing is sold.
        var run = new BacktestEngine(DOUBLING, CONFIG, CostModel.FREE)
                .run(Strategies.calendar(CalendarPeriod.DAILY, PolicyParams.builder().build()));
        TaxReplay.Outcome o = TaxReplay.replay(run, DOUBLING, LotSelection.FIFO, TaxRules.defaults(), RATES);
        assertThat(o.disposals()).hasSize(1);
        Disposal d = o.disposals().get(0);
        assertThat(d.asset()).isEqualTo("A");
        assertThat(d.quantity()).isCloseTo(12.5, within(1e-6));
        assertThat(d.gain()).isCloseTo(125, within(1e-4));
        assertThat(o.years()).hasSize(1);
        assertThat(o.years().get(0).bill().total()).isCloseTo(125 * 0.4, within(1e-4));
    }

    @Test
    void buyAndHoldRealizesNothing() {
        var run = new BacktestEngine(DOUBLING, CONFIG, CostModel.FREE).run(Strategies.buyAndHold());
        TaxReplay.Outcome o = TaxReplay.replay(run, DOUBLING, LotSelection.HIFO, TaxRules.defaults(), RATES);
        assertThat(o.disposals()).isEmpty();
    }
}
