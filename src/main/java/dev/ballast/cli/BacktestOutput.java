package dev.ballast.cli;

import dev.ballast.backtest.BacktestResult;
import dev.ballast.backtest.optimize.StreamingSample;
import dev.ballast.backtest.report.CsvReportWriter;
import dev.ballast.backtest.report.HtmlReportWriter;
import dev.ballast.backtest.report.JsonReportWriter;
import dev.ballast.backtest.report.NavPathWriter;
import dev.ballast.backtest.report.ReportData;
import dev.ballast.backtest.report.ReturnsAndDrawdowns;
import dev.ballast.backtest.report.TaxReportWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes {@code backtest --out}'s files: CSV, JSON, the HTML report, value paths, quantiles and tax years. */
final class BacktestOutput {
    private final Path dir;

    /** Probes {@code dir} at once: an unwritable place fails before the run, not after it. */
    BacktestOutput(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".ballast-probe", ".tmp"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new UserInputException("--out " + dir + ": cannot write there (" + e + ")", e);
        }
    }

    /** The files written, in order. */
    List<Path> write(ReportData report, Map<String, Map<String, StreamingSample>> mc, List<BacktestResult> results,
                     double startValue, int drawdowns) throws IOException {
        List<Path> written = new ArrayList<>(CsvReportWriter.writeAll(report, dir));
        written.addAll(NavPathWriter.write(results, dir));
        written.add(ReturnsAndDrawdowns.writeJson(results, startValue, drawdowns, dir.resolve("returns-and-drawdowns.json")));
        JsonReportWriter.write(report, dir.resolve("report.json"));
        written.add(dir.resolve("report.json"));
        HtmlReportWriter.write(report, dir.resolve("report.html"), false);
        written.add(dir.resolve("report.html"));
        if (mc != null) written.add(BacktestMonteCarloOptions.writeQuantiles(mc, dir.resolve("monte-carlo-quantiles.csv")));
        List<BacktestResult> taxed = results.stream().filter(r -> r.tax() != null).toList();
        for (int k = 0; k < taxed.size(); k++) {
            BacktestResult t = taxed.get(k);
            Path years = dir.resolve(String.format(Locale.ROOT, "tax-years-%02d.csv", k + 1));
            try (Writer w = Files.newBufferedWriter(years)) {
                w.write("# " + t.strategy() + " (" + t.tax().settings().label() + ")\n");
                TaxReportWriter.writeYears(t.tax().years(), w);
            }
            written.add(years);
        }
        return written;
    }
}
