package dev.ballast.backtest.data;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Timestamps of generated rows: row {@code t} is at {@code start + t * stepSeconds}, and {@code stepsPerYear}
 * converts annual drift and volatility to one step.
 */
public record StepCalendar(long startEpochSeconds, long stepSeconds, int stepsPerYear) {
    /** Crypto markets trade every day: one row per calendar day, 365 a year. */
    public static StepCalendar daily(LocalDate start) {
        return new StepCalendar(start.atStartOfDay(ZoneOffset.UTC).toEpochSecond(), 86_400L, 365);
    }

    public StepCalendar {
        if (stepSeconds <= 0) {
            throw new IllegalArgumentException("stepSeconds = " + stepSeconds + ": must be > 0");
        }
        if (stepsPerYear <= 0) {
            throw new IllegalArgumentException("stepsPerYear = " + stepsPerYear + ": must be > 0");
        }
    }

    /** Length of one step in years. */
    public double dt() {
        return 1.0 / stepsPerYear;
    }

    long[] timestamps(int rows) {
        long[] ts = new long[rows];
        for (int t = 0; t < rows; t++) {
            ts[t] = Math.addExact(startEpochSeconds, Math.multiplyExact(t, stepSeconds));
        }
        return ts;
    }
}
