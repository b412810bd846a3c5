package dev.ballast.policy;

/**
 * When a rebalance is due. Mirrors the on-chain vault's trigger modes so the keeper never proposes a rebalance the
 * vault would refuse, and the backtester measures the rule the vault enforces.
 */
public enum RebalanceMode {
    /** Due when some asset's weight is outside {@code target ± band}. */
    BAND,
    /** Due when the calendar interval has elapsed since the last rebalance. */
    CALENDAR,
    /** Due when either the band is breached or the interval has elapsed. */
    BAND_OR_CALENDAR,
    /** Due only at a calendar date on which the band is also breached (a calendar check that may find nothing to do). */
    BAND_AND_CALENDAR;

    /** Whether this mode, given which conditions hold, makes a rebalance due. */
    public boolean isDue(boolean bandBreached, boolean calendarElapsed) {
        return switch (this) {
            case BAND -> bandBreached;
            case CALENDAR -> calendarElapsed;
            case BAND_OR_CALENDAR -> bandBreached || calendarElapsed;
            case BAND_AND_CALENDAR -> bandBreached && calendarElapsed;
        };
    }
}
