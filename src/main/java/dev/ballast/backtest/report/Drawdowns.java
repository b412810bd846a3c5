package dev.ballast.backtest.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The largest drawdowns of a NAV path. An episode starts at a peak (the highest NAV so far), reaches its trough (the
 * lowest NAV before the path regains the peak) and recovers on the first bar at or above the peak, or never.
 */
public final class Drawdowns {
    private Drawdowns() {}

    /**
     * @param depth    {@code 1 − trough / peak}
     * @param recovery bar index of the recovery, or −1 when the path ends below the peak
     */
    public record Episode(double depth, int peak, int trough, int recovery) {}

    /** At most {@code n} episodes, deepest first. */
    public static List<Episode> largest(double[] nav, int n) {
        List<Episode> all = new ArrayList<>();
        int peak = 0;
        int trough = 0;
        for (int t = 1; t < nav.length; t++) {
            if (nav[t] >= nav[peak]) {
                if (trough != peak) all.add(new Episode(1 - nav[trough] / nav[peak], peak, trough, t));
                peak = t;
                trough = t;
            } else if (nav[t] < nav[trough]) {
                trough = t;
            }
        }
        if (trough != peak) all.add(new Episode(1 - nav[trough] / nav[peak], peak, trough, -1));
        return all.stream().sorted(Comparator.comparingDouble(Episode::depth).reversed()).limit(n).toList();
    }
}
