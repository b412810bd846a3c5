package dev.ballast.backtest.report.chart;

import dev.ballast.backtest.report.WeightSeries;
import java.util.ArrayList;
import java.util.List;

/** One strategy's portfolio weights over time as stacked areas (each band is one asset's share). */
public final class WeightsChart implements Chart {
    private final WeightSeries series;

    public WeightsChart(WeightSeries series) {
        this.series = series;
    }

    @Override
    public String id() {
        return "weights-" + Chart.slug(series.strategy());
    }

    @Override
    public String title() {
        return "Weights over time: " + series.strategy();
    }

    @Override
    public int preferredHeight() {
        return 320;
    }

    @Override
    public void draw(Canvas c) {
        PlotArea p = new PlotArea(c);
        p.title(title());
        List<PlotArea.LegendEntry> legend = new ArrayList<>();
        for (int a = 0; a < series.assets().size(); a++) {
            legend.add(new PlotArea.LegendEntry(series.assets().get(a), Palette.series(a), false));
        }
        p.legend(legend);
        long[] ts = series.timestamps();
        if (ts.length == 0) {
            p.frame();
            return;
        }
        double[][] w = series.weights();
        int[] idx = Downsample.stride(ts.length, Downsample.MAX_POINTS);
        double top = 1;
        for (double[] row : w) {
            top = Math.max(top, sum(row, row.length));
        }
        LinearScale x = p.timeScale(ts[0], ts[ts.length - 1]);
        LinearScale y = p.yScale(0, top);
        p.yAxis(y, "weight", PlotArea::percent);
        p.timeAxis(x, ts[0], ts[ts.length - 1]);
        for (int a = 0; a < series.assets().size(); a++) {
            double[] xs = new double[idx.length * 2];
            double[] ys = new double[idx.length * 2];
            for (int k = 0; k < idx.length; k++) {
                int t = idx[k];
                int back = idx.length * 2 - 1 - k;
                xs[k] = x.map(ts[t]);
                ys[k] = y.map(sum(w[t], a + 1));
                xs[back] = xs[k];
                ys[back] = y.map(sum(w[t], a));
            }
            c.polygon(xs, ys, Palette.series(a), 0.85);
        }
        p.frame();
    }

    /** Sum of the first {@code n} weights (negative weights clipped: a stack cannot show them). */
    private static double sum(double[] row, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.max(row[i], 0);
        }
        return s;
    }
}
