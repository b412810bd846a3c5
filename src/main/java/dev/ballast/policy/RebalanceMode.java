package dev.ballast.policy;

import java.util.Optional;

/**
 * When a rebalance is due: the keeper's copy of the vault's DriftMode rules (contracts/src/vault/Drift.sol), so the
 * keeper never proposes a rebalance the vault would refuse, and the backtester measures the rule the vault enforces.
 * In the vault's order of the enum (the lens reads the mode as its ordinal). Pinned to the contract by
 * VaultRulesDifferentialTest.
 */
public enum RebalanceMode {
    /** Due when some asset's weight is outside {@code target ± band}. */
    BAND,
    /** Due when the calendar interval has elapsed since the last rebalance. */
    CALENDAR,
    /** Due when either the band is breached or the interval has elapsed. */
    BAND_OR_CALENDAR,
    /**
     * Due when the band is breached and the calendar interval has elapsed since the last rebalance: once an interval
     * has passed, any later breach is due (not only one on a calendar date). The backtester calls this
     * "band-after-interval"; its "band-on-calendar-dates" (the band checked only on the dates) is BAND asked on dates.
     */
    BAND_AND_CALENDAR;

    /** The vault's revert when a rebalance is not due, named as in IRebalancingVault. */
    public enum NotDue {
        DriftWithinBand,
        CalendarNotDue,
        RebalanceNotDue
    }

    /** Whether this mode, given which conditions hold, makes a rebalance due. */
    public boolean isDue(boolean bandBreached, boolean calendarElapsed) {
        // unmet(...).isEmpty() without an Optional: a sweep asks this for every setting on every bar
        return switch (this) {
            case BAND -> bandBreached;
            case CALENDAR -> calendarElapsed;
            case BAND_OR_CALENDAR -> bandBreached || calendarElapsed;
            case BAND_AND_CALENDAR -> bandBreached && calendarElapsed;
        };
    }

    /**
     * The condition the vault names when it refuses (Drift.checkDue): in BAND_OR_CALENDAR neither alone is required,
     * so RebalanceNotDue; otherwise the band is checked before the calendar.
     */
    public Optional<NotDue> unmet(boolean bandBreached, boolean calendarElapsed) {
        if (this == BAND_OR_CALENDAR) {
            return bandBreached || calendarElapsed ? Optional.empty() : Optional.of(NotDue.RebalanceNotDue);
        }
        if (this != CALENDAR && !bandBreached) return Optional.of(NotDue.DriftWithinBand);
        if (this != BAND && !calendarElapsed) return Optional.of(NotDue.CalendarNotDue);
        return Optional.empty();
    }
}
