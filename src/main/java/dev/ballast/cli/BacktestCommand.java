package dev.ballast.cli;

import dev.ballast.backtest.BacktestConfig;
import dev.ballast.backtest.BacktestResult;
import dev.ballast.backtest.CalendarPeriod;
import dev.ballast.backtest.CostModel;
import dev.ballast.backtest.Execution;
import dev.ballast.backtest.GasModel;
import dev.ballast.backtest.Strategies;
import dev.ballast.backtest.Strategy;
import dev.ballast.backtest.data.GbmGenerator;
import dev.ballast.backtest.data.LoadedPrices;
import dev.ballast.backtest.data.PriceCsvReader;
import dev.ballast.backtest.data.PriceDataException;
import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.backtest.data.RegimePath;
import dev.ballast.backtest.data.RegimeSwitchingGenerator;
import dev.ballast.backtest.data.SampleData;
import dev.ballast.backtest.data.SyntheticAsset;
import dev.ballast.backtest.optimize.MonteCarlo;
import dev.ballast.backtest.optimize.RegimeRule;
import dev.ballast.backtest.optimize.StreamingSample;
import dev.ballast.backtest.optimize.Sweep;
import dev.ballast.backtest.optimize.SweepGrid;
import dev.ballast.backtest.report.CsvReportWriter;
import dev.ballast.backtest.report.EngineReports;
import dev.ballast.backtest.report.HtmlReportWriter;
import dev.ballast.backtest.report.JsonReportWriter;
import dev.ballast.backtest.report.ProgressBar;
import dev.ballast.backtest.report.ReportData;
import dev.ballast.backtest.report.ReturnsAndDrawdowns;
import dev.ballast.backtest.report.TaxReportWriter;
import dev.ballast.backtest.report.TerminalReport;
import dev.ballast.backtest.report.chart.PngChartWriter;
import dev.ballast.backtest.tax.HarvestRules;
import dev.ballast.backtest.tax.LotSelection;
import dev.ballast.backtest.tax.TaxRates;
import dev.ballast.backtest.tax.TaxRules;
import dev.ballast.backtest.tax.TaxSettings;
import dev.ballast.policy.FixedPoint;
import dev.ballast.policy.PolicyParams;
import dev.ballast.policy.RebalanceMode;
import dev.ballast.policy.ValueUnits;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
                "Example: ballast backtest --sweep --monte-carlo 200 --horizon-days 260 --out report/"})
public final class BacktestCommand implements Callable<Integer> {
    /** Strategies whose drift and weight series are charted. */
    private static final int MAX_SERIES = 6;
    /** Strategies in the text tables of returns and drawdowns (a sweep has a hundred). */
    private static final int MAX_TEXT_ROWS = 20;
    /** Largest drawdowns listed per strategy. */
    private static final int DRAWDOWNS = 3;
    /** Strategies whose Monte Carlo samples go into the report's distribution charts. */
    private static final int MAX_DISTRIBUTIONS = 12;
    private static final List<String> DISTRIBUTION_MEASURES =
            List.of("return %", "tracking error %", "turnover %/yr", "execution cost bps/yr");

    @Spec
    CommandSpec spec;

    @Option(names = "--prices", paramLabel = "FILE", description = "Price CSV (default: bundled EuStockMarkets sample).")
    Path prices;

    @Option(names = "--synthetic", paramLabel = "KIND", description = "SYNTHETIC data instead: gbm or regime.")
    String synthetic;

    @Option(names = "--assets", split = ",", paramLabel = "NAME",
            description = "Only these price columns, in this order (default all).")
    List<String> assetNames;

    @Option(names = "--synthetic-assets", defaultValue = "4", paramLabel = "N",
            description = "Synthetic assets (default ${DEFAULT-VALUE}).")
    int assets;

    @Option(names = "--years", defaultValue = "5", description = "Synthetic years of daily bars (default ${DEFAULT-VALUE}).")
    double years;

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

    @Option(names = "--fee-bps", defaultValue = "30", description = "Swap fee in basis points (default ${DEFAULT-VALUE}).")
    double feeBps;

    @Mixin
    BacktestExecutionOptions executionOptions;

    @Option(names = "--impact", defaultValue = "none", paramLabel = "LIQUIDITY",
            description = "Constant-product liquidity per swap side, in the numeraire, or none (default ${DEFAULT-VALUE}).")
    String impact;

    @Option(names = "--venue", paramLabel = "SPEC",
            description = {"Price swaps with the keeper's routing model over this venue instead of --fee-bps/--impact; "
                    + "repeat for several (the best venue, or a split when it pays after gas). SPEC is "
                    + "KIND:FEE_BPS:LIQUIDITY[:OPTION]: v3:5:2e9[:RANGE_PCT] (active liquidity as one virtual reserve in the "
                    + "numeraire, 60%% of it within +-RANGE_PCT, default 10), v2:30:2e7 (value of each reserve), "
                    + "balancer:30:4e7[:80/20] or ballast:30:1e7[:50/50] (pool value; the sold asset holds the first weight).",
                    "Example: --venue v3:5:2e9:2 versus --venue balancer:30:4e7:80/20"})
    List<String> venues;

    @Option(names = "--gas-units", defaultValue = "0,0", split = ",", paramLabel = "CALL,SWAP",
            description = "Gas per vault call and per swap (default ${DEFAULT-VALUE}).")
    List<Long> gasUnits;

    @Option(names = "--gas-price", defaultValue = "0", paramLabel = "GWEI", description = "Gas price in gwei (default ${DEFAULT-VALUE}).")
    double gasPriceGwei;

    @Option(names = "--native-price", defaultValue = "2000", paramLabel = "PRICE|ASSET",
            description = "Native token price, or the price column to use (default ${DEFAULT-VALUE}).")
    String nativePrice;

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

    @Option(names = "--monte-carlo", defaultValue = "0", paramLabel = "N", description = "Random paths (default none).")
    int monteCarlo;

    @Option(names = "--horizon-days", defaultValue = "260", paramLabel = "D", description = "Bars per path (default ${DEFAULT-VALUE}).")
    int horizonDays;

    @Option(names = "--bootstrap-block", paramLabel = "B", description = "Block-bootstrap paths, mean block B bars (default: entry dates).")
    Double bootstrapBlock;

    @Mixin
    BacktestRegimeOptions regimeOptions;

    @Option(names = "--tax-lots", paramLabel = "METHOD",
            description = "Tax lots: fifo, lifo, hifo, min_tax (default: no tax; fifo when another tax option is given).")
    String taxLots;

    @Option(names = "--tax-harvest", description = "Tax-loss harvesting during rebalances: loss lots sold first, into "
            + "--substitute assets; buys that would wash a loss go to the substitute or are left out.")
    boolean taxHarvest;

    @Option(names = "--harvest-min-loss", defaultValue = "5%", paramLabel = "FRACTION",
            description = "Harvest a lot when its loss is at least this fraction of its basis (default ${DEFAULT-VALUE}).")
    String harvestMinLoss;

    @Option(names = "--substitute", paramLabel = "ASSET=SUBSTITUTE",
            description = "Column held in ASSET's place during a wash-sale window (target weight 0; repeatable).")
    Map<String, String> substitutes;

    @Option(names = "--tax-aware", description = "Sell least-tax lots first (min_tax) and defer a rebalance whose tax "
            + "cost exceeds its benefit net of gas (benefit = --correction-benefit x misplaced value corrected).")
    boolean taxAware;

    @Option(names = "--tax-compare", description = "Run each rebalancing strategy under every tax setting: lots only, "
            + "+ harvest, + tax-aware, + both (harvest variants use --substitute).")
    boolean taxCompare;

    @Option(names = "--correction-benefit", defaultValue = "1%", paramLabel = "FRACTION",
            description = "What correcting drift is worth, fraction of the value put back: 1%% or 0.01 (the policy's gas "
                    + "check and the tax-aware rule; default ${DEFAULT-VALUE}).")
    String correctionBenefit;

    @Option(names = "--tax-rates", defaultValue = "0.37,0.20", split = ",", paramLabel = "ST,LT",
            description = "Short- and long-term rates (default ${DEFAULT-VALUE}).")
    List<Double> taxRates;

    @Option(names = "--long-term-days", defaultValue = "365", description = "Holding days for long-term (default ${DEFAULT-VALUE}).")
    int longTermDays;

    @Option(names = {"--wash-days", "--wash-sale-days"}, defaultValue = "30",
            description = "Wash-sale window in days, 0 for none (default ${DEFAULT-VALUE}).")
    int washDays;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write CSV, JSON, report.html and the NAV path per bar per strategy (nav.csv, nav.json) here; "
                    + "checked writable before the run.")
    Path out;

    @Option(names = "--png", description = "Also PNG charts (with --out).")
    boolean png;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        if (out != null) checkWritable(out);
        Data loaded = loadData();
        Data data = selectAssets(loaded);
        PriceSeries series = data.series();
        TaxSettings tax = taxSettings();
        BacktestConfig config = config(series).withTax(tax);
        CostModel costs = costs(series);
        PolicyParams base = baseParams();
        List<Strategy> strategies = strategies(base);
        Execution execution = executionOptions.execution(series, feeBps);
        List<BacktestResult> results = run(series, config, costs, execution, strategies);
        ReportData.Builder b = EngineReports.from("Ballast backtest", results, MAX_SERIES);
        describe(b, data, series, costs);
        b.meta("weights", weightsLine(series, config));
        if (tax != null) b.meta("tax", describe(tax));
        // on the loaded columns: the regime asset (an index, say) need not be one that is traded
        RegimePath regimePath = regimeOptions.path(loaded.series(), loaded.regimes(), series);
        if (regimePath != null) {
            EngineReports.byRegime(results, regimePath).forEach(b::regime);
            b.meta("regimes", regimeOptions.describe());
            b.meta("regime periods", String.join("; ", RegimeRule.periods(regimePath, 3)));
        }
        // lots alone change no trade, hence no measure: the Monte Carlo paths skip the bookkeeping
        BacktestConfig mcConfig = tax != null && tax.changesTrades() ? config : config.withTax(null);
        Map<String, Map<String, StreamingSample>> mc = monteCarlo(series, mcConfig, costs, execution, strategies, b);
        ReportData report = b.build();
        taxed = results.stream().filter(r -> r.tax() != null).toList();
        TerminalReport.write(report, o);
        List<BacktestResult> shown = results.subList(0, Math.min(MAX_TEXT_ROWS, results.size()));
        o.print(ReturnsAndDrawdowns.returnsTable(shown, startValue));
        o.print(ReturnsAndDrawdowns.drawdownsTable(shown, DRAWDOWNS));
        if (shown.size() < results.size()) {
            o.println("(first " + MAX_TEXT_ROWS + " strategies; all of them in returns-and-drawdowns.json with --out)");
        }
        if (mc != null) o.print(quantileTable(mc));
        o.flush();
        if (out != null) writeFiles(report, mc, results, series, o);
        return 0;
    }

    record Data(PriceSeries series, String source, List<String> notes, RegimePath regimes) {}

    /** Every strategy under the config's tax setting, or with --tax-compare under each tax setting in turn. */
    private List<BacktestResult> run(PriceSeries series, BacktestConfig config, CostModel costs,
                                     Execution execution, List<Strategy> strategies) {
        List<TaxSettings> variants = new ArrayList<>();
        variants.add(config.tax());
        if (taxCompare) {
            TaxSettings lots = config.tax().withTaxAware(false).withHarvest(null);
            HarvestRules harvest = harvestRules();
            variants = List.of(lots, lots.withHarvest(harvest), lots.withTaxAware(true),
                    lots.withHarvest(harvest).withTaxAware(true));
        }
        List<BacktestResult> results = new ArrayList<>();
        try (ProgressBar bar = ProgressBar.forStderr("backtest", strategies.size() * variants.size(),
                quiet || !(sweep || taxCompare))) {
            for (int v = 0; v < variants.size(); v++) {
                TaxSettings tax = variants.get(v);
                // holding or pooling trades nothing a tax option could change: shown once
                List<Strategy> these = v == 0 ? strategies
                        : strategies.stream().filter(s -> s instanceof Strategy.Rebalancing).toList();
                for (BacktestResult r : Sweep.run(series, config.withTax(tax), costs, execution, these,
                        () -> { synchronized (bar) { bar.step(); } })) {
                    results.add(taxCompare && r.tax() != null && !r.strategy().equals("buy-and-hold")
                            ? r.named(r.strategy() + " [" + tax.label() + "]") : r);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new UserInputException("backtest: " + e.getMessage(), e);
        }
        return results;
    }

    /** The tax options, or null when none is given. */
    private TaxSettings taxSettings() {
        boolean any = taxLots != null || taxHarvest || taxAware || taxCompare || substitutes != null;
        if (!any) return null;
        LotSelection sel;
        try {
            sel = LotSelection.valueOf((taxLots == null ? "fifo" : taxLots).toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--tax-lots " + taxLots + ": expected fifo, lifo, hifo or min_tax");
        }
        if (substitutes != null && !taxHarvest && !taxCompare) {
            throw new UserInputException("--substitute: only used with --tax-harvest or --tax-compare");
        }
        try {
            if (taxRates.size() != 2) throw new IllegalArgumentException("expected ST,LT");
            TaxSettings s = TaxSettings.lotsOnly(sel, new TaxRules(longTermDays, washDays),
                    new TaxRates(taxRates.get(0), taxRates.get(1)));
            return s.withHarvest(taxHarvest ? harvestRules() : null).withTaxAware(taxAware);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--tax-rates/--long-term-days/--wash-days: " + e.getMessage(), e);
        }
    }

    private HarvestRules harvestRules() {
        double minLoss = FractionOption.parse("--harvest-min-loss", harvestMinLoss).doubleValue();
        if (!(minLoss < 1)) throw new UserInputException("--harvest-min-loss " + harvestMinLoss + ": must be below 100%");
        try {
            return new HarvestRules(minLoss, 0, substitutes == null ? Map.of() : substitutes, false);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--substitute: " + e.getMessage(), e);
        }
    }

    private String describe(TaxSettings t) {
        String harvest = !t.harvesting() && !taxCompare ? ""
                : ", harvest lots down >= " + harvestMinLoss + " into " + (substitutes == null
                        || substitutes.isEmpty() ? "no substitutes (loss lots sold first, washing buys left out)"
                        : substitutes);
        return (taxCompare ? "compared: lots, + harvest, + tax-aware, + both" : t.label()) + "; rates ST "
                + t.rates().shortTerm() + " LT " + t.rates().longTerm() + ", long term after " + longTermDays
                + " days, wash window " + washDays + " days" + harvest
                + (t.taxAware() || taxCompare ? "; tax-aware defers when tax cost > benefit − gas" : "");
    }

    private Data loadData() {
        if (synthetic != null && prices != null) throw new UserInputException("--prices and --synthetic exclude each other");
        if (synthetic != null) return syntheticData();
        try {
            LoadedPrices loaded = prices != null ? new PriceCsvReader().read(prices) : SampleData.euStockMarkets();
            String source = prices != null ? prices.toString()
                    : "bundled sample: R's EuStockMarkets (DAX, SMI, CAC, FTSE daily closes 1991-1998; dates derived)";
            List<String> notes = new ArrayList<>();
            if (!loaded.report().isClean()) notes.add(loaded.report().summary());
            return new Data(loaded.series(), source, notes, null);
        } catch (PriceDataException e) {
            throw new UserInputException("--prices: " + e.getMessage(), e);
        } catch (java.io.UncheckedIOException e) {
            throw new UserInputException("--prices " + prices + ": cannot read (" + e.getCause().getMessage() + ")", e);
        }
    }

    /** Before the run, not after it: the directory exists (or is created) and a file can be written in it. */
    static void checkWritable(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".ballast-probe", ".tmp"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new UserInputException("--out " + dir + ": cannot write there (" + e + ")", e);
        }
    }

    /** {@code --assets}: only the named columns, in that order (as {@code il --assets}). */
    private Data selectAssets(Data data) {
        if (assetNames == null) return data;
        if (assetNames.size() == 1 && assetNames.get(0).matches("[0-9]+")) {
            throw new UserInputException("--assets " + assetNames.get(0) + ": --assets selects columns by name now; "
                    + "the number of synthetic assets is --synthetic-assets");
        }
        if (new java.util.HashSet<>(assetNames).size() != assetNames.size()) {
            throw new UserInputException("--assets " + assetNames + ": a column is named twice");
        }
        for (String a : assetNames) {
            if (!data.series().assets().contains(a)) {
                throw new UserInputException("--assets: no column " + a + " in " + data.series().assets());
            }
        }
        return new Data(data.series().select(assetNames), data.source(), data.notes(), data.regimes());
    }

    private Data syntheticData() {
        if (assets < 1 || assets > 100) throw new UserInputException("--assets " + assets + ": must be in [1, 100]");
        if (!(years > 0 && years <= 100)) throw new UserInputException("--years " + years + ": must be in (0, 100]");
        List<SyntheticAsset> list = new ArrayList<>();
        for (int i = 0; i < assets; i++) list.add(new SyntheticAsset("S" + (i + 1), 100, 0.06, 0.15 + 0.05 * (i % 5)));
        int rows = (int) Math.round(years * 365.25) + 1;
        List<String> notes = List.of("SYNTHETIC data (" + synthetic + ", seed " + seed + "): not market prices.");
        return switch (synthetic.toLowerCase(Locale.ROOT)) {
            case "gbm" -> new Data(new GbmGenerator(list).generate(rows, seed), "synthetic GBM", notes, null);
            case "regime" -> {
                RegimePath p = RegimeSwitchingGenerator.bullBearSideways(list).generate(rows, seed);
                yield new Data(p.series(), "synthetic regime-switching", notes, p);
            }
            default -> throw new UserInputException("--synthetic " + synthetic + ": expected gbm or regime");
        };
    }

    private BacktestConfig config(PriceSeries series) {
        if (!(startValue > 0 && startValue <= BacktestConfig.MAX_CAPITAL)) {
            throw new UserInputException("--start-value " + startValue + ": must be in (0, 1e10]");
        }
        if (weights == null) {
            double[] w = equal(series.assetCount());
            if (substitutes != null) {
                for (String sub : substitutes.values()) {
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
        double sum = java.util.Arrays.stream(w).sum();
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
            parts.add(series.assets().get(i) + " " + java.math.BigDecimal.valueOf(targets[i], 16)
                    .setScale(4, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString() + "%");
        }
        return String.join(", ", parts);
    }

    private static double[] equal(int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1);
        return w;
    }

    private CostModel costs(PriceSeries series) {
        if (!(feeBps >= 0 && feeBps < 10_000)) throw new UserInputException("--fee-bps " + feeBps + ": must be in [0, 10000)");
        double liquidity = Double.POSITIVE_INFINITY;
        if (!impact.equalsIgnoreCase("none")) {
            liquidity = parseNumber("--impact", impact);
            if (!(liquidity > 0)) throw new UserInputException("--impact " + impact + ": must be > 0 or none");
        }
        if (gasUnits.size() != 2 || gasUnits.get(0) < 0 || gasUnits.get(1) < 0) {
            throw new UserInputException("--gas-units " + gasUnits + ": expected CALL,SWAP, both >= 0");
        }
        if (!(gasPriceGwei >= 0 && gasPriceGwei < 1e6)) throw new UserInputException("--gas-price " + gasPriceGwei + ": must be in [0, 1e6) gwei");
        long wei = Math.round(gasPriceGwei * 1e9);
        GasModel gas;
        if (nativePrice.matches("[0-9.eE+-]+")) {
            double p = parseNumber("--native-price", nativePrice);
            if (!(p >= 0)) throw new UserInputException("--native-price " + nativePrice + ": must be >= 0");
            gas = GasModel.constant(gasUnits.get(0), gasUnits.get(1), wei, p);
        } else {
            gas = GasModel.priced(gasUnits.get(0), gasUnits.get(1), wei, nativePrice);
        }
        if (venues != null && !venues.isEmpty()) return CostModel.ofVenues(venueCosts(series, gas), gas);
        return new CostModel(feeBps / 1e4, liquidity, gas);
    }

    /** The --venue model; a split's extra swap gas is valued at the first bar's native price when it is a column. */
    private dev.ballast.backtest.VenueCosts venueCosts(PriceSeries series, GasModel gas) {
        List<dev.ballast.venue.VenueSpec> specs = new java.util.ArrayList<>();
        for (String v : venues) {
            try {
                specs.add(dev.ballast.venue.VenueSpec.parse(v));
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--venue " + e.getMessage());
            }
        }
        double nativePriceNow = gas.nativePrice();
        if (gas.nativeAsset() != null) {
            int column = series.assets().indexOf(gas.nativeAsset());
            if (column < 0) throw new UserInputException("--native-price " + gas.nativeAsset() + ": no such price column");
            nativePriceNow = series.price(0, column);
        }
        try {
            return new dev.ballast.backtest.VenueCosts(specs, gas.gasPriceWei() / 1e18 * nativePriceNow);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--venue: " + e.getMessage());
        }
    }

    private PolicyParams baseParams() {
        if (!(maxSlice > 0 && maxSlice <= 1)) throw new UserInputException("--max-slice " + maxSlice + ": must be in (0, 1]");
        if (!(minTrade >= 0 && minTrade < 1e10)) throw new UserInputException("--min-trade " + minTrade + ": must be in [0, 1e10)");
        java.math.BigDecimal bandFraction = FractionOption.parse("--band", band);
        if (bandFraction.signum() == 0) throw new UserInputException("--band " + band + ": must be > 0");
        java.math.BigDecimal benefit = FractionOption.parse("--correction-benefit", correctionBenefit);
        if (benefit.compareTo(java.math.BigDecimal.TEN) > 0) {
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

    private dev.ballast.backtest.PoolVolume poolVolume() {
        if (poolVolumeCsv != null) return PoolVolumeCsv.read(poolVolumeCsv);
        return dev.ballast.backtest.PoolVolume.constant(FractionOption.parse("--pool-volume", poolVolume).doubleValue());
    }

    private List<Strategy> strategies(PolicyParams base) {
        List<Strategy> list = new ArrayList<>();
        list.add(Strategies.buyAndHold());
        if (sweep) {
            java.math.BigDecimal pct = FractionOption.parse("--max-band", maxBand).movePointRight(2);
            if (pct.stripTrailingZeros().scale() > 0 || pct.intValue() < 1 || pct.intValue() > 99) {
                throw new UserInputException("--max-band " + maxBand + ": must be a whole percent in [1%, 99%]");
            }
            list.addAll(SweepGrid.percentBands(pct.intValue()).strategies(base));
            return list;
        }
        CalendarPeriod period = period();
        if (mode == null) return Strategies.standardSet(base, feeBps / 1e4, poolVolume());
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

    private void describe(ReportData.Builder b, Data data, PriceSeries s, CostModel costs) {
        b.meta("data", data.source());
        b.meta("assets", String.join(", ", s.assets()));
        b.meta("bars", s.size() + " (" + dev.ballast.backtest.report.Fmt.time(s.timestamp(0)) + " to "
                + dev.ballast.backtest.report.Fmt.time(s.timestamp(s.size() - 1)) + ")");
        String swaps = costs.venues() == null ? String.format(Locale.ROOT, "fee %.1f bps, impact liquidity %s", feeBps, impact)
                : "routed over " + String.join(", ", costs.venues().venues().stream()
                        .map(v -> v.name() + " liquidity " + v.liquidity().toPlainString()).toList());
        b.meta("costs", String.format(Locale.ROOT, "%s, gas %d/call %d/swap at %s gwei", swaps, costs.gas().perCall(),
                costs.gas().perSwap(), gasPriceGwei));
        b.meta("execution", executionOptions.describe(feeBps));
        b.meta("measures", "defined in dev.ballast.backtest.Measures");
        data.notes().forEach(b::note);
    }

    private Map<String, Map<String, StreamingSample>> monteCarlo(PriceSeries series, BacktestConfig config,
            CostModel costs, Execution execution, List<Strategy> strategies, ReportData.Builder b) {
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

    /** Results of taxed runs, in report order (each gets a tax-years CSV). */
    private List<BacktestResult> taxed = List.of();

    static String quantileTable(Map<String, Map<String, StreamingSample>> mc) {
        StringBuilder sb = new StringBuilder("\nMonte Carlo quantiles (p5 / median / p95)\n");
        dev.ballast.backtest.report.TextTable t = new dev.ballast.backtest.report.TextTable(
                java.util.stream.Stream.concat(java.util.stream.Stream.of("strategy", "paths"),
                        DISTRIBUTION_MEASURES.stream()).toList());
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

    private void writeFiles(ReportData report, Map<String, Map<String, StreamingSample>> mc,
                            List<BacktestResult> results, PriceSeries series, PrintWriter o) throws IOException {
        List<Path> written = new ArrayList<>(CsvReportWriter.writeAll(report, out));
        written.addAll(dev.ballast.backtest.report.NavPathWriter.write(results, out));
        written.add(ReturnsAndDrawdowns.writeJson(results, startValue, DRAWDOWNS, out.resolve("returns-and-drawdowns.json")));
        JsonReportWriter.write(report, out.resolve("report.json"));
        written.add(out.resolve("report.json"));
        HtmlReportWriter.write(report, out.resolve("report.html"), false);
        written.add(out.resolve("report.html"));
        if (png) written.addAll(PngChartWriter.writeAll(report, out, 960));
        if (mc != null) written.add(writeQuantiles(mc, out.resolve("monte-carlo-quantiles.csv")));
        for (int k = 0; k < taxed.size(); k++) {
            BacktestResult t = taxed.get(k);
            Path years = out.resolve(String.format(Locale.ROOT, "tax-years-%02d.csv", k + 1));
            try (Writer w = Files.newBufferedWriter(years)) {
                w.write("# " + t.strategy() + " (" + t.tax().settings().label() + ")\n");
                TaxReportWriter.writeYears(t.tax().years(), w);
            }
            written.add(years);
        }
        o.println("\nwrote " + written.size() + " files to " + out);
    }

    private static Path writeQuantiles(Map<String, Map<String, StreamingSample>> mc, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("strategy,measure,count,non_finite,mean,min,p5,p25,p50,p75,p95,max\n");
            for (Map.Entry<String, Map<String, StreamingSample>> e : mc.entrySet()) {
                for (Map.Entry<String, StreamingSample> m : e.getValue().entrySet()) {
                    StreamingSample s = m.getValue();
                    w.write(String.join(",", csv(e.getKey()), csv(m.getKey()), Long.toString(s.count()),
                            Long.toString(s.nonFinite()), num(s.mean()), num(s.min()), num(s.quantile(0.05)),
                            num(s.quantile(0.25)), num(s.quantile(0.5)), num(s.quantile(0.75)), num(s.quantile(0.95)),
                            num(s.max())) + "\n");
                }
            }
        }
        return file;
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    private static double parseNumber(String option, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new UserInputException(option + " " + text + ": not a number");
        }
    }
}
