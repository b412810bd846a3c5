package dev.ballast.backtest;

import static dev.ballast.policy.FixedPoint.WAD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.policy.PolicyParams;
import dev.ballast.policy.RebalanceMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sweep's shared replay ({@link BacktestEngine#measureAll}: settings in the same state valued once per bar, a
 * policy decision shared by the settings due together) against each strategy's own full replay
 * ({@link BacktestEngine#run}) on random data (with gaps between bars), costs, execution timings and settings: sweep
 * grids whose settings differ only in band, mode, interval and check dates (which share), mixed with settings that
 * differ in what the plan reads (which must not). The measures must be equal to the last bit.
 */
class SharedReplayDifferentialTest {
    private static final long DAY = Bars.DAY;

    @Test
    void sharedMeasuresEqualEachStrategysFullReplay() {
        SplittableRandom r = new SplittableRandom(1802);
        int traded = 0;
        int tradedTogether = 0; // different settings whose whole runs (with trades) came out identical: a shared branch
        for (int c = 0; c < 300; c++) {
            int assets = 2 + r.nextInt(9);
            PriceSeries prices = withGaps(r, Bars.randomWalk(r.nextLong(), assets, 20 + r.nextInt(300)));
            BacktestEngine engine = RandomEngines.engine(r, prices, assets);
            List<Strategy> strategies = new ArrayList<>();
            PolicyParams base = params(r);
            for (int k = 0; k < 12 + r.nextInt(20); k++) {
                // mostly the base's plan settings with another trigger; sometimes other plan settings too
                PolicyParams p = r.nextInt(5) == 0 ? params(r) : trigger(r, base.toBuilder()).build();
                strategies.add(new Strategy.Rebalancing("s" + k, p, r.nextInt(3) == 0 ? (1 + r.nextInt(40)) * DAY : 0));
                if (r.nextInt(8) == 0) strategies.add(strategies.get(r.nextInt(strategies.size()))); // a duplicate
            }
            strategies.add(r.nextInt(strategies.size()), Strategies.buyAndHold());
            Measures[] shared = engine.measureAll(strategies);
            assertThat(shared).hasSize(strategies.size());
            List<Measures> seen = new ArrayList<>();
            for (int k = 0; k < strategies.size(); k++) {
                Strategy s = strategies.get(k);
                Measures full = engine.run(s).measures();
                assertThat(shared[k]).as("case %d strategy %d %s", c, k, s).isEqualTo(full);
                if (full.rebalances() == 0) continue;
                traded++;
                if (seen.contains(full) && !strategies.subList(0, k).contains(s)) tradedTogether++;
                seen.add(full);
            }
        }
        assertThat(traded).isGreaterThan(2000);
        assertThat(tradedTogether).isGreaterThan(50);
    }

    /** The band, mode and interval (what decides when a rebalance is due) drawn anew on {@code b}. */
    private static PolicyParams.Builder trigger(SplittableRandom r, PolicyParams.Builder b) {
        RebalanceMode mode = RebalanceMode.values()[r.nextInt(RebalanceMode.values().length)];
        return b.mode(mode)
                .band(r.nextBoolean() ? WAD / 100 * (1 + r.nextInt(20)) : WAD / 1000 + r.nextLong(WAD / 4))
                .calendarInterval(mode == RebalanceMode.BAND && r.nextBoolean() ? 0 : (1 + r.nextInt(60)) * DAY);
    }

    private static PolicyParams params(SplittableRandom r) {
        return trigger(r, PolicyParams.builder())
                .cooldown(r.nextInt(3) == 0 ? r.nextInt(10) * DAY : 0)
                .minTradeValue(r.nextInt(3) == 0 ? r.nextLong(100_000_000L * 10_000) : 0)
                .maxTradeFraction(r.nextBoolean() ? WAD : WAD / 20 + r.nextLong(WAD - WAD / 20))
                .correctionBenefit(r.nextInt(4) == 0 ? 0 : r.nextLong(WAD / 10))
                .build();
    }

    /** The same prices on bars 1 to 3 days apart, so check dates and intervals meet gaps in the data. */
    private static PriceSeries withGaps(SplittableRandom r, PriceSeries p) {
        long[] ts = new long[p.size()];
        ts[0] = Bars.T0;
        for (int t = 1; t < ts.length; t++) ts[t] = ts[t - 1] + (r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 1) * DAY;
        return new PriceSeries(p.assets(), ts, p.prices());
    }
}
