package dev.ballast.backtest.report;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.backtest.BacktestResult;
import dev.ballast.backtest.Measures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Two tables beside the main report: each strategy's return gross of costs, net of costs and net of tax, and its
 * largest drawdowns (depth, peak, trough, recovery). Gross adds the fees, impact and gas paid back to the final NAV
 * (not compounded: what the costs took, at the value they had when paid); net of tax subtracts a taxed run's tax
 * bill from the final NAV (the engine books tax, it does not pay it out of the portfolio).
 */
public final class ReturnsAndDrawdowns {
    private ReturnsAndDrawdowns() {}

    public static double grossReturn(BacktestResult r, double start) {
        Measures m = r.measures();
        return (r.finalNav() + m.fees() + m.impact() + m.gas()) / start - 1;
    }

    /** NaN for an untaxed run. */
    public static double afterTaxReturn(BacktestResult r, double start) {
        return r.tax() == null ? Double.NaN : (r.finalNav() - r.tax().tax()) / start - 1;
    }

    public static String returnsTable(List<BacktestResult> results, double start) {
        TextTable t = new TextTable(List.of("strategy", "gross of costs %", "net of costs %", "net of tax %"));
        for (BacktestResult r : results) {
            double tax = afterTaxReturn(r, start);
            t.row(List.of(r.strategy(), pct(grossReturn(r, start)), pct(r.finalNav() / start - 1),
                    Double.isNaN(tax) ? "untaxed" : pct(tax)));
        }
        return "\nReturns (gross adds back fees, impact and gas paid; net of tax subtracts the tax booked)\n" + t.render();
    }

    public static String drawdownsTable(List<BacktestResult> results, int n) {
        TextTable t = new TextTable(List.of("strategy", "depth %", "peak", "trough", "recovered"));
        for (BacktestResult r : results) {
            for (Drawdowns.Episode e : Drawdowns.largest(r.nav(), n)) {
                long[] ts = r.timestamps();
                t.row(List.of(r.strategy(), pct(e.depth()), Fmt.time(ts[e.peak()]), Fmt.time(ts[e.trough()]),
                        e.recovery() < 0 ? "not yet" : Fmt.time(ts[e.recovery()])));
            }
        }
        return "\nLargest drawdowns (" + n + " per strategy)\n" + t.render();
    }

    /** {@code returns-and-drawdowns.json}: per strategy its three returns (fractions) and its largest drawdowns. */
    public static Path writeJson(List<BacktestResult> results, double start, int n, Path file) throws IOException {
        JsonMapper mapper = new JsonMapper();
        ArrayNode root = mapper.createArrayNode();
        for (BacktestResult r : results) {
            ObjectNode o = root.addObject();
            o.put("strategy", r.strategy());
            o.put("gross of costs", grossReturn(r, start));
            o.put("net of costs", r.finalNav() / start - 1);
            double tax = afterTaxReturn(r, start);
            if (Double.isNaN(tax)) o.putNull("net of tax"); else o.put("net of tax", tax);
            ArrayNode dd = o.putArray("largest drawdowns");
            long[] ts = r.timestamps();
            for (Drawdowns.Episode e : Drawdowns.largest(r.nav(), n)) {
                ObjectNode d = dd.addObject();
                d.put("depth", e.depth());
                d.put("peak", Fmt.time(ts[e.peak()]));
                d.put("trough", Fmt.time(ts[e.trough()]));
                if (e.recovery() < 0) d.putNull("recovery"); else d.put("recovery", Fmt.time(ts[e.recovery()]));
            }
        }
        mapper.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        return file;
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.2f", fraction * 100);
    }
}
