package dev.ballast.policy;

/** Which conditions held at the snapshot, whatever the mode makes of them. */
public enum Trigger {
    NONE,
    BAND,
    CALENDAR,
    BAND_AND_CALENDAR;

    static Trigger of(boolean bandBreached, boolean calendarElapsed) {
        if (bandBreached) return calendarElapsed ? BAND_AND_CALENDAR : BAND;
        return calendarElapsed ? CALENDAR : NONE;
    }
}
