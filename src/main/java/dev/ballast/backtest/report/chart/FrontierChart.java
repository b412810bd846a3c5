package dev.ballast.backtest.report.chart;

import dev.ballast.backtest.report.FrontierPoint;
import java.util.Comparator;
import java.util.List;

/**
 * Turnover against tracking error, one point per strategy: efficient points filled and joined by the frontier
 * line, dominated points hollow and grey. Lower-left is better on both axes.
 */
public final class FrontierChart implements Chart {
    /** Beyond this many points only efficient ones are labelled, or the labels would cover each other. */
    private static final int LABEL_ALL_UP_TO = 12;
    private final List<FrontierPoint> points;

    public FrontierChart(List<FrontierPoint> points) {
        this.points = List.copyOf(points);
    }

    /** Strategies with identical figures (e.g. two rules that traded the same) share one label, "a = b". */
    static List<FrontierPoint> sharedLabels(List<FrontierPoint> points) {
        java.util.Map<List<Double>, FrontierPoint> merged = new java.util.LinkedHashMap<>();
        for (FrontierPoint q : points) {
            merged.merge(List.of(q.turnover(), q.trackingError()), q, (a, b) -> new FrontierPoint(
                    a.label() + " = " + b.label(), a.turnover(), a.trackingError(), a.dominated() && b.dominated()));
        }
        return List.copyOf(merged.values());
    }

    @Override
    public String id() {
        return "frontier";
    }

    @Override
    public String title() {
        return "Efficient frontier: turnover vs tracking error";
    }

    @Override
    public int preferredHeight() {
        return 440;
    }

    @Override
    public void draw(Canvas c) {
        PlotArea p = new PlotArea(c);
        p.title(title());
        p.legend(List.of(new PlotArea.LegendEntry("efficient", Palette.series(0), false),
                new PlotArea.LegendEntry("dominated", Palette.DOMINATED, true)));
        double maxX = points.stream().mapToDouble(FrontierPoint::turnover).max().orElse(1);
        double maxY = points.stream().mapToDouble(FrontierPoint::trackingError).max().orElse(1);
        LinearScale x = p.xScale(0, maxX * 1.08);
        LinearScale y = p.yScale(0, maxY * 1.08);
        p.yAxis(y, "tracking error", PlotArea::percent);
        p.xAxis(x, "annual turnover", PlotArea::percent);
        p.frame();
        List<FrontierPoint> efficient = points.stream().filter(q -> !q.dominated())
                .sorted(Comparator.comparingDouble(FrontierPoint::turnover)).toList();
        if (efficient.size() > 1) {
            c.polyline(efficient.stream().mapToDouble(q -> x.map(q.turnover())).toArray(),
                    efficient.stream().mapToDouble(q -> y.map(q.trackingError())).toArray(), Palette.series(0), 1.5);
        }
        boolean labelAll = points.size() <= LABEL_ALL_UP_TO;
        LabelPlacer labels = new LabelPlacer(10.5, p.x0, p.y0, c.width() - 2, p.y1);
        for (FrontierPoint q : points) {
            double px = x.map(q.turnover());
            double py = y.map(q.trackingError());
            labels.point(px, py, 5.5);
            if (q.dominated()) {
                c.circle(px, py, 5, "#ffffff", Palette.DOMINATED);
            } else {
                c.circle(px, py, 5.5, Palette.series(0), "#ffffff");
            }
        }
        // Efficient points get the first choice of label positions: they are the ones a reader looks for.
        List<FrontierPoint> order = new java.util.ArrayList<>(efficient);
        points.stream().filter(FrontierPoint::dominated).forEach(order::add);
        for (FrontierPoint q : sharedLabels(order)) {
            if (labelAll || !q.dominated()) {
                LabelPlacer.Placement at = labels.place(q.label(), x.map(q.turnover()), y.map(q.trackingError()));
                c.text(at.x(), at.y(), q.label(), 10.5, at.anchor(), q.dominated() ? Palette.MUTED : Palette.TEXT,
                        false);
            }
        }
    }
}
