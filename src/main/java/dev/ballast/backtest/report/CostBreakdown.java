package dev.ballast.backtest.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What one strategy paid, by component (e.g. gas, swap fees, slippage, tax), in one currency. */
public record CostBreakdown(String strategy, Map<String, Double> components) {
    public CostBreakdown {
        components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
    }

    public double total() {
        return components.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
