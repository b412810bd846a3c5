package dev.ballast.backtest.report;

import java.util.ArrayList;
import java.util.List;

/** The tables printed under charts, so every plotted figure is also readable as a number. */
final class HtmlTables {
    /** Largest drawdowns listed per strategy. */
    static final int DRAWDOWNS = 3;

    private HtmlTables() {
    }

    /** The table belonging under the chart {@code chartId}, if it has one. */
    static void under(StringBuilder h, String chartId, ReportData data) {
        switch (chartId) {
            case "frontier" -> frontier(h, data);
            case "histogram" -> distributions(h, data);
            default -> { }
        }
    }

    /** Tied points once, under their shared label. */
    private static void frontier(StringBuilder h, ReportData data) {
        List<FrontierPoint> all = data.frontier();
        List<List<Integer>> groups = Ties.group(all, (a, b) -> Ties.same(a.turnover(), b.turnover())
                && Ties.same(a.trackingError(), b.trackingError()));
        h.append(groups.size() <= 20 ? "<details open>" : "<details>").append("<summary>All points</summary>\n<table>\n<thead><tr><th>strategy</th><th class=\"num\">turnover</th>"
                + "<th class=\"num\">tracking error</th><th>dominated</th></tr></thead>\n<tbody>\n");
        for (List<Integer> g : groups) {
            FrontierPoint p = all.get(g.getFirst());
            String label = Ties.label(g.stream().map(i -> all.get(i).label()).toList());
            h.append(p.dominated() ? "<tr class=\"dominated\">" : "<tr>")
                    .append("<td>").append(HtmlReportWriter.esc(label)).append("</td><td class=\"num\">")
                    .append(Fmt.percent(p.turnover())).append("</td><td class=\"num\">")
                    .append(Fmt.percent(p.trackingError())).append("</td><td>").append(p.dominated() ? "yes" : "no").append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</details>\n");
    }

    /** Per charted strategy its deepest falls: start (the peak), trough, recovery and the bars each took. */
    static void drawdowns(StringBuilder h, ReportData data) {
        List<List<String>> rows = new ArrayList<>();
        for (NavSeries n : data.navs()) {
            if (n.reference()) continue;
            long[] ts = n.timestamps();
            for (Drawdowns.Episode e : Drawdowns.largest(n.nav(), DRAWDOWNS)) {
                rows.add(List.of(n.name(), Fmt.percent(-e.depth()), Fmt.time(ts[e.peak()]), Fmt.time(ts[e.trough()]),
                        Integer.toString(e.trough() - e.peak()),
                        e.recovery() < 0 ? "not yet" : Fmt.time(ts[e.recovery()]),
                        e.recovery() < 0 ? "" : Integer.toString(e.recovery() - e.trough())));
            }
        }
        HtmlReportWriter.table(h, List.of("strategy", "depth", "start (peak)", "trough", "bars down", "recovered",
                "bars to recover"), rows);
    }

    static void costs(StringBuilder h, ReportData data) {
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
