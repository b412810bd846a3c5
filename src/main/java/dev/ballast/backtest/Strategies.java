package dev.ballast.backtest;

import dev.ballast.policy.FixedPoint;
import dev.ballast.policy.PolicyParams;
import dev.ballast.policy.RebalanceMode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Factories for the strategies compared side by side. Rebalancing strategies start from a {@code base}
 * {@link PolicyParams} (minimum trade, per-call cap, slippage, cooldown, correction benefit) and set only the trigger.
 */
public final class Strategies {
    private Strategies() {}

    public static Strategy buyAndHold() {
        return new Strategy.BuyAndHold("buy-and-hold");
    }

    /** Rebalance to target every {@code period}, whatever the drift. */
    public static Strategy calendar(CalendarPeriod period, PolicyParams base) {
        return new Strategy.Rebalancing("calendar " + label(period), base.toBuilder()
                .mode(RebalanceMode.CALENDAR).calendarInterval(period.seconds()).build());
    }

    /** Rebalance whenever some weight leaves {@code target ± band} (18 decimals). */
    public static Strategy band(long band, PolicyParams base) {
        return new Strategy.Rebalancing("band " + percent(band), base.toBuilder()
                .mode(RebalanceMode.BAND).band(band).build());
    }

    /** Rebalance at each calendar date, and between dates whenever the band is breached. */
    public static Strategy calendarOrBand(CalendarPeriod period, long band, PolicyParams base) {
        return new Strategy.Rebalancing("calendar " + label(period) + " or band " + percent(band), base.toBuilder()
                .mode(RebalanceMode.BAND_OR_CALENDAR).calendarInterval(period.seconds()).band(band).build());
    }

    /**
     * The vault's BAND_AND_CALENDAR rule ("band-after-interval"): once {@code period} has passed since the last
     * rebalance, rebalance on any bar where the band is breached (not only on a calendar date).
     */
    public static Strategy calendarAndBand(CalendarPeriod period, long band, PolicyParams base) {
        return new Strategy.Rebalancing("band " + percent(band) + " after " + label(period) + " interval",
                base.toBuilder().mode(RebalanceMode.BAND_AND_CALENDAR).calendarInterval(period.seconds()).band(band)
                        .build());
    }

    /**
     * "band-on-calendar-dates": look only at the calendar dates (every {@code period} from the first bar) and
     * rebalance there if the band is breached; a breach between dates waits for the next date. A keeper gets this by
     * running a BAND-mode vault and calling it only on those dates.
     */
    public static Strategy bandOnCalendarDates(CalendarPeriod period, long band, PolicyParams base) {
        return new Strategy.Rebalancing("band " + percent(band) + " on " + label(period) + " dates",
                base.toBuilder().mode(RebalanceMode.BAND).band(band).build(), period.seconds());
    }

    public static Strategy passivePool(double swapFee, double dailyVolume) {
        return passivePool(swapFee, PoolVolume.constant(dailyVolume));
    }

    /** Named with its fee and volume assumption, so the row says what it earns on. */
    public static Strategy passivePool(double swapFee, PoolVolume volume) {
        return new Strategy.PassivePool("weighted pool " + BigDecimal.valueOf(swapFee).movePointRight(2)
                .stripTrailingZeros().toPlainString() + "% fee, " + volume.label(), swapFee, volume);
    }

    /**
     * Buy-and-hold, every calendar period, bands of 1/2.5/5/10%, monthly-or-5%, 5% after a quarter, 5% on quarterly
     * dates, and a pool.
     */
    public static List<Strategy> standardSet(PolicyParams base, double poolFee, double poolDailyVolume) {
        return standardSet(base, poolFee, PoolVolume.constant(poolDailyVolume));
    }

    /** {@link #standardSet(PolicyParams, double, double)} with any pool volume assumption. */
    public static List<Strategy> standardSet(PolicyParams base, double poolFee, PoolVolume poolVolume) {
        List<Strategy> all = new ArrayList<>();
        all.add(buyAndHold());
        for (CalendarPeriod p : CalendarPeriod.values()) all.add(calendar(p, base));
        for (long bps : new long[] {100, 250, 500, 1000}) all.add(band(bps * (FixedPoint.WAD / 10_000), base));
        all.add(calendarOrBand(CalendarPeriod.MONTHLY, FixedPoint.WAD / 20, base));
        all.add(calendarAndBand(CalendarPeriod.QUARTERLY, FixedPoint.WAD / 20, base));
        all.add(bandOnCalendarDates(CalendarPeriod.QUARTERLY, FixedPoint.WAD / 20, base));
        all.add(passivePool(poolFee, poolVolume));
        return all;
    }

    private static String label(CalendarPeriod period) {
        return period.name().toLowerCase(Locale.ROOT);
    }

    private static String percent(long wad) {
        return BigDecimal.valueOf(wad, 16).stripTrailingZeros().toPlainString() + "%";
    }
}
