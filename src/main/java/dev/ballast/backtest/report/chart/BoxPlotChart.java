package dev.ballast.backtest.report.chart;

import dev.ballast.backtest.report.Distribution;
import dev.ballast.backtest.report.Quantiles;
import java.util.List;

/**
 * Box plots of several distributions on one axis: box from the first to the third quartile, line at the median,
 * dot at the mean, whiskers to the 5th and 95th percentiles, min and max as small ticks.
 */
public final class BoxPlotChart implements Chart {
    private static final double ROW = 40;
    private final List<Distribution> dists;

    public BoxPlotChart(List<Distribution> dists) {
        this.dists = List.copyOf(dists);
    }

    @Override
    public String id() {
        return "boxplots";
    }

    @Override
    public String title() {
        return "Distributions (box: quartiles, whiskers: 5th–95th percentile, dot: mean)";
    }

    @Override
    public int preferredHeight() {
        return (int) (PlotArea.TOP + PlotArea.BOTTOM + Math.max(dists.size(), 1) * ROW + 10);
    }

    @Override
    public void draw(Canvas c) {
        double left = 20 + dists.stream().mapToDouble(d -> Canvas.textWidth(d.name(), 11)).max().orElse(40);
        PlotArea p = new PlotArea(c, Math.max(left, PlotArea.LEFT));
        p.title(title());
        List<Quantiles> qs = dists.stream().map(Quantiles::of).toList();
        double lo = qs.stream().filter(q -> q.count() > 0).mapToDouble(Quantiles::min).min().orElse(0);
        double hi = qs.stream().filter(q -> q.count() > 0).mapToDouble(Quantiles::max).max().orElse(1);
        LinearScale x = p.xScale(lo, hi);
        p.xAxis(x, "value", PlotArea::number);
        double rowH = (p.y1 - p.y0) / Math.max(dists.size(), 1);
        for (int i = 0; i < dists.size(); i++) {
            Quantiles q = qs.get(i);
            double mid = p.y0 + (i + 0.5) * rowH;
            c.text(p.x0 - 8, mid + 4, dists.get(i).name(), 11, Canvas.Anchor.END, Palette.TEXT, false);
            if (q.count() == 0) {
                continue;
            }
            double h = Math.min(rowH * 0.55, 22);
            String col = Palette.series(i);
            c.line(x.map(q.p5()), mid, x.map(q.q1()), mid, Palette.TEXT, 1.2, false);
            c.line(x.map(q.q3()), mid, x.map(q.p95()), mid, Palette.TEXT, 1.2, false);
            for (double v : new double[] {q.p5(), q.p95()}) {
                c.line(x.map(v), mid - h / 3, x.map(v), mid + h / 3, Palette.TEXT, 1.2, false);
            }
            for (double v : new double[] {q.min(), q.max()}) {
                c.line(x.map(v), mid - 3, x.map(v), mid + 3, Palette.MUTED, 1, false);
            }
            c.rect(x.map(q.q1()), mid - h / 2, Math.max(x.map(q.q3()) - x.map(q.q1()), 1), h, col, Palette.TEXT);
            c.line(x.map(q.median()), mid - h / 2, x.map(q.median()), mid + h / 2, Palette.TEXT, 2, false);
            c.circle(x.map(q.mean()), mid, 3, "#ffffff", Palette.TEXT);
        }
        c.line(p.x0, p.y1, p.x1, p.y1, Palette.AXIS, 1, false);
    }
}
