package dev.ballast.backtest.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One strategy's named measures (e.g. "return %", "turnover", "tracking error"), in display order. */
public record StrategyRow(String name, Map<String, Double> measures) {
    public StrategyRow {
        measures = Collections.unmodifiableMap(new LinkedHashMap<>(measures));
    }

    /** The measure, or NaN if this row lacks it. */
    public double measure(String key) {
        Double v = measures.get(key);
        return v == null ? Double.NaN : v;
    }
}
