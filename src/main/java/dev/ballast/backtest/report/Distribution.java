package dev.ballast.backtest.report;

import java.util.Arrays;

/** Samples of one quantity (e.g. a strategy's final return over many synthetic paths), plotted as histogram and box. */
public record Distribution(String name, double[] samples) {
    public Distribution {
        samples = samples.clone();
    }

    /** The samples sorted, NaNs removed. */
    public double[] sorted() {
        return Arrays.stream(samples).filter(Double::isFinite).sorted().toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Distribution d && name.equals(d.name) && Arrays.equals(samples, d.samples);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(samples);
    }
}
