package dev.ballast.backtest.report.chart;

import java.util.List;
import java.util.function.DoubleFunction;

/**
 * The furniture of an x/y chart: title, legend, plot frame, grid, ticks and axis titles, and the scales the chart
 * draws its data with. Layout is the same on every canvas.
 */
final class PlotArea {
    static final double LEFT = 72;
    static final double RIGHT = 24;
    static final double TOP = 58;
    static final double BOTTOM = 52;

    record LegendEntry(String label, String color, boolean hollow) {
    }

    final Canvas c;
    final double x0;
    final double x1;
    final double y0;
    final double y1;

    PlotArea(Canvas c) {
        this(c, LEFT);
    }

    /** With a left margin wide enough for category names. */
    PlotArea(Canvas c, double left) {
        this.c = c;
        this.x0 = left;
        this.x1 = c.width() - RIGHT;
        this.y0 = TOP;
        this.y1 = c.height() - BOTTOM;
    }

    LinearScale xScale(double min, double max) {
        return LinearScale.nice(min, max, x0, x1, 8);
    }

    LinearScale yScale(double min, double max) {
        return LinearScale.nice(min, max, y1, y0, 6);
    }

    /** Scale for time values: exact data range (no rounding to nice numbers, which would mean odd dates). */
    LinearScale timeScale(long from, long to) {
        return new LinearScale(from, to, x0, x1);
    }

    void title(String title) {
        c.text(LEFT, 22, title, 15, Canvas.Anchor.START, Palette.TEXT, true);
    }

    void legend(List<LegendEntry> entries) {
        double x = LEFT;
        double y = 42;
        for (LegendEntry e : entries) {
            double w = 16 + Canvas.textWidth(e.label(), 11) + 18;
            if (x + w > c.width() - RIGHT && x > LEFT) {
                x = LEFT;
                y += 15; // a second legend line eats into the top of the plot, which has room for one
            }
            if (e.hollow()) {
                c.circle(x + 5, y - 4, 4.5, "#ffffff", e.color());
            } else {
                c.rect(x, y - 9, 10, 10, e.color(), null);
            }
            c.text(x + 15, y, e.label(), 11, Canvas.Anchor.START, Palette.TEXT, false);
            x += w;
        }
    }

    void yAxis(LinearScale y, String label, DoubleFunction<String> fmt) {
        for (double t : y.ticks(6)) {
            double py = y.map(t);
            c.line(x0, py, x1, py, Palette.GRID, 1, false);
            c.text(x0 - 6, py + 4, fmt.apply(t), 11, Canvas.Anchor.END, Palette.MUTED, false);
        }
        c.verticalText(16, (y0 + y1) / 2, label, 12, Palette.MUTED);
    }

    void xAxis(LinearScale x, String label, DoubleFunction<String> fmt) {
        for (double t : x.ticks(8)) {
            double px = x.map(t);
            c.line(px, y0, px, y1, Palette.GRID, 1, false);
            c.text(px, y1 + 16, fmt.apply(t), 11, Canvas.Anchor.MIDDLE, Palette.MUTED, false);
        }
        xTitle(label);
    }

    void timeAxis(LinearScale x, long from, long to) {
        for (TimeTicks.Tick t : TimeTicks.between(from, to, 8)) {
            double px = x.map(t.at());
            c.line(px, y0, px, y1, Palette.GRID, 1, false);
            c.text(px, y1 + 16, t.label(), 11, Canvas.Anchor.MIDDLE, Palette.MUTED, false);
        }
        xTitle("date (UTC)");
    }

    private void xTitle(String label) {
        c.text((x0 + x1) / 2, c.height() - 12, label, 12, Canvas.Anchor.MIDDLE, Palette.MUTED, false);
    }

    void frame() {
        c.line(x0, y1, x1, y1, Palette.AXIS, 1, false);
        c.line(x0, y0, x0, y1, Palette.AXIS, 1, false);
    }

    /** Tick label for a fraction: 0.25 -> "25%", 0.0025 -> "0.25%". */
    static String percent(double v) {
        return new java.math.BigDecimal(v * 100).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString() + "%";
    }

    static String number(double v) {
        return dev.ballast.backtest.report.Fmt.number(v);
    }
}
