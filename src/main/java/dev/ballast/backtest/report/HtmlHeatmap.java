package dev.ballast.backtest.report;

import java.time.Month;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * The monthly return heatmap: a year × month table per strategy (one shown at a time, chosen in a list), each cell
 * coloured by the sign (green up, red down) and size of its return, scaled to the largest month of that strategy,
 * with the value printed in the cell and its full precision in {@code data-return}. A table rather than a chart:
 * uPlot has no heatmap, and a table stays readable, copyable and printable.
 */
final class HtmlHeatmap {
    static final String ID = "monthly-returns";

    private HtmlHeatmap() {
    }

    static boolean applies(ReportData data) {
        return data.navs().stream().anyMatch(n -> !n.reference() && n.nav().length > 1);
    }

    static void write(StringBuilder h, ReportData data) {
        List<MonthlyReturns> all = data.navs().stream().filter(n -> !n.reference() && n.nav().length > 1)
                .map(MonthlyReturns::of).toList();
        HtmlReportWriter.section(h, ID, "Monthly returns");
        h.append("<select id=\"heatmap-strategy\" aria-label=\"strategy\">\n");
        for (int k = 0; k < all.size(); k++) {
            h.append("<option value=\"").append(k).append("\">").append(HtmlReportWriter.esc(all.get(k).strategy()))
                    .append("</option>\n");
        }
        h.append("</select>\n");
        for (int k = 0; k < all.size(); k++) table(h, all.get(k), k);
        h.append("<p class=\"hint\">Return from the last bar of the previous month to the last bar of the month "
                + "(the first month from the first bar), UTC months; the year column compounds its months.</p>\n")
                .append("<script>\n(() => {\n  const pick = document.getElementById('heatmap-strategy');\n")
                .append("  pick.addEventListener('change', () => document.querySelectorAll('table.heatmap').forEach(")
                .append("t => t.classList.toggle('off', t.dataset.index !== pick.value)));\n})();\n</script>\n")
                .append("</section>\n");
    }

    private static void table(StringBuilder h, MonthlyReturns r, int index) {
        double scale = r.months().values().stream().mapToDouble(Math::abs).filter(Double::isFinite).max().orElse(0);
        int first = r.months().keySet().iterator().next().getYear();
        int last = first;
        for (YearMonth m : r.months().keySet()) last = Math.max(last, m.getYear());
        h.append("<div class=\"scroll\"><table class=\"heatmap").append(index == 0 ? "" : " off")
                .append("\" data-index=\"").append(index).append("\" data-strategy=\"")
                .append(HtmlReportWriter.esc(r.strategy())).append("\">\n<thead><tr><th>year</th>");
        for (int m = 1; m <= 12; m++) {
            h.append("<th class=\"num\">").append(Month.of(m).getDisplayName(TextStyle.SHORT, Locale.ENGLISH))
                    .append("</th>");
        }
        h.append("<th class=\"num\">year</th></tr></thead>\n<tbody>\n");
        for (int y = first; y <= last; y++) {
            h.append("<tr><th>").append(y).append("</th>");
            for (int m = 1; m <= 12; m++) {
                Double v = r.months().get(YearMonth.of(y, m));
                cell(h, v, scale, YearMonth.of(y, m).toString());
            }
            cell(h, finite(r.year(y)), 0, Integer.toString(y));
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** A cell; {@code scale} 0 leaves it uncoloured (the year column, whose sizes are not comparable to months). */
    private static void cell(StringBuilder h, Double v, double scale, String key) {
        if (v == null || !Double.isFinite(v)) {
            h.append("<td class=\"num none\" data-month=\"").append(key).append("\"></td>");
            return;
        }
        h.append("<td class=\"num\" data-month=\"").append(key).append("\" data-return=\"").append(v).append('"');
        if (scale > 0) {
            // lightness 96% (no change) to 62% (the largest month): dark text stays readable on every cell
            double strength = Math.min(1, Math.abs(v) / scale);
            h.append(String.format(Locale.ROOT, " style=\"background:hsl(%d,%d%%,%.0f%%)\"", v >= 0 ? 130 : 0,
                    v >= 0 ? 45 : 70, 96 - 34 * strength));
        }
        h.append('>').append(String.format(Locale.ROOT, "%+.1f%%", v * 100)).append("</td>");
    }
}
