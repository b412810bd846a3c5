package dev.ballast.paper;

import dev.ballast.web.ChartLibrary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a paper report and writes it as {@code <vault>.csv} (the NAV series), {@code <vault>.json} (the figures) and
 * {@code <vault>.html} (one self-contained page: the figures and a uPlot chart of NAV vs buy-and-hold vs target vs
 * backtest, the library inlined so the page opens from disk).
 */
public final class PaperReportWriter {
    private PaperReportWriter() {}

    public static void print(PaperReport r, PrintStream out) {
        out.printf(Locale.ROOT, "paper vault %s: blocks %d..%d (%s .. %s)%n", r.vault(), r.fromBlock(), r.toBlock(),
                Instant.ofEpochSecond(r.fromTime()), Instant.ofEpochSecond(r.toTime()));
        table(out, "paper", r.paper());
        table(out, "backtest of the same policy on the observed prices", r.backtest());
        if (r.gaps().isEmpty()) {
            out.println("  gaps: none (every block from the first observed)");
        } else {
            out.println("  gaps (blocks not observed):");
            for (PaperRows.Gap g : r.gaps()) out.printf(Locale.ROOT, "    %d..%d  %s%n", g.fromBlock(), g.toBlock(), g.reason());
        }
        if (!r.refusals().isEmpty()) {
            out.println("  refused rebalances: " + r.refusals().size() + " (first: " + r.refusals().getFirst() + ")");
        }
    }

    /** Writes the three files into {@code dir}; returns their paths. */
    public static List<Path> write(PaperReport r, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path csv = dir.resolve(r.vault() + ".csv");
        StringBuilder sb = new StringBuilder(String.join(",", PaperReport.COLUMNS)).append('\n');
        for (double[] row : r.series()) {
            sb.append((long) row[0]);
            for (int i = 1; i < row.length; i++) sb.append(',').append(String.format(Locale.ROOT, "%.8f", row[i]));
            sb.append('\n');
        }
        Files.writeString(csv, sb);
        Path json = dir.resolve(r.vault() + ".json");
        Files.writeString(json, json(r));
        Path html = dir.resolve(r.vault() + ".html");
        Files.writeString(html, html(r));
        return List.of(csv, json, html);
    }

    private static void table(PrintStream out, String title, Map<String, Double> figures) {
        out.println("  " + title + ":");
        figures.forEach((k, v) -> out.printf(Locale.ROOT, "    %-40s %,.4f%n", k, v));
    }

    static String json(PaperReport r) {
        StringBuilder sb = new StringBuilder("{\"vault\":").append(quote(r.vault()))
                .append(",\"fromBlock\":").append(r.fromBlock()).append(",\"toBlock\":").append(r.toBlock())
                .append(",\"paper\":").append(object(r.paper())).append(",\"backtest\":").append(object(r.backtest()))
                .append(",\"gaps\":[");
        for (int i = 0; i < r.gaps().size(); i++) {
            PaperRows.Gap g = r.gaps().get(i);
            sb.append(i == 0 ? "" : ",").append("{\"from\":").append(g.fromBlock()).append(",\"to\":").append(g.toBlock())
                    .append(",\"reason\":").append(quote(g.reason())).append('}');
        }
        return sb.append("],\"refusals\":").append(r.refusals().size()).append("}\n").toString();
    }

    private static String object(Map<String, Double> m) {
        StringBuilder sb = new StringBuilder("{");
        m.forEach((k, v) -> sb.append(sb.length() == 1 ? "" : ",").append(quote(k)).append(':')
                .append(Double.isFinite(v) ? String.format(Locale.ROOT, "%.8f", v) : "null"));
        return sb.append('}').toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    static String html(PaperReport r) {
        StringBuilder data = new StringBuilder("[");
        for (int c = 0; c < PaperReport.COLUMNS.length; c++) {
            if (c == 2) continue; // the chart shows the NAV net of gas, the CSV both
            data.append(c == 0 ? "[" : ",[");
            for (int t = 0; t < r.series().size(); t++) {
                data.append(t == 0 ? "" : ",").append(String.format(Locale.ROOT, c == 0 ? "%.0f" : "%.2f", r.series().get(t)[c == 1 ? 2 : c]));
            }
            data.append(']');
        }
        data.append(']');
        StringBuilder rows = new StringBuilder();
        r.paper().forEach((k, v) -> rows.append("<tr><td>").append(escape(k)).append("</td><td>")
                .append(String.format(Locale.ROOT, "%,.4f", v)).append("</td><td>")
                .append(r.backtest().containsKey(k) ? String.format(Locale.ROOT, "%,.4f", r.backtest().get(k)) : "").append("</td></tr>\n"));
        StringBuilder gaps = new StringBuilder();
        for (PaperRows.Gap g : r.gaps()) {
            gaps.append("<li>").append(g.fromBlock()).append("..").append(g.toBlock()).append(": ").append(escape(g.reason())).append("</li>");
        }
        return "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Ballast paper report: " + escape(r.vault()) + "</title>\n"
                + ChartLibrary.headElements()
                + "<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}"
                + "td,th{padding:2px 10px;border-bottom:1px solid #ddd;text-align:right}td:first-child{text-align:left}</style>\n"
                + "</head><body>\n<h1>Paper vault " + escape(r.vault()) + "</h1>\n<p>Blocks " + r.fromBlock() + ".." + r.toBlock()
                + ". Nothing here was traded: fills are the venue's own quotes at each block.</p>\n"
                + "<div id=\"nav\"></div>\n<table id=\"figures\"><tr><th>figure</th><th>paper</th><th>backtest</th></tr>\n" + rows
                + "</table>\n<h2>Gaps</h2><ul id=\"gaps\">" + (gaps.isEmpty() ? "<li>none</li>" : gaps) + "</ul>\n"
                + "<script>\nconst data = " + data + ";\nnew uPlot({title: \"NAV\", width: 900, height: 360, series: [{},"
                + "{label: \"paper (net of gas)\", stroke: \"#1f77b4\"}, {label: \"buy and hold\", stroke: \"#999\"},"
                + "{label: \"target, free every block\", stroke: \"#2ca02c\"}, {label: \"backtest\", stroke: \"#d62728\", dash: [6, 4]}]},"
                + " data, document.getElementById(\"nav\"));\n</script>\n</body></html>\n";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
