package dev.ballast.backtest;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The non-arbitrage volume a passive pool is assumed to see, as a fraction of the pool's value: either a constant
 * per day, or a series of per-day fractions (a day without an entry sees none). It earns the pool its swap fee, so
 * it is printed beside the pool's row: an assumed 5%/day turns a pool into the best strategy on most data.
 *
 * @param perDay   constant fraction of the pool's value traded per day (ignored when {@code days} is given)
 * @param days     UTC start-of-day timestamps of a series, ascending, or {@code null} for the constant
 * @param fraction the series' fraction of the pool's value traded on each of {@code days}
 * @param label    how reports name the assumption
 */
public record PoolVolume(double perDay, long[] days, double[] fraction, String label) {
    /** The default: no flow besides arbitrage, so the pool earns only what arbitrageurs pay (the conservative case). */
    public static final PoolVolume NONE = constant(0);

    public PoolVolume {
        if (!(perDay >= 0 && Double.isFinite(perDay))) throw new IllegalArgumentException("pool volume per day " + perDay);
        if (days != null) {
            if (fraction == null || fraction.length != days.length) {
                throw new IllegalArgumentException("pool volume series: one fraction per day");
            }
            days = days.clone();
            fraction = fraction.clone();
            for (int k = 0; k < days.length; k++) {
                if (k > 0 && days[k] <= days[k - 1]) throw new IllegalArgumentException("pool volume series: days not ascending");
                if (!(fraction[k] >= 0 && Double.isFinite(fraction[k]))) {
                    throw new IllegalArgumentException("pool volume series: fraction " + fraction[k] + " must be >= 0");
                }
            }
        }
    }

    public static PoolVolume constant(double perDay) {
        return new PoolVolume(perDay, null, null,
                BigDecimal.valueOf(perDay).movePointRight(2).stripTrailingZeros().toPlainString() + "%/day volume");
    }

    public static PoolVolume series(long[] days, double[] fraction, String source) {
        return new PoolVolume(0, days, fraction, "volume from " + source);
    }

    /** Fraction of the pool's value traded in {@code (from, to]}: the constant × days, or the series' days summed. */
    public double between(long from, long to) {
        if (days == null) return perDay * (to - from) / 86_400.0;
        int k = Arrays.binarySearch(days, from + 1);
        if (k < 0) k = -k - 1;
        double sum = 0;
        for (; k < days.length && days[k] <= to; k++) sum += fraction[k];
        return sum;
    }

    @Override
    public long[] days() {
        return days == null ? null : days.clone();
    }

    @Override
    public double[] fraction() {
        return fraction == null ? null : fraction.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PoolVolume v && perDay == v.perDay && Arrays.equals(days, v.days)
                && Arrays.equals(fraction, v.fraction) && label.equals(v.label);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(days) * 31 + Double.hashCode(perDay);
    }

    @Override
    public String toString() {
        return label;
    }
}
