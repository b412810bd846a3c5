package dev.ballast.backtest;

import static dev.ballast.policy.FixedPoint.WAD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.policy.PolicyParams;
import dev.ballast.policy.RebalanceMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sweep's lean replay ({@link BacktestEngine#measure}: no weights kept, the hold path reused until the first
 * trade, its measures for strategies that never trade) against the full replay ({@link BacktestEngine#run}) on
 * random settings, data, costs and execution: the measures must be equal to the last bit.
 */
class LeanReplayDifferentialTest {
    private static final long DAY = Bars.DAY;

    @Test
    void leanMeasuresEqualTheFullReplaysOnRandomSettings() {
        SplittableRandom r = new SplittableRandom(2018);
        int traded = 0;
        int neverTraded = 0;
        int tradedLate = 0;
        for (int c = 0; c < 400; c++) {
            int assets = 2 + r.nextInt(7);
            PriceSeries prices = Bars.randomWalk(r.nextLong(), assets, 20 + r.nextInt(300));
            BacktestEngine engine = RandomEngines.engine(r, prices, assets);
            for (int k = 0; k < 8; k++) {
                Strategy s = new Strategy.Rebalancing("s" + k, params(r), r.nextInt(3) == 0 ? (1 + r.nextInt(40)) * DAY : 0);
                Measures full = engine.run(s).measures();
                assertThat(engine.measure(s)).as("case %d strategy %s", c, s).isEqualTo(full);
                if (full.rebalances() == 0) neverTraded++;
                else traded++;
                if (full.rebalances() > 0 && firstTradeAfterBar(engine, s) > 5) tradedLate++;
            }
            assertThat(engine.measure(Strategies.buyAndHold())).isEqualTo(engine.run(Strategies.buyAndHold()).measures());
        }
        // both branches of the lean replay are exercised, and so is leaving the hold path mid-run
        assertThat(neverTraded).isGreaterThan(200);
        assertThat(traded).isGreaterThan(1000);
        assertThat(tradedLate).isGreaterThan(200);
    }

    private static int firstTradeAfterBar(BacktestEngine engine, Strategy s) {
        double[] nav = engine.run(s).nav();
        double[] hold = engine.run(Strategies.buyAndHold()).nav();
        int t = 0;
        while (t < nav.length && nav[t] == hold[t]) t++;
        return t;
    }

    private static PolicyParams params(SplittableRandom r) {
        RebalanceMode mode = RebalanceMode.values()[r.nextInt(RebalanceMode.values().length)];
        return PolicyParams.builder()
                .mode(mode)
                .band(WAD / 1000 + r.nextLong(WAD / 4))
                .calendarInterval(mode == RebalanceMode.BAND && r.nextBoolean() ? 0 : (1 + r.nextInt(60)) * DAY)
                .cooldown(r.nextInt(3) == 0 ? r.nextInt(10) * DAY : 0)
                .minTradeValue(r.nextInt(3) == 0 ? r.nextLong(100_000_000L * 10_000) : 0)
                .maxTradeFraction(r.nextBoolean() ? WAD : WAD / 20 + r.nextLong(WAD - WAD / 20))
                .correctionBenefit(r.nextInt(4) == 0 ? 0 : r.nextLong(WAD / 10))
                .build();
    }
}
