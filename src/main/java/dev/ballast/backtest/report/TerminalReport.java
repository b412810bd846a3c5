package dev.ballast.backtest.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The report as aligned plain-text tables, for the terminal. Charts are left to the HTML and PNG writers. */
public final class TerminalReport {
    private TerminalReport() {
    }

    public static String render(ReportData data) {
        StringBuilder sb = new StringBuilder();
        sb.append(data.title()).append('\n').append("=".repeat(data.title().length())).append('\n');
        data.metadata().forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        data.notes().forEach(n -> sb.append("note: ").append(n).append('\n'));
        section(sb, "Strategies", strategies(data));
        section(sb, "Frontier (turnover vs tracking error)", frontier(data));
        section(sb, "Costs", costs(data));
        section(sb, "Distributions", distributions(data));
        section(sb, "By regime", regimes(data));
        return sb.toString();
    }

    public static void write(ReportData data, Appendable out) {
        try {
            out.append(render(data));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void section(StringBuilder sb, String title, TextTable table) {
        if (table != null) {
            sb.append('\n').append(title).append('\n').append(table.render());
        }
    }

    private static TextTable strategies(ReportData data) {
        if (data.strategies().isEmpty()) {
            return null;
        }
        List<String> names = data.measureNames();
        TextTable t = new TextTable(header("strategy", names));
        for (StrategyRow s : data.strategies()) {
            t.row(cells(s.name(), names, s.measures()));
        }
        return t;
    }

    private static TextTable frontier(ReportData data) {
        if (data.frontier().isEmpty()) {
            return null;
        }
        TextTable t = new TextTable(List.of("strategy", "turnover", "tracking error", "dominated"));
        for (FrontierPoint p : data.frontier()) {
            t.row(List.of(p.label(), Fmt.percent(p.turnover()), Fmt.percent(p.trackingError()),
                    p.dominated() ? "yes" : "-"));
        }
        return t;
    }

    private static TextTable costs(ReportData data) {
        if (data.costs().isEmpty()) {
            return null;
        }
        List<String> parts = data.costs().stream().flatMap(c -> c.components().keySet().stream()).distinct().toList();
        List<String> head = new ArrayList<>(header("strategy", parts));
        head.add("total");
        TextTable t = new TextTable(head);
        for (CostBreakdown c : data.costs()) {
            List<String> row = new ArrayList<>(cells(c.strategy(), parts, c.components()));
            row.add(Fmt.number(c.total()));
            t.row(row);
        }
        return t;
    }

    private static TextTable distributions(ReportData data) {
        if (data.distributions().isEmpty()) {
            return null;
        }
        TextTable t = new TextTable(List.of("quantity", "n", "mean", "p5", "median", "p95", "min", "max"));
        for (Distribution d : data.distributions()) {
            Quantiles q = Quantiles.of(d);
            t.row(List.of(d.name(), Integer.toString(q.count()), Fmt.number(q.mean()), Fmt.number(q.p5()),
                    Fmt.number(q.median()), Fmt.number(q.p95()), Fmt.number(q.min()), Fmt.number(q.max())));
        }
        return t;
    }

    private static TextTable regimes(ReportData data) {
        if (data.regimes().isEmpty()) {
            return null;
        }
        List<String> names = data.regimes().stream().flatMap(r -> r.measures().keySet().stream()).distinct().toList();
        List<String> head = new ArrayList<>(List.of("regime"));
        head.addAll(header("strategy", names));
        TextTable t = new TextTable(head);
        for (RegimeSplit r : data.regimes()) {
            List<String> row = new ArrayList<>(List.of(r.regime()));
            row.addAll(cells(r.strategy(), names, r.measures()));
            t.row(row);
        }
        return t;
    }

    private static List<String> header(String first, List<String> rest) {
        List<String> h = new ArrayList<>(List.of(first));
        h.addAll(rest);
        return h;
    }

    private static List<String> cells(String first, List<String> keys, Map<String, Double> values) {
        List<String> row = new ArrayList<>(List.of(first));
        for (String k : keys) {
            Double v = values.get(k);
            row.add(v == null ? "" : Fmt.number(v));
        }
        return row;
    }
}
