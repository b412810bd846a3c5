package dev.ballast.backtest.data;

import java.util.Objects;

/** A price series together with the report of how it was loaded (fills, dropped rows, gaps). */
public record LoadedPrices(PriceSeries series, LoadReport report) {
    public LoadedPrices {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(report, "report");
    }
}
