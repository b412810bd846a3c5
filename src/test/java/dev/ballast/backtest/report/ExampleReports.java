package dev.ballast.backtest.report;

import dev.ballast.backtest.data.GbmGenerator;
import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.backtest.data.RegimePath;
import dev.ballast.backtest.data.RegimeSwitchingGenerator;
import dev.ballast.backtest.data.SampleData;
import dev.ballast.backtest.data.SyntheticAsset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Report data for tests and for looking at the output: a deliberately simple equal-weight rebalancing simulation
 * (NOT the backtest engine) over the bundled EuStockMarkets closes, plus distributions and regime splits from the
 * seeded synthetic generators, labelled as such.
 */
final class ExampleReports {
    private static final int ROWS_PER_YEAR = 260;

    private ExampleReports() {
    }

    /** A strategy: rebalance every {@code every} rows, or when drift exceeds {@code band}; neither for buy-and-hold. */
    record Rule(String name, int every, double band) {
    }

    static final List<Rule> RULES = List.of(new Rule("buy & hold", 0, Double.NaN), new Rule("monthly", 21, Double.NaN),
            new Rule("quarterly", 63, Double.NaN), new Rule("band 1%", 0, 0.01), new Rule("band 2.5%", 0, 0.025),
            new Rule("band 5%", 0, 0.05), new Rule("band 10%", 0, 0.10));

    /** What one simulated run produced. */
    record Run(Rule rule, long[] ts, double[][] weights, double[] drift, double[] values, double turnover,
               double trackingError, int rebalances, double fees, double gas) {
    }

    static Run simulate(PriceSeries s, Rule rule) {
        int n = s.assetCount();
        double target = 1.0 / n;
        double[] units = new double[n];
        for (int i = 0; i < n; i++) {
            units[i] = 10_000 * target / s.price(0, i);
        }
        double[][] w = new double[s.size()][];
        double[] drift = new double[s.size()];
        double[] values = new double[s.size()];
        double traded = 0;
        double fees = 0;
        int rebalances = 0;
        double[] diff = new double[s.size() - 1];
        for (int t = 0; t < s.size(); t++) {
            double value = 0;
            for (int i = 0; i < n; i++) {
                value += units[i] * s.price(t, i);
            }
            w[t] = new double[n];
            double d = 0;
            for (int i = 0; i < n; i++) {
                w[t][i] = units[i] * s.price(t, i) / value;
                d = Math.max(d, Math.abs(w[t][i] - target));
            }
            drift[t] = d;
            if (t > 0) {
                double ideal = 0;
                for (int i = 0; i < n; i++) {
                    ideal += target * (s.price(t, i) / s.price(t - 1, i) - 1);
                }
                diff[t - 1] = value / values[t - 1] - 1 - ideal;
            }
            boolean due = rule.every() > 0 ? t > 0 && t % rule.every() == 0 : d > rule.band();
            if (due) {
                double oneWay = 0;
                for (int i = 0; i < n; i++) {
                    oneWay += Math.abs(w[t][i] - target) / 2;
                }
                double fee = 0.001 * 2 * oneWay * value;
                value -= fee + 5;
                fees += fee;
                traded += oneWay;
                rebalances++;
                for (int i = 0; i < n; i++) {
                    units[i] = value * target / s.price(t, i);
                }
            }
            values[t] = value;
        }
        double years = (s.size() - 1) / (double) ROWS_PER_YEAR;
        return new Run(rule, s.timestamps(), w, drift, values, traded / years, std(diff) * Math.sqrt(ROWS_PER_YEAR),
                rebalances, fees, 5.0 * rebalances);
    }

    static ReportData euStocks() {
        PriceSeries s = SampleData.euStockMarkets().series();
        ReportData.Builder b = ReportData.builder("Ballast backtest: EuStockMarkets 1991–1998, equal weight")
                .meta("prices", "EuStockMarkets (R datasets, GPL): DAX, SMI, CAC, FTSE daily closes; nominal dates")
                .meta("period", "1991-07-01 to 1998-08-14, 1860 rows")
                .meta("costs", "0.1% of traded value + 5 per rebalance")
                .note("Example output of the report writers from a simplified simulation, not the backtest engine.")
                .note("Distributions and regime splits come from SYNTHETIC seeded paths (GBM, regime switching).");
        List<FrontierPoint> frontier = new ArrayList<>();
        for (Rule r : RULES) {
            Run run = simulate(s, r);
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("final value", run.values()[run.values().length - 1]);
            m.put("turnover/yr", run.turnover());
            m.put("tracking error", run.trackingError());
            m.put("rebalances", (double) run.rebalances());
            m.put("max drift", max(run.drift()));
            b.strategy(r.name(), m);
            frontier.add(new FrontierPoint(r.name(), run.turnover(), run.trackingError(), false));
            b.cost(new CostBreakdown(r.name(), Map.of("swap fees", run.fees(), "gas", run.gas())));
            if (!r.name().startsWith("quarterly") && !r.name().equals("band 2.5%")) {
                b.drift(new DriftSeries(r.name(), run.ts(), run.drift(), r.band()));
            }
            if (r.name().equals("buy & hold") || r.name().equals("band 5%")) {
                b.weights(new WeightSeries(r.name(), s.assets(), run.ts(), run.weights()));
            }
        }
        Frontier.markDominated(frontier).forEach(b::frontier);
        syntheticDistributions(b);
        regimes(b);
        return b.build();
    }

    private static void syntheticDistributions(ReportData.Builder b) {
        List<SyntheticAsset> assets = List.of(new SyntheticAsset("A", 100, 0.08, 0.2),
                new SyntheticAsset("B", 100, 0.05, 0.15), new SyntheticAsset("C", 100, 0.10, 0.3));
        GbmGenerator gen = new GbmGenerator(assets).withCorrelation(new double[][] {{1, .5, .3}, {.5, 1, .4},
                {.3, .4, 1}});
        for (Rule r : List.of(RULES.get(0), RULES.get(5))) {
            double[] finals = new double[200];
            for (int seed = 0; seed < finals.length; seed++) {
                double[] v = simulate(gen.generate(731, seed), r).values();
                finals[seed] = v[v.length - 1] / v[0] - 1;
            }
            b.distribution(new Distribution("2-year return, " + r.name() + " (synthetic GBM)", finals));
        }
    }

    private static void regimes(ReportData.Builder b) {
        List<SyntheticAsset> assets = List.of(new SyntheticAsset("X", 100, 0, 0), new SyntheticAsset("Y", 100, 0, 0));
        RegimePath path = RegimeSwitchingGenerator.bullBearSideways(assets).generate(2000, 3);
        for (Rule r : List.of(RULES.get(0), RULES.get(5))) {
            Run run = simulate(path.series(), r);
            for (int k = 0; k < path.regimes().size(); k++) {
                double logSum = 0;
                int rows = 0;
                for (int t = 1; t < run.values().length; t++) {
                    if (path.regimeAt()[t] == k) {
                        logSum += Math.log(run.values()[t] / run.values()[t - 1]);
                        rows++;
                    }
                }
                Map<String, Double> m = new LinkedHashMap<>();
                m.put("days", (double) rows);
                m.put("annualised log return", rows == 0 ? Double.NaN : logSum / rows * ROWS_PER_YEAR);
                b.regime(new RegimeSplit(path.regimes().get(k).name() + " (synthetic)", r.name(), m));
            }
        }
    }

    static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    static double std(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return Math.sqrt(s / (x.length - 1));
    }

    /**
     * The real engine's standard strategy set over EuStockMarkets, 1,000,000 invested at equal weights, 0.3% fee,
     * 10M liquidity, 150k gas per call at 20 gwei with ETH at 2000; regime splits and return distributions from
     * the engine run on synthetic paths.
     */
    static ReportData engineEuStocks() {
        dev.ballast.backtest.data.LoadedPrices loaded = SampleData.euStockMarkets();
        dev.ballast.backtest.CostModel costs = new dev.ballast.backtest.CostModel(0.003, 10_000_000,
                dev.ballast.backtest.GasModel.constant(150_000, 100_000, 20_000_000_000L, 2_000));
        dev.ballast.policy.PolicyParams base = dev.ballast.policy.PolicyParams.builder().build();
        List<dev.ballast.backtest.Strategy> strategies = dev.ballast.backtest.Strategies.standardSet(base, 0.003, 0.01);
        var config = dev.ballast.backtest.BacktestConfig.equalWeights(1_000_000, 4);
        var results = new dev.ballast.backtest.BacktestEngine(loaded.series(), config, costs).runAll(strategies);
        ReportData.Builder b = EngineReports.from("Ballast backtest: EuStockMarkets 1991–1998, equal weight", results,
                        List.of("buy-and-hold", "calendar monthly", "band 1%", "band 5%", "band 10%"))
                .meta("prices", "EuStockMarkets (R datasets, GPL): DAX, SMI, CAC, FTSE daily closes; nominal dates")
                .meta("capital", "1,000,000 at 25% each")
                .meta("costs", "0.3% swap fee, 10M pool liquidity, 150k gas per call at 20 gwei, ETH 2000")
                .note(loaded.report().summary())
                .note("Distributions and regime splits below come from SYNTHETIC seeded paths, not market data.");
        var regimeAssets = List.of(new SyntheticAsset("X", 100, 0, 0), new SyntheticAsset("Y", 100, 0, 0),
                new SyntheticAsset("Z", 100, 0, 0), new SyntheticAsset("W", 100, 0, 0));
        RegimePath path = everyRegime(RegimeSwitchingGenerator.bullBearSideways(regimeAssets), 1500);
        var picked = List.of(strategies.get(0), strategies.get(3), strategies.get(8));
        var onPath = new dev.ballast.backtest.BacktestEngine(path.series(), config, costs).runAll(picked);
        EngineReports.byRegime(onPath, path).forEach(b::regime);
        GbmGenerator gen = new GbmGenerator(regimeAssets.stream()
                .map(a -> new SyntheticAsset(a.name(), 100, 0.06, 0.25)).toList());
        for (var st : picked) {
            double[] finals = new double[60];
            for (int seed = 0; seed < finals.length; seed++) {
                var r = new dev.ballast.backtest.BacktestEngine(gen.generate(366, seed), config, costs).run(st);
                finals[seed] = r.measures().totalReturn() * 100;
            }
            b.distribution(new Distribution("1-year return %, " + st.name() + " (synthetic GBM)", finals));
        }
        return b.build();
    }

    /** The path of the first seed from 1 on that visits every regime, so each split has data. */
    static RegimePath everyRegime(RegimeSwitchingGenerator gen, int rows) {
        for (long seed = 1; ; seed++) {
            RegimePath p = gen.generate(rows, seed);
            if (java.util.Arrays.stream(p.rowsPerRegime()).allMatch(n -> n > 1)) {
                return p;
            }
        }
    }

    /** Writes the example as HTML, CSV and JSON into the directory given (default /tmp/ballast-report). */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/ballast-report");
        ReportData data = args.length > 1 && args[1].equals("simple") ? euStocks() : engineEuStocks();
        CsvReportWriter.writeAll(data, dir.resolve("csv"));
        JsonReportWriter.write(data, dir.resolve("report.json"));
        HtmlReportWriter.write(data, dir.resolve("report.html"), false);
        System.out.print(TerminalReport.render(data));
    }
}
