package dev.ballast.policy;

import java.math.BigDecimal;

/**
 * The policy measures value in integer units of {@code 10^-8} numeraire (normally USD), like Chainlink's USD feeds.
 * A long then holds up to about 92 billion numeraire units, enough for one vault, and sums and comparisons are exact
 * and allocation-free, which the backtester's inner loop needs.
 */
public final class ValueUnits {
    /** Decimal places of one value unit. */
    public static final int DECIMALS = 8;
    /** Value units per whole numeraire unit. */
    public static final long ONE = 100_000_000L;

    private ValueUnits() {}

    /** {@code whole} numeraire units, exactly. */
    public static long ofWhole(long whole) {
        return Math.multiplyExact(whole, ONE);
    }

    /** Value units as a decimal number of numeraire units, for display. */
    public static BigDecimal toDecimal(long units) {
        return BigDecimal.valueOf(units, DECIMALS);
    }
}
