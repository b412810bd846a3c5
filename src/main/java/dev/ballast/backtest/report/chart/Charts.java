package dev.ballast.backtest.report.chart;

import dev.ballast.backtest.report.ReportData;
import java.util.ArrayList;
import java.util.List;

/** The charts a report shows, in order; both the HTML and the PNG writer use this list. */
public final class Charts {
    private Charts() {
    }

    public static List<Chart> forReport(ReportData data) {
        List<Chart> charts = new ArrayList<>();
        if (!data.frontier().isEmpty()) {
            charts.add(new FrontierChart(data.frontier()));
        }
        if (!data.drift().isEmpty()) {
            charts.add(new DriftChart(data.drift()));
        }
        data.weights().forEach(w -> charts.add(new WeightsChart(w)));
        if (!data.costs().isEmpty()) {
            charts.add(new CostChart(data.costs()));
        }
        if (!data.distributions().isEmpty()) {
            charts.add(new BoxPlotChart(data.distributions()));
            for (int i = 0; i < data.distributions().size(); i++) {
                charts.add(new HistogramChart(data.distributions().get(i), i));
            }
        }
        return charts;
    }

    /** The chart as an SVG element at the default width and its preferred height. */
    public static String svg(Chart chart) {
        SvgCanvas c = new SvgCanvas(Chart.DEFAULT_WIDTH, chart.preferredHeight());
        chart.draw(c);
        return c.toSvg(chart.title());
    }
}
