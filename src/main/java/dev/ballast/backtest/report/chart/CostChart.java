package dev.ballast.backtest.report.chart;

import dev.ballast.backtest.report.CostBreakdown;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What each strategy paid, as one horizontal bar per strategy split by component. Negative components (a tax
 * refund, say) stack leftwards from zero.
 */
public final class CostChart implements Chart {
    private static final double ROW = 34;
    private final List<CostBreakdown> costs;
    private final List<String> components;

    public CostChart(List<CostBreakdown> costs) {
        this.costs = List.copyOf(costs);
        this.components = costs.stream().flatMap(k -> k.components().keySet().stream()).distinct().toList();
    }

    @Override
    public String id() {
        return "costs";
    }

    @Override
    public String title() {
        return "Cost breakdown by strategy";
    }

    @Override
    public int preferredHeight() {
        return (int) (PlotArea.TOP + PlotArea.BOTTOM + Math.max(costs.size(), 1) * ROW + 10);
    }

    @Override
    public void draw(Canvas c) {
        double left = 20 + costs.stream().mapToDouble(k -> Canvas.textWidth(k.strategy(), 11)).max().orElse(40);
        PlotArea p = new PlotArea(c, Math.max(left, PlotArea.LEFT));
        p.title(title());
        List<PlotArea.LegendEntry> legend = new ArrayList<>();
        for (int i = 0; i < components.size(); i++) {
            legend.add(new PlotArea.LegendEntry(components.get(i), Palette.series(i), false));
        }
        p.legend(legend);
        double lo = 0;
        double hi = 0;
        for (CostBreakdown k : costs) {
            lo = Math.min(lo, k.components().values().stream().mapToDouble(v -> Math.min(v, 0)).sum());
            hi = Math.max(hi, k.components().values().stream().mapToDouble(v -> Math.max(v, 0)).sum());
        }
        LinearScale x = p.xScale(lo, hi == lo ? lo + 1 : hi * 1.05);
        p.xAxis(x, "cost", PlotArea::number);
        double rowH = (p.y1 - p.y0) / Math.max(costs.size(), 1);
        for (int r = 0; r < costs.size(); r++) {
            CostBreakdown k = costs.get(r);
            double yTop = p.y0 + r * rowH + rowH * 0.18;
            double h = rowH * 0.64;
            c.text(p.x0 - 8, yTop + h / 2 + 4, k.strategy(), 11, Canvas.Anchor.END, Palette.TEXT, false);
            double pos = 0;
            double neg = 0;
            for (Map.Entry<String, Double> e : k.components().entrySet()) {
                double v = e.getValue();
                if (!Double.isFinite(v) || v == 0) {
                    continue;
                }
                double start = v > 0 ? pos : neg + v;
                c.rect(x.map(start), yTop, Math.abs(x.map(start + Math.abs(v)) - x.map(start)), h,
                        Palette.series(components.indexOf(e.getKey())), "#ffffff");
                if (v > 0) {
                    pos += v;
                } else {
                    neg += v;
                }
            }
            c.text(x.map(pos) + 6, yTop + h / 2 + 4, PlotArea.number(k.total()), 10.5, Canvas.Anchor.START,
                    Palette.MUTED, false);
        }
        c.line(x.map(0), p.y0, x.map(0), p.y1, Palette.AXIS, 1, false);
        c.line(p.x0, p.y1, p.x1, p.y1, Palette.AXIS, 1, false);
    }
}
