package dev.ballast.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the backtester expected for the vaults' policy: the 5th-95th percentile band of its Monte Carlo distributions
 * (from {@code ballast backtest --monte-carlo N --out DIR}, file DIR/report.json), for turnover, execution cost and
 * tracking error. Live figures outside the turnover or cost band are flagged: the market (or the policy's inputs)
 * no longer looks like what the parameters were chosen for.
 *
 * @param strategy the backtest strategy the band comes from
 * @param source   the report file
 * @param bands    measure ("turnover %/yr", "execution cost bps/yr", "tracking error %") to its band
 */
public record BacktestBand(String strategy, String source, Map<String, Band> bands) {
    public static final String TURNOVER = "turnover %/yr";
    public static final String COST = "execution cost bps/yr";
    public static final String TRACKING_ERROR = "tracking error %";
    private static final List<String> MEASURES = List.of(TURNOVER, COST, TRACKING_ERROR);

    /** The 5th and 95th percentiles and the median of {@code paths} Monte Carlo paths. */
    public record Band(double p5, double p50, double p95, int paths) {
        /** Whether {@code live} is outside [p5, p95] (a NaN live figure is not judged). */
        public boolean outside(double live) {
            return Double.isFinite(live) && (live < p5 || live > p95);
        }
    }

    /**
     * Reads the band of {@code strategy} (or of the first strategy with distributions) from a backtest report.
     *
     * @throws IllegalArgumentException naming the file and what is missing
     */
    public static BacktestBand read(Path report, Optional<String> strategy) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(report.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("--backtest " + report + ": cannot read it as a backtest report.json ("
                    + e.getMessage() + ")", e);
        }
        JsonNode distributions = root.path("distributions");
        List<String> strategies = new ArrayList<>();
        for (JsonNode d : distributions) {
            String name = d.path("name").asText();
            int colon = name.lastIndexOf(": ");
            if (colon > 0 && !strategies.contains(name.substring(0, colon))) strategies.add(name.substring(0, colon));
        }
        if (strategies.isEmpty()) {
            throw new IllegalArgumentException("--backtest " + report + ": no Monte Carlo distributions in it (run"
                    + " ballast backtest --monte-carlo 200 --out DIR and point at DIR/report.json)");
        }
        String chosen = strategy.orElse(strategies.getFirst());
        if (!strategies.contains(chosen)) {
            throw new IllegalArgumentException("--backtest-strategy " + chosen + ": not in " + report + "; it has "
                    + strategies);
        }
        Map<String, Band> bands = new LinkedHashMap<>();
        for (JsonNode d : distributions) {
            for (String m : MEASURES) {
                if (d.path("name").asText().equals(chosen + ": " + m)) bands.put(m, band(d.path("samples")));
            }
        }
        return new BacktestBand(chosen, report.toString(), Map.copyOf(bands));
    }

    private static Band band(JsonNode samples) {
        double[] x = new double[samples.size()];
        int n = 0;
        for (JsonNode s : samples) {
            double v = s.asDouble(Double.NaN); // the report writes NaN as the string "NaN"
            if (Double.isFinite(v)) x[n++] = v;
        }
        x = Arrays.copyOf(x, n);
        Arrays.sort(x);
        return new Band(quantile(x, 0.05), quantile(x, 0.5), quantile(x, 0.95), n);
    }

    /** Linear interpolation between order statistics; NaN for no samples. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    public Optional<Band> band(String measure) {
        return Optional.ofNullable(bands.get(measure));
    }
}
