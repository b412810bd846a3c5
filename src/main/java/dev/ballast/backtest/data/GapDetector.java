package dev.ballast.backtest.data;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds calendar gaps between consecutive observations.
 *
 * <p>Dated (daily) files: a weekday with no row is a gap (a holiday or lost data); weekends never are, because
 * markets do not trade then. Timestamped files: a step longer than 1.5 times the median step is a gap, with
 * {@code round(step / median) - 1} missing steps. Gaps are reported, never filled with invented rows.
 */
final class GapDetector {
    private GapDetector() {
    }

    static List<LoadReport.Gap> find(long[] timestamps, boolean dateOnly) {
        return dateOnly ? weekdayGaps(timestamps) : stepGaps(timestamps);
    }

    private static List<LoadReport.Gap> weekdayGaps(long[] ts) {
        List<LoadReport.Gap> gaps = new ArrayList<>();
        for (int t = 1; t < ts.length; t++) {
            int missing = weekdaysStrictlyBetween(day(ts[t - 1]), day(ts[t]));
            if (missing > 0) {
                gaps.add(new LoadReport.Gap(ts[t - 1], ts[t], missing));
            }
        }
        return gaps;
    }

    static int weekdaysStrictlyBetween(LocalDate from, LocalDate to) {
        int count = 0;
        for (LocalDate d = from.plusDays(1); d.isBefore(to); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                count++;
            }
        }
        return count;
    }

    private static LocalDate day(long epochSeconds) {
        return LocalDate.ofEpochDay(Math.floorDiv(epochSeconds, 86_400L));
    }

    private static List<LoadReport.Gap> stepGaps(long[] ts) {
        List<LoadReport.Gap> gaps = new ArrayList<>();
        if (ts.length < 3) {
            return gaps;
        }
        long[] steps = new long[ts.length - 1];
        for (int t = 1; t < ts.length; t++) {
            steps[t - 1] = ts[t] - ts[t - 1];
        }
        long[] sorted = steps.clone();
        Arrays.sort(sorted);
        long median = sorted[sorted.length / 2];
        for (int t = 0; t < steps.length; t++) {
            if (steps[t] * 2 > median * 3) {
                int missing = (int) Math.round((double) steps[t] / median) - 1;
                gaps.add(new LoadReport.Gap(ts[t], ts[t + 1], Math.max(missing, 1)));
            }
        }
        return gaps;
    }
}
