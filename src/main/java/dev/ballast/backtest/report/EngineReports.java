package dev.ballast.backtest.report;

import dev.ballast.backtest.BacktestResult;
import dev.ballast.backtest.Measures;
import dev.ballast.backtest.Strategy;
import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.backtest.data.RegimePath;
import dev.ballast.policy.FixedPoint;
import dev.ballast.policy.RebalanceMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds report parts from the engine's {@link BacktestResult}s, so the CLI only adds its metadata. Series charts
 * are limited to the first {@code maxSeries} strategies: a sweep of fifty bands makes a readable frontier and
 * table, not fifty readable weight charts.
 */
public final class EngineReports {
    /** Enough lines to tell apart with the palette's ten colours. */
    public static final int DEFAULT_MAX_SERIES = 6;

    private EngineReports() {
    }

    /**
     * Table rows (measures, then a taxed run's realized gains, tax, harvested losses and deferrals), frontier
     * (dominance marked), cost breakdown for all results; drift and weights for the first few.
     */
    public static ReportData.Builder from(String title, List<BacktestResult> results, int maxSeries) {
        return from(title, results, results.subList(0, Math.min(maxSeries, results.size())).stream()
                .map(BacktestResult::strategy).toList());
    }

    /** As {@link #from(String, List, int)}, with drift and weight charts for the named strategies, in that order. */
    public static ReportData.Builder from(String title, List<BacktestResult> results, List<String> seriesFor) {
        return from(title, results, seriesFor, Map.of());
    }

    /**
     * As {@link #from(String, List, List)}, and with NAV paths of the named strategies; {@code bands} (strategy name
     * to band fraction, see {@link #bands(List)}) puts each band strategy's band on the drift chart.
     */
    public static ReportData.Builder from(String title, List<BacktestResult> results, List<String> seriesFor,
                                          Map<String, Double> bands) {
        ReportData.Builder b = ReportData.builder(title);
        List<FrontierPoint> frontier = results.stream().map(r -> new FrontierPoint(r.strategy(),
                r.measures().turnover(), r.measures().trackingError(), false)).toList();
        for (BacktestResult r : results) {
            Map<String, Double> row = new LinkedHashMap<>(r.measures().asMap());
            if (r.tax() != null) row.putAll(r.tax().asMap());
            b.strategy(r.strategy(), row);
            b.cost(costs(r));
        }
        Frontier.markDominated(frontier).forEach(b::frontier);
        for (String name : seriesFor) {
            BacktestResult r = results.stream().filter(x -> x.strategy().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no result for strategy '" + name + "'"));
            b.drift(new DriftSeries(r.strategy(), r.timestamps(), r.drift(), bandOf(r.strategy(), bands)));
            b.weights(new WeightSeries(r.strategy(), r.assets(), r.timestamps(), r.weights()));
            b.nav(new NavSeries(r.strategy(), r.timestamps(), r.nav(), false));
        }
        return b;
    }

    /** A tax-compare run is named "strategy [tax setting]" and has its strategy's band. */
    private static double bandOf(String name, Map<String, Double> bands) {
        int cut = name.indexOf(" [");
        Double band = bands.get(cut > 0 ? name.substring(0, cut) : name);
        return band == null ? Double.NaN : band;
    }

    /** The band (a fraction) of every strategy whose rule has one; calendar-only, holding and pools have none. */
    public static Map<String, Double> bands(List<Strategy> strategies) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Strategy s : strategies) {
            if (s instanceof Strategy.Rebalancing r && r.params().mode() != RebalanceMode.CALENDAR) {
                out.put(r.name(), r.params().band() / (double) FixedPoint.WAD);
            }
        }
        return out;
    }

    /**
     * Up to {@code max} strategies for the series charts: buy-and-hold, then the frontier's non-dominated settings
     * (the ones a sweep chooses between) from least to most turnover, then the others in order; a setting that tied
     * with one already chosen (same turnover and tracking error: a band too wide to trigger is buy-and-hold) is left
     * out. A sweep of a hundred settings so charts its candidates rather than the first few calendar periods.
     */
    public static List<String> chartedStrategies(List<BacktestResult> results, int max) {
        List<FrontierPoint> points = Frontier.markDominated(results.stream().map(r -> new FrontierPoint(r.strategy(),
                r.measures().turnover(), r.measures().trackingError(), false)).toList());
        List<FrontierPoint> order = new ArrayList<>();
        points.stream().filter(p -> p.label().startsWith("buy-and-hold")).forEach(order::add);
        points.stream().filter(p -> !p.dominated())
                .sorted(Comparator.comparingDouble(FrontierPoint::turnover)).forEach(order::add);
        order.addAll(points);
        List<FrontierPoint> chosen = new ArrayList<>();
        for (FrontierPoint p : order) {
            if (chosen.size() == max) break;
            if (chosen.stream().noneMatch(c -> Ties.same(c.turnover(), p.turnover())
                    && Ties.same(c.trackingError(), p.trackingError()))) {
                chosen.add(p);
            }
        }
        return chosen.stream().map(FrontierPoint::label).toList();
    }

    /**
     * The yardstick: the target portfolio rebalanced to {@code targets} on every bar at no cost, the path whose
     * per-bar return {@link Measures#trackingError()} measures against.
     */
    public static NavSeries continuouslyRebalanced(PriceSeries series, double[] targets, double start) {
        double sum = Arrays.stream(targets).sum();
        double[] nav = new double[series.size()];
        nav[0] = start;
        for (int t = 1; t < nav.length; t++) {
            double growth = 0;
            for (int i = 0; i < targets.length; i++) {
                growth += targets[i] / sum * series.price(t, i) / series.price(t - 1, i);
            }
            nav[t] = nav[t - 1] * growth;
        }
        return new NavSeries("continuously rebalanced (no costs)", series.timestamps(), nav, true);
    }

    /** Execution cost parts; fees a pool earned count against its cost, so they are negative here. */
    static CostBreakdown costs(BacktestResult r) {
        Measures m = r.measures();
        Map<String, Double> parts = new LinkedHashMap<>();
        parts.put("swap fees", m.fees());
        parts.put("price impact", m.impact());
        parts.put("gas", m.gas());
        parts.put("arbitrage loss", m.arbitrageLoss());
        parts.put("fees earned", -m.feesEarned());
        return new CostBreakdown(r.strategy(), parts);
    }

    /**
     * Each strategy's results within each regime of a synthetic regime path (which must be the series the results
     * were run on): bars, annualised log return and volatility of per-bar returns, and mean drift, in percent.
     */
    public static List<RegimeSplit> byRegime(List<BacktestResult> results, RegimePath path) {
        List<RegimeSplit> out = new ArrayList<>();
        int[] regimeAt = path.regimeAt();
        for (BacktestResult r : results) {
            if (r.nav().length != regimeAt.length) {
                throw new IllegalArgumentException(r.strategy() + " has " + r.nav().length + " bars, the regime path "
                        + regimeAt.length);
            }
            double perYear = periodsPerYear(r.timestamps());
            for (int k = 0; k < path.regimes().size(); k++) {
                out.add(new RegimeSplit(path.regimes().get(k).name(), r.strategy(), regimeMeasures(r, regimeAt, k,
                        perYear)));
            }
        }
        return out;
    }

    private static Map<String, Double> regimeMeasures(BacktestResult r, int[] regimeAt, int k, double perYear) {
        double sum = 0;
        double sumSq = 0;
        double drift = 0;
        int n = 0;
        for (int t = 1; t < regimeAt.length; t++) {
            if (regimeAt[t] == k) {
                double lr = Math.log(r.nav()[t] / r.nav()[t - 1]);
                sum += lr;
                sumSq += lr * lr;
                drift += r.drift()[t];
                n++;
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("bars", (double) n);
        double mean = n == 0 ? Double.NaN : sum / n;
        double var = n < 2 ? Double.NaN : (sumSq - n * mean * mean) / (n - 1);
        m.put("annualized log return %", mean * perYear * 100);
        m.put("volatility %", Math.sqrt(Math.max(var, 0)) * Math.sqrt(perYear) * 100);
        m.put("average drift %", n == 0 ? Double.NaN : drift / n * 100);
        return m;
    }

    /** Bars per year, with the engine's 365.25-day year. */
    static double periodsPerYear(long[] ts) {
        double years = (ts[ts.length - 1] - ts[0]) / (double) Measures.SECONDS_PER_YEAR;
        return (ts.length - 1) / years;
    }
}
