package dev.ballast.policy;

/**
 * Which of the conditions the mode looks at held at the snapshot: a BAND vault's rebalance is triggered by the band
 * alone even when a calendar interval has also passed (its label must not say BAND_AND_CALENDAR), a CALENDAR vault's
 * by the calendar alone; the two combined modes report both conditions.
 */
public enum Trigger {
    NONE,
    BAND,
    CALENDAR,
    BAND_AND_CALENDAR;

    static Trigger of(RebalanceMode mode, boolean bandBreached, boolean calendarElapsed) {
        return switch (mode) {
            case BAND -> bandBreached ? BAND : NONE;
            case CALENDAR -> calendarElapsed ? CALENDAR : NONE;
            case BAND_OR_CALENDAR, BAND_AND_CALENDAR -> of(bandBreached, calendarElapsed);
        };
    }

    private static Trigger of(boolean bandBreached, boolean calendarElapsed) {
        if (bandBreached) return calendarElapsed ? BAND_AND_CALENDAR : BAND;
        return calendarElapsed ? CALENDAR : NONE;
    }
}
