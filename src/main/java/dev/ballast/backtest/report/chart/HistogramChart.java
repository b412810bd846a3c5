package dev.ballast.backtest.report.chart;

import dev.ballast.backtest.report.Distribution;
import dev.ballast.backtest.report.Quantiles;
import java.util.List;

/** Histogram of one distribution, with its median (solid) and mean (dashed) marked. */
public final class HistogramChart implements Chart {
    private final Distribution dist;
    private final int colour;

    public HistogramChart(Distribution dist, int colour) {
        this.dist = dist;
        this.colour = colour;
    }

    @Override
    public String id() {
        return "hist-" + Chart.slug(dist.name());
    }

    @Override
    public String title() {
        return "Distribution: " + dist.name() + " (solid: median, dashed: mean)";
    }

    @Override
    public int preferredHeight() {
        return 300;
    }

    /** Bin count by the square-root rule, kept between 5 and 40 so small and large samples both read well. */
    static int bins(int n) {
        return Math.max(5, Math.min(40, (int) Math.ceil(Math.sqrt(n))));
    }

    /** Counts per bin over [min, max]; the maximum falls into the last bin. */
    static int[] counts(double[] sorted, int bins) {
        int[] counts = new int[bins];
        double min = sorted[0];
        double width = (sorted[sorted.length - 1] - min) / bins;
        for (double v : sorted) {
            int b = width == 0 ? 0 : (int) Math.min(bins - 1, Math.floor((v - min) / width));
            counts[b]++;
        }
        return counts;
    }

    @Override
    public void draw(Canvas c) {
        PlotArea p = new PlotArea(c);
        p.title(title());
        double[] s = dist.sorted();
        Quantiles q = Quantiles.of(dist);
        p.legend(List.of(new PlotArea.LegendEntry("n = " + q.count() + ", median " + PlotArea.number(q.median())
                + ", mean " + PlotArea.number(q.mean()), Palette.series(colour), false)));
        if (s.length == 0) {
            p.frame();
            return;
        }
        int bins = bins(s.length);
        int[] counts = counts(s, bins);
        int maxCount = 0;
        for (int k : counts) {
            maxCount = Math.max(maxCount, k);
        }
        double lo = s[0];
        double hi = s[s.length - 1] > lo ? s[s.length - 1] : lo + 1;
        LinearScale x = new LinearScale(lo, hi, p.x0, p.x1);
        LinearScale y = p.yScale(0, maxCount * 1.08); // headroom: the tallest bar should not touch the frame
        p.yAxis(y, "count", PlotArea::number);
        p.xAxis(x, dist.name(), PlotArea::number);
        double bw = (hi - lo) / bins;
        for (int b = 0; b < bins; b++) {
            if (counts[b] > 0) {
                double left = x.map(lo + b * bw);
                c.rect(left, y.map(counts[b]), x.map(lo + (b + 1) * bw) - left, y.map(0) - y.map(counts[b]),
                        Palette.series(colour), "#ffffff");
            }
        }
        c.line(x.map(q.median()), p.y0, x.map(q.median()), p.y1, Palette.TEXT, 1.5, false);
        c.line(x.map(q.mean()), p.y0, x.map(q.mean()), p.y1, Palette.TEXT, 1.2, true);
        p.frame();
    }
}
