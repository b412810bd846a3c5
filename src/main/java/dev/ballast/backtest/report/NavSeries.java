package dev.ballast.backtest.report;

import java.util.Arrays;

/**
 * One value path for the NAV, drawdown and rolling charts. A {@code reference} path is a yardstick rather than a
 * strategy (the target portfolio rebalanced on every bar without cost): tracking error is measured against it.
 */
public record NavSeries(String name, long[] timestamps, double[] nav, boolean reference) {
    public NavSeries {
        if (timestamps.length != nav.length) {
            throw new IllegalArgumentException(name + ": " + timestamps.length + " timestamps but " + nav.length
                    + " values");
        }
        timestamps = timestamps.clone();
        nav = nav.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NavSeries n && name.equals(n.name) && reference == n.reference
                && Arrays.equals(timestamps, n.timestamps) && Arrays.equals(nav, n.nav);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(nav);
    }
}
