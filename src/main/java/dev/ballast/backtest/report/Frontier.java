package dev.ballast.backtest.report;

import java.util.List;

/** Marks dominated points, so callers need not compute the flag themselves. */
public final class Frontier {
    private Frontier() {
    }

    public static List<FrontierPoint> markDominated(List<FrontierPoint> points) {
        return points.stream()
                .map(p -> new FrontierPoint(p.label(), p.turnover(), p.trackingError(), isDominated(p, points)))
                .toList();
    }

    static boolean isDominated(FrontierPoint p, List<FrontierPoint> all) {
        for (FrontierPoint q : all) {
            boolean noWorse = q.turnover() <= p.turnover() && q.trackingError() <= p.trackingError();
            boolean better = q.turnover() < p.turnover() || q.trackingError() < p.trackingError();
            if (noWorse && better) {
                return true;
            }
        }
        return false;
    }
}
