package dev.ballast.cli;

import dev.ballast.backtest.BacktestConfig;
import dev.ballast.backtest.BacktestResult;
import dev.ballast.backtest.CalendarPeriod;
import dev.ballast.backtest.CostModel;
import dev.ballast.backtest.Execution;
import dev.ballast.backtest.PoolVolume;
import dev.ballast.backtest.Strategies;
import dev.ballast.backtest.Strategy;
import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.backtest.data.RegimePath;
import dev.ballast.backtest.optimize.RegimeRule;
import dev.ballast.backtest.optimize.StreamingSample;
import dev.ballast.backtest.optimize.Sweep;
import dev.ballast.backtest.optimize.SweepGrid;
import dev.ballast.backtest.report.EngineReports;
import dev.ballast.backtest.report.Fmt;
import dev.ballast.backtest.report.ProgressBar;
import dev.ballast.backtest.report.ReportData;
import dev.ballast.backtest.report.ReturnsAndDrawdowns;
import dev.ballast.backtest.report.TerminalReport;
import dev.ballast.backtest.tax.TaxSettings;
import dev.ballast.policy.FixedPoint;
import dev.ballast.policy.PolicyParams;
import dev.ballast.policy.ValueUnits;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ballast backtest}: parses the policy options and composes the rest (data, costs, execution, regimes, tax,
 * Monte Carlo, output: one option class each), runs the strategies and prints or writes the report.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replays the keeper's rebalancing policy over price history and compares strategies.",
                "Data: --prices FILE (CSV: a date column, one column per asset), or --synthetic gbm|regime, or by",
                "default the bundled EuStockMarkets sample (DAX, SMI, CAC, FTSE closes 1991-1998, from R).",
                "Without --mode: the standard set (buy-and-hold, each calendar period, bands, a passive pool).",
                "--sweep: bands 1..--max-band %% x calendar periods, with the turnover/tracking-error frontier.",
                "--monte-carlo N: quantiles of every measure over N random entry dates (or block-bootstrapped",
                "paths with --bootstrap-block), streamed in bounded memory.",
                "Taxes: --tax-lots keeps lots of every trade; --tax-harvest and --tax-aware change the trades;",
                "--tax-compare shows each rebalancing strategy under every tax setting.",
                "The HTML report (--out) draws its charts with uPlot, inlined: it opens offline; each chart has a PNG button.",
                "Example: ballast backtest --sweep --monte-carlo 200 --horizon-days 260 --out report/"})
public final class BacktestCommand implements Callable<Integer> {
    /** Strategies whose drift, weight and value paths are charted (a sweep's candidates, see EngineReports). */
    private static final int MAX_SERIES = 16;
    /** Strategies in the text tables of returns and drawdowns (a sweep has a hundred). */
    private static final int MAX_TEXT_ROWS = 20;
    /** Largest drawdowns listed per strategy. */
    private static final int DRAWDOWNS = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    BacktestDataOptions dataOptions;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of synthetic data and Monte Carlo (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--weights", split = ",", paramLabel = "W",
            description = "Target weights, column order, summing to 1 (default equal).")
    List<Double> weights;

    @Option(names = "--normalize", description = "Scale --weights to sum to 1 instead of refusing them.")
    boolean normalize;

    @Option(names = "--band", defaultValue = "5%", paramLabel = "FRACTION",
            description = "Band: 5%% or 0.05 (a bare number >= 1 is refused as ambiguous; default ${DEFAULT-VALUE}).")
    String band;

    @Option(names = "--interval", defaultValue = "monthly", paramLabel = "PERIOD",
            description = "Calendar period: daily, weekly, monthly, quarterly, annual (default ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--mode", paramLabel = "MODE",
            description = {"Only this policy (and buy-and-hold): band, calendar, band-or-calendar,",
                    "band-after-interval (the vault's rule: any bar with the band breached once an interval has passed",
                    "since the last rebalance), band-on-calendar-dates (the band checked only every interval from the",
                    "first bar)."})
    String mode;

    @Option(names = "--min-trade", defaultValue = "0", paramLabel = "VALUE", description = "Minimum trade value (default ${DEFAULT-VALUE}).")
    double minTrade;

    @Option(names = "--max-slice", defaultValue = "1", paramLabel = "FRACTION",
            description = "Largest swap as a fraction of NAV, (0, 1] (default ${DEFAULT-VALUE}).")
    double maxSlice;

    @Mixin
    BacktestCostOptions costOptions;

    @Mixin
    BacktestExecutionOptions executionOptions;

    @Option(names = "--pool-volume", defaultValue = "0%", paramLabel = "FRACTION",
            description = "The passive pool's non-arbitrage volume per day, fraction of its value, earning it the fee "
                    + "(default ${DEFAULT-VALUE}: arbitrage flow only, the conservative case).")
    String poolVolume;

    @Option(names = "--pool-volume-csv", paramLabel = "FILE",
            description = "The pool's volume per day instead: CSV date,volume_fraction (days absent trade nothing).")
    Path poolVolumeCsv;

    @Option(names = "--start-value", defaultValue = "1000000", description = "Capital invested (default ${DEFAULT-VALUE}).")
    double startValue;

    @Option(names = "--sweep", description = "Sweep bands x calendar periods.")
    boolean sweep;

    @Option(names = "--max-band", defaultValue = "20%", paramLabel = "FRACTION",
            description = "Sweep bands 1%%..FRACTION in whole percents (default ${DEFAULT-VALUE}).")
    String maxBand;

    @Mixin
    BacktestMonteCarloOptions monteCarloOptions;

    @Mixin
    BacktestRegimeOptions regimeOptions;

    @Mixin
    BacktestTaxOptions taxOptions;

    @Option(names = "--correction-benefit", defaultValue = "1%", paramLabel = "FRACTION",
            description = "What correcting drift is worth, fraction of the value put back: 1%% or 0.01 (the policy's gas "
                    + "check and the tax-aware rule; default ${DEFAULT-VALUE}).")
    String correctionBenefit;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write CSV, JSON, report.html (interactive charts, self-contained) and the NAV path per bar "
                    + "per strategy (nav.csv, nav.json) here; checked writable before the run.")
    Path out;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        BacktestOutput output = out == null ? null : new BacktestOutput(out);
        BacktestDataOptions.Data loaded = dataOptions.load(seed);
        BacktestDataOptions.Data data = dataOptions.select(loaded);
        PriceSeries series = data.series();
        TaxSettings tax = taxOptions.settings();
        BacktestConfig config = config(series).withTax(tax);
        CostModel costs = costOptions.costs(series);
        PolicyParams base = baseParams();
        List<Strategy> strategies = strategies(base);
        Execution execution = executionOptions.execution(series, costOptions.feeBps);
        List<BacktestResult> results = run(series, config, costs, execution, strategies);
        ReportData.Builder b = EngineReports.from("Ballast backtest", results,
                EngineReports.chartedStrategies(results, MAX_SERIES), EngineReports.bands(strategies));
        b.nav(EngineReports.continuouslyRebalanced(series, targets(config), startValue));
        describe(b, data, series, costs);
        b.meta("weights", weightsLine(series, config));
        if (tax != null) b.meta("tax", taxOptions.describe(tax));
        // on the loaded columns: the regime asset (an index, say) need not be one that is traded
        RegimePath regimePath = regimeOptions.path(loaded.series(), loaded.regimes(), series);
        if (regimePath != null) {
            EngineReports.byRegime(results, regimePath).forEach(b::regime);
            b.meta("regimes", regimeOptions.describe());
            b.meta("regime periods", String.join("; ", RegimeRule.periods(regimePath, 3)));
        }
        // lots alone change no trade, hence no measure: the Monte Carlo paths skip the bookkeeping
        BacktestConfig mcConfig = tax != null && tax.changesTrades() ? config : config.withTax(null);
        Map<String, Map<String, StreamingSample>> mc = monteCarloOptions.run(series, mcConfig, costs, execution,
                strategies, seed, quiet, b);
        ReportData report = b.build();
        TerminalReport.write(report, o);
        List<BacktestResult> shown = results.subList(0, Math.min(MAX_TEXT_ROWS, results.size()));
        o.print(ReturnsAndDrawdowns.returnsTable(shown, startValue));
        o.print(ReturnsAndDrawdowns.drawdownsTable(shown, DRAWDOWNS));
        if (shown.size() < results.size()) {
            o.println("(first " + MAX_TEXT_ROWS + " strategies; all of them in returns-and-drawdowns.json with --out)");
        }
        if (mc != null) o.print(BacktestMonteCarloOptions.quantileTable(mc));
        o.flush();
        if (output != null) {
            List<Path> written = output.write(report, mc, results, startValue, DRAWDOWNS);
            o.println("\nwrote " + written.size() + " files to " + out);
        }
        return 0;
    }

    /** Every strategy under the config's tax setting, or with --tax-compare under each tax setting in turn. */
    private List<BacktestResult> run(PriceSeries series, BacktestConfig config, CostModel costs,
                                     Execution execution, List<Strategy> strategies) {
        List<TaxSettings> variants = taxOptions.variants(config.tax());
        boolean compare = variants.size() > 1;
        List<BacktestResult> results = new ArrayList<>();
        try (ProgressBar bar = ProgressBar.forStderr("backtest", strategies.size() * variants.size(),
                quiet || !(sweep || compare))) {
            for (int v = 0; v < variants.size(); v++) {
                TaxSettings tax = variants.get(v);
                // holding or pooling trades nothing a tax option could change: shown once
                List<Strategy> these = v == 0 ? strategies
                        : strategies.stream().filter(s -> s instanceof Strategy.Rebalancing).toList();
                for (BacktestResult r : Sweep.run(series, config.withTax(tax), costs, execution, these,
                        () -> { synchronized (bar) { bar.step(); } })) {
                    results.add(compare && r.tax() != null && !r.strategy().equals("buy-and-hold")
                            ? r.named(r.strategy() + " [" + tax.label() + "]") : r);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new UserInputException("backtest: " + e.getMessage(), e);
        }
        return results;
    }

    private static double[] targets(BacktestConfig config) {
        return Arrays.stream(config.targets()).mapToDouble(t -> t / (double) FixedPoint.WAD).toArray();
    }

    private BacktestConfig config(PriceSeries series) {
        if (!(startValue > 0 && startValue <= BacktestConfig.MAX_CAPITAL)) {
            throw new UserInputException("--start-value " + startValue + ": must be in (0, 1e10]");
        }
        if (weights == null) {
            double[] w = equal(series.assetCount());
            if (!taxOptions.substitutes().isEmpty()) {
                for (String sub : taxOptions.substitutes().values()) {
                    int i = series.assets().indexOf(sub);
                    if (i < 0) throw new UserInputException("--substitute: no column " + sub + " in " + series.assets());
                    w[i] = 0; // a substitute only holds its asset's place
                }
            }
            return BacktestConfig.of(startValue, 0, w);
        }
        if (weights.size() != series.assetCount()) {
            throw new UserInputException("--weights: " + weights.size() + " weights for " + series.assetCount()
                    + " assets " + series.assets());
        }
        double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
        for (double x : w) {
            if (!(x >= 0 && Double.isFinite(x))) throw new UserInputException("--weights: " + x + " must be >= 0");
        }
        double sum = Arrays.stream(w).sum();
        if (!(sum > 0)) throw new UserInputException("--weights: must not all be 0");
        // a tolerance for decimal input such as 0.1,0.2,0.7 whose doubles do not add to exactly 1
        if (Math.abs(sum - 1) > 1e-9 && !normalize) {
            throw new UserInputException(String.format(Locale.ROOT,
                    "--weights %s sum to %s, not 1: correct them or add --normalize", weights, sum));
        }
        return BacktestConfig.of(startValue, 0, w);
    }

    /** "DAX 25%, SMI 25%, ..." as the run uses them (after --normalize, or with substitutes at 0). */
    static String weightsLine(PriceSeries series, BacktestConfig config) {
        List<String> parts = new ArrayList<>();
        long[] targets = config.targets();
        for (int i = 0; i < targets.length; i++) {
            parts.add(series.assets().get(i) + " " + BigDecimal.valueOf(targets[i], 16)
                    .setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString() + "%");
        }
        return String.join(", ", parts);
    }

    private static double[] equal(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1);
        return w;
    }

    private PolicyParams baseParams() {
        if (!(maxSlice > 0 && maxSlice <= 1)) throw new UserInputException("--max-slice " + maxSlice + ": must be in (0, 1]");
        if (!(minTrade >= 0 && minTrade < 1e10)) throw new UserInputException("--min-trade " + minTrade + ": must be in [0, 1e10)");
        BigDecimal bandFraction = FractionOption.parse("--band", band);
        if (bandFraction.signum() == 0) throw new UserInputException("--band " + band + ": must be > 0");
        BigDecimal benefit = FractionOption.parse("--correction-benefit", correctionBenefit);
        if (benefit.compareTo(BigDecimal.TEN) > 0) {
            throw new UserInputException("--correction-benefit " + correctionBenefit + ": must be at most 1000%");
        }
        return PolicyParams.builder()
                .correctionBenefit(FractionOption.wad(benefit))
                .band(FractionOption.wad(bandFraction))
                .minTradeValue(Math.round(minTrade * ValueUnits.ONE))
                .maxTradeFraction(Math.round(maxSlice * FixedPoint.WAD))
                .build();
    }

    private CalendarPeriod period() {
        try {
            return CalendarPeriod.valueOf(interval.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--interval " + interval + ": expected daily, weekly, monthly, quarterly or annual");
        }
    }

    private PoolVolume poolVolume() {
        if (poolVolumeCsv != null) return PoolVolumeCsv.read(poolVolumeCsv);
        return PoolVolume.constant(FractionOption.parse("--pool-volume", poolVolume).doubleValue());
    }

    private List<Strategy> strategies(PolicyParams base) {
        List<Strategy> list = new ArrayList<>();
        list.add(Strategies.buyAndHold());
        if (sweep) {
            BigDecimal pct = FractionOption.parse("--max-band", maxBand).movePointRight(2);
            if (pct.stripTrailingZeros().scale() > 0 || pct.intValue() < 1 || pct.intValue() > 99) {
                throw new UserInputException("--max-band " + maxBand + ": must be a whole percent in [1%, 99%]");
            }
            list.addAll(SweepGrid.percentBands(pct.intValue()).strategies(base));
            return list;
        }
        CalendarPeriod period = period();
        if (mode == null) return Strategies.standardSet(base, costOptions.feeBps / 1e4, poolVolume());
        long band = base.band();
        list.add(switch (mode.toLowerCase(Locale.ROOT)) {
            case "band" -> Strategies.band(band, base);
            case "calendar" -> Strategies.calendar(period, base);
            case "band-or-calendar" -> Strategies.calendarOrBand(period, band, base);
            case "band-after-interval" -> Strategies.calendarAndBand(period, band, base);
            case "band-on-calendar-dates" -> Strategies.bandOnCalendarDates(period, band, base);
            case "band-and-calendar" -> throw new UserInputException("--mode band-and-calendar: ambiguous; "
                    + "band-after-interval is the vault's rule (any bar with the band breached once an interval has "
                    + "passed), band-on-calendar-dates checks the band only on the calendar dates");
            default -> throw new UserInputException("--mode " + mode + ": expected band, calendar, band-or-calendar, "
                    + "band-after-interval or band-on-calendar-dates");
        });
        return list;
    }

    private void describe(ReportData.Builder b, BacktestDataOptions.Data data, PriceSeries s, CostModel costs) {
        b.meta("data", data.source());
        b.meta("assets", String.join(", ", s.assets()));
        b.meta("bars", s.size() + " (" + Fmt.time(s.timestamp(0)) + " to " + Fmt.time(s.timestamp(s.size() - 1)) + ")");
        b.meta("costs", costOptions.describe(costs));
        b.meta("execution", executionOptions.describe(costOptions.feeBps));
        b.meta("measures", "defined in dev.ballast.backtest.Measures");
        data.notes().forEach(b::note);
    }
}
