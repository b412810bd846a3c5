package dev.ballast.backtest.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a backtest report shows. The writers ({@link TerminalReport}, {@link CsvReportWriter},
 * {@link JsonReportWriter}, {@link HtmlReportWriter})
 * depend only on this, not on the engine's result types; any part may be empty and is then left out.
 *
 * @param metadata shown as key/value lines (data source, period, parameters...), in order
 * @param notes    sentences shown above the results (e.g. the price file's load report, "synthetic data")
 * @param navs     value paths for the NAV, drawdown and rolling charts (null reads as none: older report.json files)
 */
public record ReportData(String title, Map<String, String> metadata, List<String> notes, List<StrategyRow> strategies,
                         List<FrontierPoint> frontier, List<WeightSeries> weights, List<DriftSeries> drift,
                         List<CostBreakdown> costs, List<Distribution> distributions, List<RegimeSplit> regimes,
                         List<NavSeries> navs) {

    public ReportData {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        notes = List.copyOf(notes);
        strategies = List.copyOf(strategies);
        frontier = List.copyOf(frontier);
        weights = List.copyOf(weights);
        drift = List.copyOf(drift);
        costs = List.copyOf(costs);
        distributions = List.copyOf(distributions);
        regimes = List.copyOf(regimes);
        navs = navs == null ? List.of() : List.copyOf(navs);
    }

    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** Measure names across all strategies, in first-seen order (the table's columns). */
    public List<String> measureNames() {
        return strategies.stream().flatMap(s -> s.measures().keySet().stream()).distinct().toList();
    }

    /** Collects parts one at a time. */
    public static final class Builder {
        private final String title;
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private final List<String> notes = new ArrayList<>();
        private final List<StrategyRow> strategies = new ArrayList<>();
        private final List<FrontierPoint> frontier = new ArrayList<>();
        private final List<WeightSeries> weights = new ArrayList<>();
        private final List<DriftSeries> drift = new ArrayList<>();
        private final List<CostBreakdown> costs = new ArrayList<>();
        private final List<Distribution> distributions = new ArrayList<>();
        private final List<RegimeSplit> regimes = new ArrayList<>();
        private final List<NavSeries> navs = new ArrayList<>();

        private Builder(String title) {
            this.title = title;
        }

        public Builder meta(String key, String value) {
            metadata.put(key, value);
            return this;
        }

        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        public Builder strategy(String name, Map<String, Double> measures) {
            strategies.add(new StrategyRow(name, measures));
            return this;
        }

        public Builder frontier(FrontierPoint p) {
            frontier.add(p);
            return this;
        }

        public Builder weights(WeightSeries w) {
            weights.add(w);
            return this;
        }

        public Builder drift(DriftSeries d) {
            drift.add(d);
            return this;
        }

        public Builder cost(CostBreakdown c) {
            costs.add(c);
            return this;
        }

        public Builder distribution(Distribution d) {
            distributions.add(d);
            return this;
        }

        public Builder regime(RegimeSplit r) {
            regimes.add(r);
            return this;
        }

        public Builder nav(NavSeries n) {
            navs.add(n);
            return this;
        }

        public ReportData build() {
            return new ReportData(title, metadata, notes, strategies, frontier, weights, drift, costs, distributions,
                    regimes, navs);
        }
    }
}
