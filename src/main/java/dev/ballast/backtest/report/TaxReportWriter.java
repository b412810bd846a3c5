package dev.ballast.backtest.report;

import dev.ballast.backtest.tax.Disposal;
import dev.ballast.backtest.tax.TaxYear;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tax outputs: every disposal (one CSV row per lot sold), the yearly bills, and summary measures for a strategy row. */
public final class TaxReportWriter {
    private TaxReportWriter() {
    }

    public static void writeDisposals(List<Disposal> disposals, Appendable out) throws IOException {
        CsvReportWriter.row(out, List.of("asset", "lot", "quantity", "acquired", "holding_start", "sold", "term",
                "proceeds", "cost_basis", "gain", "disallowed_loss", "recognized_gain"));
        for (Disposal d : disposals) {
            CsvReportWriter.row(out, List.of(d.asset(), Long.toString(d.lotId()), Fmt.exact(d.quantity()),
                    Fmt.time(d.acquiredAt()), Fmt.time(d.holdingStart()), Fmt.time(d.soldAt()), d.term().name(),
                    Fmt.exact(d.proceeds()), Fmt.exact(d.costBasis()), Fmt.exact(d.gain()),
                    Fmt.exact(d.disallowedLoss()), Fmt.exact(d.recognizedGain())));
        }
    }

    public static void writeYears(List<TaxYear> years, Appendable out) throws IOException {
        CsvReportWriter.row(out, List.of("year", "short_term_realized", "long_term_realized", "short_term_carried_in",
                "long_term_carried_in", "net_short_term", "net_long_term", "short_term_tax", "long_term_tax", "tax",
                "loss_carryforward", "disallowed_losses"));
        for (TaxYear y : years) {
            CsvReportWriter.row(out, List.of(Integer.toString(y.year()), Fmt.exact(y.realized().shortTerm()),
                    Fmt.exact(y.realized().longTerm()), Fmt.exact(y.carriedIn().shortTerm()),
                    Fmt.exact(y.carriedIn().longTerm()), Fmt.exact(y.bill().netShortTerm()),
                    Fmt.exact(y.bill().netLongTerm()), Fmt.exact(y.bill().shortTermTax()),
                    Fmt.exact(y.bill().longTermTax()), Fmt.exact(y.bill().total()),
                    Fmt.exact(y.bill().lossCarryforward()), Fmt.exact(y.realized().disallowedLosses())));
        }
    }

    /** The yearly bills as an aligned text table. */
    public static String renderYears(List<TaxYear> years) {
        TextTable t = new TextTable(List.of("year", "ST realized", "LT realized", "carried in", "ST tax", "LT tax",
                "tax", "carryforward"));
        for (TaxYear y : years) {
            t.row(List.of(Integer.toString(y.year()), Fmt.number(y.realized().shortTerm()),
                    Fmt.number(y.realized().longTerm()), Fmt.number(y.carriedIn().total()),
                    Fmt.number(y.bill().shortTermTax()), Fmt.number(y.bill().longTermTax()),
                    Fmt.number(y.bill().total()), Fmt.number(y.bill().lossCarryforward())));
        }
        return t.render();
    }

    /** Totals over all years, to add to a strategy's measures in the main table. */
    public static Map<String, Double> summary(List<TaxYear> years) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("realized ST", years.stream().mapToDouble(y -> y.realized().shortTerm()).sum());
        m.put("realized LT", years.stream().mapToDouble(y -> y.realized().longTerm()).sum());
        m.put("tax", years.stream().mapToDouble(y -> y.bill().total()).sum());
        m.put("disallowed losses", years.stream().mapToDouble(y -> y.realized().disallowedLosses()).sum());
        return m;
    }
}
