package dev.ballast.backtest.report;

import java.util.ArrayList;
import java.util.List;

/** The tables printed under charts, so every plotted figure is also readable as a number. */
final class HtmlTables {
    private HtmlTables() {
    }

    /** The table belonging under the chart {@code chartId}, if it has one. */
    static void under(StringBuilder h, String chartId, ReportData data) {
        switch (chartId) {
            case "frontier" -> frontier(h, data);
            case "costs" -> costs(h, data);
            case "boxplots" -> distributions(h, data);
            default -> { }
        }
    }

    private static void frontier(StringBuilder h, ReportData data) {
        h.append("<table>\n<thead><tr><th>strategy</th><th class=\"num\">turnover</th>"
                + "<th class=\"num\">tracking error</th><th>dominated</th></tr></thead>\n<tbody>\n");
        for (FrontierPoint p : data.frontier()) {
            h.append(p.dominated() ? "<tr class=\"dominated\">" : "<tr>")
                    .append("<td>").append(HtmlReportWriter.esc(p.label())).append("</td><td class=\"num\">")
                    .append(Fmt.percent(p.turnover())).append("</td><td class=\"num\">")
                    .append(Fmt.percent(p.trackingError())).append("</td><td>").append(p.dominated() ? "yes" : "no").append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private static void costs(StringBuilder h, ReportData data) {
        List<String> parts = data.costs().stream().flatMap(c -> c.components().keySet().stream()).distinct().toList();
        List<String> head = HtmlReportWriter.header("strategy", parts);
        head.add("total");
        List<List<String>> rows = new ArrayList<>();
        for (CostBreakdown c : data.costs()) {
            List<String> r = new ArrayList<>(List.of(c.strategy()));
            for (String p : parts) {
                Double v = c.components().get(p);
                r.add(v == null ? "" : Fmt.number(v));
            }
            r.add(Fmt.number(c.total()));
            rows.add(r);
        }
        HtmlReportWriter.table(h, head, rows);
    }

    private static void distributions(StringBuilder h, ReportData data) {
        List<List<String>> rows = new ArrayList<>();
        for (Distribution d : data.distributions()) {
            Quantiles q = Quantiles.of(d);
            rows.add(List.of(d.name(), Integer.toString(q.count()), Fmt.number(q.mean()), Fmt.number(q.p5()),
                    Fmt.number(q.q1()), Fmt.number(q.median()), Fmt.number(q.q3()), Fmt.number(q.p95())));
        }
        HtmlReportWriter.table(h, List.of("quantity", "n", "mean", "p5", "q1", "median", "q3", "p95"), rows);
    }

    static void regimes(StringBuilder h, ReportData data) {
        List<String> names = data.regimes().stream().flatMap(r -> r.measures().keySet().stream()).distinct().toList();
        List<String> head = new ArrayList<>(List.of("regime", "strategy"));
        head.addAll(names);
        List<List<String>> rows = new ArrayList<>();
        for (RegimeSplit r : data.regimes()) {
            List<String> row = new ArrayList<>(List.of(r.regime(), r.strategy()));
            for (String n : names) {
                Double v = r.measures().get(n);
                row.add(v == null ? "" : Fmt.number(v));
            }
            rows.add(row);
        }
        HtmlReportWriter.table(h, head, rows);
    }
}
