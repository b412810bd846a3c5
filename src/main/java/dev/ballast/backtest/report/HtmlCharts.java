package dev.ballast.backtest.report;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's charts as data for report.js, which draws them with uPlot: one JSON object per chart ({@code id},
 * {@code title}, {@code kind}, the x values and the series). Figures are rounded to what a chart can show (1e-4 of a
 * percent), and paths longer than {@link #MAX_POINTS} bars are thinned, so a ten-year sweep stays a few megabytes;
 * the CSV and JSON files keep full precision.
 */
final class HtmlCharts {
    /** Bars per series drawn; drift keeps each bucket's maximum so a breach of the band is never thinned away. */
    static final int MAX_POINTS = 2000;
    /** Series shown when the page opens; the rest are one legend click away. */
    static final int SHOWN = 6;
    private static final JsonMapper JSON = new JsonMapper();

    private HtmlCharts() {}

    /** A chart's id and title, for the page's sections and navigation. */
    record Entry(String id, String title, ObjectNode spec) {}

    static List<Entry> forReport(ReportData data) {
        List<Entry> charts = new ArrayList<>();
        if (data.frontier().stream().anyMatch(p -> Double.isFinite(p.turnover()) && Double.isFinite(p.trackingError()))) {
            charts.add(frontier(data.frontier()));
        }
        List<NavSeries> navs = data.navs();
        if (!navs.isEmpty()) {
            charts.add(nav(navs));
            charts.add(drawdown(navs));
        }
        if (!data.drift().isEmpty()) charts.add(drift(data.drift()));
        if (!data.weights().isEmpty()) charts.add(weights(data.weights()));
        NavSeries reference = navs.stream().filter(NavSeries::reference).findFirst().orElse(null);
        if (navs.stream().anyMatch(n -> !n.reference()) && navs.getFirst().nav().length > 8) {
            charts.add(rolling(navs, reference, false));
            if (reference != null) charts.add(rolling(navs, reference, true));
        }
        // a measure with no finite value (cost per trade when nothing traded) has nothing to draw
        List<Distribution> drawable = data.distributions().stream()
                .filter(d -> Arrays.stream(d.samples()).anyMatch(Double::isFinite)).toList();
        if (!drawable.isEmpty()) charts.add(histograms(drawable));
        return charts;
    }

    /** Groups of tied points, each once: label, names, and whether it is dominated (points without both figures: none). */
    private static Entry frontier(List<FrontierPoint> all) {
        List<FrontierPoint> points = all.stream()
                .filter(p -> Double.isFinite(p.turnover()) && Double.isFinite(p.trackingError())).toList();
        List<List<Integer>> groups = Ties.group(points, (a, b) -> Ties.same(a.turnover(), b.turnover())
                && Ties.same(a.trackingError(), b.trackingError()));
        groups.sort(Comparator.comparingDouble((List<Integer> g) -> points.get(g.getFirst()).turnover())
                .thenComparingDouble(g -> points.get(g.getFirst()).trackingError()));
        ObjectNode spec = spec("frontier", "Turnover vs tracking error", "frontier", "%");
        ArrayNode list = spec.putArray("points");
        for (List<Integer> g : groups) {
            FrontierPoint p = points.get(g.getFirst());
            List<String> names = g.stream().map(i -> points.get(i).label()).toList();
            ObjectNode o = list.addObject();
            o.put("x", round(p.turnover() * 100));
            o.put("y", round(p.trackingError() * 100));
            o.put("label", Ties.label(names));
            o.put("dominated", p.dominated());
            names.forEach(o.putArray("names")::add);
        }
        return new Entry("frontier", "Turnover vs tracking error (annual, %; labelled: not dominated)", spec);
    }

    private static Entry nav(List<NavSeries> navs) {
        ObjectNode spec = timeSpec("nav", "Value of 100 invested", navs.getFirst().timestamps(), "");
        ArrayNode series = spec.putArray("series");
        int shown = 0;
        for (NavSeries n : navs) {
            double start = n.nav()[0];
            double[] v = new double[n.nav().length];
            for (int t = 0; t < v.length; t++) v[t] = n.nav()[t] / start * 100;
            add(series, n.name(), thin(v, false), n.reference(), n.reference() || shown++ < SHOWN);
        }
        return new Entry("nav", "Value of 100 invested (dashed: continuously rebalanced, no costs)", spec);
    }

    private static Entry drawdown(List<NavSeries> navs) {
        ObjectNode spec = timeSpec("drawdown", "Drawdown from peak", navs.getFirst().timestamps(), "%");
        ArrayNode series = spec.putArray("series");
        int shown = 0;
        for (NavSeries n : navs) {
            double peak = Double.NEGATIVE_INFINITY;
            double[] v = new double[n.nav().length];
            for (int t = 0; t < v.length; t++) {
                peak = Math.max(peak, n.nav()[t]);
                v[t] = (n.nav()[t] / peak - 1) * 100;
            }
            add(series, n.name(), thin(v, false), n.reference(), n.reference() || shown++ < SHOWN);
        }
        return new Entry("drawdown", "Drawdown from peak (%)", spec);
    }

    /** Each strategy's drift, and one dashed line per band at the band: a band strategy trades where it crosses it. */
    private static Entry drift(List<DriftSeries> drift) {
        ObjectNode spec = timeSpec("drift", "Drift", drift.getFirst().timestamps(), "%");
        ArrayNode series = spec.putArray("series");
        Map<Double, String> bands = new LinkedHashMap<>();
        int shown = 0;
        for (DriftSeries d : drift) {
            double[] v = new double[d.drift().length];
            for (int t = 0; t < v.length; t++) v[t] = d.drift()[t] * 100;
            boolean show = shown++ < SHOWN;
            add(series, d.strategy(), thin(v, true), false, show);
            if (!Double.isNaN(d.band())) bands.merge(d.band(), show ? "shown" : "", (a, b) -> a.isEmpty() ? b : a);
        }
        int length = thin(new double[drift.getFirst().drift().length], false).size();
        bands.forEach((band, shownFlag) -> {
            double[] line = new double[length];
            Arrays.fill(line, band * 100);
            ObjectNode s = add(series, "band " + Fmt.number(band * 100) + "%", toList(line), true, !shownFlag.isEmpty());
            s.put("band", true);
        });
        return new Entry("drift", "Drift: largest |weight − target| before trading (%; dashed: rebalance band)", spec);
    }

    /** One chart, one strategy at a time (chosen in a list): the assets' weights. */
    private static Entry weights(List<WeightSeries> weights) {
        ObjectNode spec = timeSpec("weights", "Weights", weights.getFirst().timestamps(), "%");
        ArrayNode strategies = spec.putArray("strategies");
        for (WeightSeries w : weights) {
            ObjectNode o = strategies.addObject();
            o.put("name", w.strategy());
            ArrayNode series = o.putArray("series");
            for (int a = 0; a < w.assets().size(); a++) {
                double[] v = new double[w.weights().length];
                for (int t = 0; t < v.length; t++) v[t] = w.weights()[t][a] * 100;
                add(series, w.assets().get(a), thin(v, false), false, true);
            }
        }
        return new Entry("weights", "Weights after trading (%), one strategy at a time", spec);
    }

    private static Entry rolling(List<NavSeries> navs, NavSeries reference, boolean trackingError) {
        long[] ts = navs.getFirst().timestamps();
        double perYear = EngineReports.periodsPerYear(ts);
        int window = Rolling.window(ts.length, perYear);
        String id = trackingError ? "rolling-te" : "rolling-sharpe";
        String what = trackingError ? "Rolling tracking error" : "Rolling Sharpe ratio";
        ObjectNode spec = timeSpec(id, what, ts, trackingError ? "%" : "");
        ArrayNode series = spec.putArray("series");
        int shown = 0;
        for (NavSeries n : navs) {
            if (trackingError && n.reference()) continue;
            double[] v = trackingError ? Rolling.trackingError(n.nav(), reference.nav(), window, perYear)
                    : Rolling.sharpe(n.nav(), window, perYear);
            if (trackingError) for (int t = 0; t < v.length; t++) v[t] *= 100;
            add(series, n.name(), thin(v, false), n.reference(), n.reference() || shown++ < SHOWN);
        }
        String title = what + " over the last " + window + " bars" + (trackingError
                ? " against the continuously rebalanced portfolio (annualised %)" : " (annualised, no risk-free rate)");
        return new Entry(id, title, spec);
    }

    /** Twenty equal bins per distribution, one distribution at a time (chosen in a list). */
    private static Entry histograms(List<Distribution> distributions) {
        ObjectNode spec = spec("histogram", "Monte Carlo distribution", "histogram", "");
        ArrayNode list = spec.putArray("distributions");
        for (Distribution d : distributions) {
            double[] s = Arrays.stream(d.samples()).filter(Double::isFinite).toArray();
            double lo = Arrays.stream(s).min().orElseThrow();
            double hi = Arrays.stream(s).max().orElseThrow();
            int bins = 20;
            double width = hi > lo ? (hi - lo) / bins : 1;
            long[] counts = new long[bins];
            for (double v : s) counts[Math.min(bins - 1, (int) ((v - lo) / width))]++;
            ObjectNode o = list.addObject();
            o.put("name", d.name());
            ArrayNode x = o.putArray("x");
            ArrayNode y = o.putArray("counts");
            for (int b = 0; b < bins; b++) {
                x.add(round(lo + (b + 0.5) * width));
                y.add(counts[b]);
            }
        }
        return new Entry("histogram", "Monte Carlo distributions (paths per bin), one measure at a time", spec);
    }

    private static ObjectNode spec(String id, String title, String kind, String unit) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", id);
        o.put("title", title);
        o.put("kind", kind);
        o.put("unit", unit);
        return o;
    }

    private static ObjectNode timeSpec(String id, String title, long[] ts, String unit) {
        ObjectNode o = spec(id, title, "time", unit);
        ArrayNode x = o.putArray("x");
        int step = stride(ts.length);
        for (int t = 0; t < ts.length; t += step) x.add(ts[t]);
        return o;
    }

    private static ObjectNode add(ArrayNode series, String label, List<Double> values, boolean dashed, boolean show) {
        ObjectNode s = series.addObject();
        s.put("label", label);
        s.put("dash", dashed);
        s.put("show", show);
        ArrayNode v = s.putArray("values");
        for (Double d : values) {
            if (d == null) v.addNull(); else v.add(d);
        }
        return s;
    }

    private static int stride(int bars) {
        return (bars + MAX_POINTS - 1) / MAX_POINTS;
    }

    /** Every {@link #stride}-th bar (the bucket's maximum when {@code keepMax}); NaN and infinities become gaps. */
    private static List<Double> thin(double[] v, boolean keepMax) {
        int step = stride(v.length);
        List<Double> out = new ArrayList<>();
        for (int t = 0; t < v.length; t += step) {
            double x = v[t];
            if (keepMax) for (int k = t + 1; k < Math.min(v.length, t + step); k++) x = Math.max(x, v[k]);
            out.add(Double.isFinite(x) ? round(x) : null);
        }
        return out;
    }

    private static List<Double> toList(double[] v) {
        List<Double> out = new ArrayList<>();
        for (double x : v) out.add(round(x));
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    static String toJson(List<Entry> charts) {
        ArrayNode a = JSON.createArrayNode();
        charts.forEach(c -> a.add(c.spec()));
        return a.toString();
    }
}
