package dev.ballast.backtest;

/**
 * Calendar rebalancing intervals, in seconds of a 365.25-day year. With daily bars a rebalance happens on the first
 * bar at least one interval after the last one, e.g. every 31st day for MONTHLY (30.44 days).
 */
public enum CalendarPeriod {
    DAILY(86_400L),
    WEEKLY(7 * 86_400L),
    MONTHLY(Measures.SECONDS_PER_YEAR / 12),
    QUARTERLY(Measures.SECONDS_PER_YEAR / 4),
    ANNUAL(Measures.SECONDS_PER_YEAR);

    private final long seconds;

    CalendarPeriod(long seconds) {
        this.seconds = seconds;
    }

    public long seconds() {
        return seconds;
    }
}
