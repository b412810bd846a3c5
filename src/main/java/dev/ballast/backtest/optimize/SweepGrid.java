package dev.ballast.backtest.optimize;

import dev.ballast.backtest.CalendarPeriod;
import dev.ballast.backtest.Strategies;
import dev.ballast.backtest.Strategy;
import dev.ballast.policy.FixedPoint;
import dev.ballast.policy.PolicyParams;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings a sweep tries: every calendar period alone, every band alone, and every (period, band) pair as
 * "calendar AND band" (look at each date, trade only if the band is breached), all from one base {@link PolicyParams}.
 *
 * @param bands   bands as 18-decimal fractions, e.g. 0.05e18 for 5%
 * @param periods calendar periods
 */
public record SweepGrid(List<Long> bands, List<CalendarPeriod> periods) {
    public SweepGrid {
        bands = List.copyOf(bands);
        periods = List.copyOf(periods);
        for (long b : bands) {
            if (b <= 0 || b >= FixedPoint.WAD) throw new IllegalArgumentException("band " + b + " must be in (0, 1e18)");
        }
    }

    /** Bands 1%, 2%, … {@code maxPercent}% and all five calendar periods. */
    public static SweepGrid percentBands(int maxPercent) {
        List<Long> bands = new ArrayList<>();
        for (int p = 1; p <= maxPercent; p++) bands.add(p * (FixedPoint.WAD / 100));
        return new SweepGrid(bands, List.of(CalendarPeriod.values()));
    }

    /** Calendar-only, band-only, then calendar-and-band settings ({@code P + B + P×B} strategies). */
    public List<Strategy> strategies(PolicyParams base) {
        List<Strategy> out = new ArrayList<>();
        for (CalendarPeriod p : periods) out.add(Strategies.calendar(p, base));
        for (long b : bands) out.add(Strategies.band(b, base));
        out.addAll(combined(base));
        return out;
    }

    /** Only the {@code P×B} calendar-and-band settings. */
    public List<Strategy> combined(PolicyParams base) {
        List<Strategy> out = new ArrayList<>();
        for (CalendarPeriod p : periods) {
            for (long b : bands) out.add(Strategies.calendarAndBand(p, b, base));
        }
        return out;
    }
}
