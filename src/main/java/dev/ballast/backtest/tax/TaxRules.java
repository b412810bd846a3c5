package dev.ballast.backtest.tax;

/**
 * Holding-period and wash-sale rules.
 *
 * @param longTermAfterDays a lot is long-term when held for MORE than this many days (365: "more than one year")
 * @param washSaleDays      a loss is disallowed if the same asset is bought within this many days before or after
 *                          the sale; 0 turns the wash-sale rule off
 */
public record TaxRules(int longTermAfterDays, int washSaleDays) {
    public static final long DAY_SECONDS = 86_400L;

    public TaxRules {
        if (longTermAfterDays < 0) {
            throw new IllegalArgumentException("longTermAfterDays = " + longTermAfterDays + ": must be >= 0");
        }
        if (washSaleDays < 0) {
            throw new IllegalArgumentException("washSaleDays = " + washSaleDays + ": must be >= 0");
        }
    }

    /** Long-term after 365 days, 30-day wash-sale window. */
    public static TaxRules defaults() {
        return new TaxRules(365, 30);
    }

    /** Whole days between the two instants, rounded down. */
    public static long daysHeld(long holdingStart, long soldAt) {
        return Math.floorDiv(soldAt - holdingStart, DAY_SECONDS);
    }

    public Term termOf(long holdingStart, long soldAt) {
        return daysHeld(holdingStart, soldAt) > longTermAfterDays ? Term.LONG : Term.SHORT;
    }

    /** True when a buy at {@code boughtAt} falls within the wash-sale window around a sale at {@code soldAt}. */
    public boolean inWashWindow(long soldAt, long boughtAt) {
        return washSaleDays > 0 && Math.abs(boughtAt - soldAt) <= washSaleDays * DAY_SECONDS;
    }
}
