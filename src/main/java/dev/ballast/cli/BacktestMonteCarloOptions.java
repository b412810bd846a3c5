package dev.ballast.cli;

import dev.ballast.backtest.BacktestConfig;
import dev.ballast.backtest.CostModel;
import dev.ballast.backtest.Execution;
import dev.ballast.backtest.Strategy;
import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.backtest.optimize.MonteCarlo;
import dev.ballast.backtest.optimize.StreamingSample;
import dev.ballast.backtest.report.CsvReportWriter;
import dev.ballast.backtest.report.ProgressBar;
import dev.ballast.backtest.report.ReportData;
import dev.ballast.backtest.report.TextTable;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/** {@code backtest}'s Monte Carlo: the options, the run, its report parts and its quantile table and file. */
final class BacktestMonteCarloOptions {
    /** Strategies whose Monte Carlo samples go into the report's distribution charts. */
    private static final int MAX_DISTRIBUTIONS = 12;
    private static final List<String> DISTRIBUTION_MEASURES =
            List.of("return %", "tracking error %", "turnover %/yr", "execution cost bps/yr");

    @Option(names = "--monte-carlo", defaultValue = "0", paramLabel = "N", description = "Random paths (default none).")
    int monteCarlo;

    @Option(names = "--horizon-days", defaultValue = "260", paramLabel = "D", description = "Bars per path (default ${DEFAULT-VALUE}).")
    int horizonDays;

    @Option(names = "--bootstrap-block", paramLabel = "B", description = "Block-bootstrap paths, mean block B bars (default: entry dates).")
    Double bootstrapBlock;

    /** Samples per strategy per measure, or null without --monte-carlo; adds metadata and distributions to {@code b}. */
    Map<String, Map<String, StreamingSample>> run(PriceSeries series, BacktestConfig config, CostModel costs,
            Execution execution, List<Strategy> strategies, long seed, boolean quiet, ReportData.Builder b) {
        if (monteCarlo <= 0) return null;
        if (horizonDays < 2 || horizonDays > series.size()) {
            throw new UserInputException("--horizon-days " + horizonDays + ": must be in [2, " + series.size()
                    + "] (the data's bars)");
        }
        if (bootstrapBlock != null && !(bootstrapBlock >= 1)) {
            throw new UserInputException("--bootstrap-block " + bootstrapBlock + ": must be >= 1");
        }
        MonteCarlo.PathKind kind = bootstrapBlock == null ? MonteCarlo.PathKind.ENTRY_DATES : MonteCarlo.PathKind.BOOTSTRAP;
        MonteCarlo.Plan plan = new MonteCarlo.Plan(monteCarlo, horizonDays, kind,
                bootstrapBlock == null ? 1 : bootstrapBlock, seed, 4096);
        Map<String, Map<String, StreamingSample>> mc;
        try (ProgressBar bar = ProgressBar.forStderr("monte carlo", monteCarlo, quiet)) {
            mc = MonteCarlo.run(series, config, costs, execution, strategies, plan, bar::advanceTo);
        }
        b.meta("monte carlo", monteCarlo + (kind == MonteCarlo.PathKind.BOOTSTRAP
                ? " stationary-bootstrap paths (mean block " + bootstrapBlock + " bars)" : " random entry dates")
                + ", " + horizonDays + " bars each, seed " + seed);
        int shown = 0;
        for (Map.Entry<String, Map<String, StreamingSample>> e : mc.entrySet()) {
            if (shown++ >= MAX_DISTRIBUTIONS) break;
            for (String m : DISTRIBUTION_MEASURES) {
                StreamingSample s = e.getValue().get(m);
                if (s != null) b.distribution(s.toDistribution(e.getKey() + ": " + m));
            }
        }
        return mc;
    }

    static String quantileTable(Map<String, Map<String, StreamingSample>> mc) {
        StringBuilder sb = new StringBuilder("\nMonte Carlo quantiles (p5 / median / p95)\n");
        TextTable t = new TextTable(Stream.concat(Stream.of("strategy", "paths"), DISTRIBUTION_MEASURES.stream()).toList());
        for (Map.Entry<String, Map<String, StreamingSample>> e : mc.entrySet()) {
            List<String> cells = new ArrayList<>(List.of(e.getKey(),
                    Long.toString(e.getValue().get("return %").count() + e.getValue().get("return %").nonFinite())));
            for (String m : DISTRIBUTION_MEASURES) {
                StreamingSample s = e.getValue().get(m);
                cells.add(String.format(Locale.ROOT, "%.2f / %.2f / %.2f", s.quantile(0.05), s.quantile(0.5), s.quantile(0.95)));
            }
            t.row(cells);
        }
        return sb.append(t.render()).toString();
    }

    static Path writeQuantiles(Map<String, Map<String, StreamingSample>> mc, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("strategy,measure,count,non_finite,mean,min,p5,p25,p50,p75,p95,max\n");
            for (Map.Entry<String, Map<String, StreamingSample>> e : mc.entrySet()) {
                for (Map.Entry<String, StreamingSample> m : e.getValue().entrySet()) {
                    StreamingSample s = m.getValue();
                    CsvReportWriter.row(w, List.of(e.getKey(), m.getKey(), Long.toString(s.count()),
                            Long.toString(s.nonFinite()), num(s.mean()), num(s.min()), num(s.quantile(0.05)),
                            num(s.quantile(0.25)), num(s.quantile(0.5)), num(s.quantile(0.75)), num(s.quantile(0.95)),
                            num(s.max())));
                }
            }
        }
        return file;
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
