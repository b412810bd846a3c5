package dev.ballast.backtest.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A strategy's measures over only the rows of one market regime (e.g. "bear"). */
public record RegimeSplit(String regime, String strategy, Map<String, Double> measures) {
    public RegimeSplit {
        measures = Collections.unmodifiableMap(new LinkedHashMap<>(measures));
    }
}
