package dev.ballast.backtest.report.chart;

import dev.ballast.backtest.report.DriftSeries;
import java.util.ArrayList;
import java.util.List;

/** Drift from target over time, one line per strategy, with each strategy's rebalance band dashed. */
public final class DriftChart implements Chart {
    private final List<DriftSeries> series;

    public DriftChart(List<DriftSeries> series) {
        this.series = List.copyOf(series);
    }

    @Override
    public String id() {
        return "drift";
    }

    @Override
    public String title() {
        return "Drift from target over time (dashed: rebalance band)";
    }

    @Override
    public int preferredHeight() {
        return 360;
    }

    @Override
    public void draw(Canvas c) {
        PlotArea p = new PlotArea(c);
        p.title(title());
        List<PlotArea.LegendEntry> legend = new ArrayList<>();
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        double max = 0;
        for (int i = 0; i < series.size(); i++) {
            DriftSeries d = series.get(i);
            legend.add(new PlotArea.LegendEntry(d.strategy(), Palette.series(i), false));
            long[] ts = d.timestamps();
            if (ts.length > 0) {
                from = Math.min(from, ts[0]);
                to = Math.max(to, ts[ts.length - 1]);
            }
            for (double v : d.drift()) {
                max = Double.isFinite(v) ? Math.max(max, v) : max;
            }
            max = Double.isFinite(d.band()) ? Math.max(max, d.band()) : max;
        }
        p.legend(legend);
        if (from > to) {
            p.frame();
            return;
        }
        LinearScale x = p.timeScale(from, to);
        LinearScale y = p.yScale(0, max * 1.05);
        p.yAxis(y, "drift", PlotArea::percent);
        p.timeAxis(x, from, to);
        for (int i = 0; i < series.size(); i++) {
            DriftSeries d = series.get(i);
            int[] idx = Downsample.peaks(d.drift(), Downsample.MAX_POINTS);
            double[] xs = new double[idx.length];
            double[] ys = new double[idx.length];
            for (int k = 0; k < idx.length; k++) {
                xs[k] = x.map(d.timestamps()[idx[k]]);
                double v = d.drift()[idx[k]];
                ys[k] = y.map(Double.isFinite(v) ? v : 0);
            }
            c.polyline(xs, ys, Palette.series(i), 1.3);
            if (Double.isFinite(d.band())) {
                c.line(p.x0, y.map(d.band()), p.x1, y.map(d.band()), Palette.series(i), 1.2, true);
            }
        }
        p.frame();
    }
}
