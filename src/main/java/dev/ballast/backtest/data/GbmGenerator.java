package dev.ballast.backtest.data;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * SYNTHETIC prices: correlated geometric Brownian motion. The same seed always gives the same series.
 * Use it to test strategies on many paths with known parameters; it is not market data.
 */
public final class GbmGenerator {
    private final List<SyntheticAsset> assets;
    private final double[][] correlation;
    private final double[][] cholesky;
    private final StepCalendar calendar;

    /** Independent assets, one row a day from 2020-01-01. */
    public GbmGenerator(List<SyntheticAsset> assets) {
        this(assets, null, StepCalendar.daily(LocalDate.of(2020, 1, 1)));
    }

    /**
     * @param correlation correlation of the assets' return shocks, or null for independent assets
     */
    public GbmGenerator(List<SyntheticAsset> assets, double[][] correlation, StepCalendar calendar) {
        if (assets.isEmpty()) {
            throw new IllegalArgumentException("at least one asset is required");
        }
        this.assets = List.copyOf(assets);
        int n = assets.size();
        double[][] corr = correlation == null ? Correlation.identity(n) : correlation;
        this.cholesky = Correlation.cholesky(corr, n);
        this.correlation = Arrays.stream(corr).map(double[]::clone).toArray(double[][]::new);
        this.calendar = calendar;
    }

    public GbmGenerator withCorrelation(double[][] correlation) {
        return new GbmGenerator(assets, correlation, calendar);
    }

    public GbmGenerator withCalendar(StepCalendar calendar) {
        return new GbmGenerator(assets, correlation, calendar);
    }

    /** {@code rows} observations; row 0 holds the initial prices. */
    public PriceSeries generate(int rows, long seed) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows = " + rows + ": must be >= 1");
        }
        int n = assets.size();
        double[] drift = new double[n];
        double[] vol = new double[n];
        double[][] prices = new double[rows][];
        prices[0] = new double[n];
        for (int i = 0; i < n; i++) {
            SyntheticAsset a = assets.get(i);
            drift[i] = a.drift();
            vol[i] = a.volatility();
            prices[0][i] = a.initialPrice();
        }
        GaussianSource gauss = new GaussianSource(seed);
        for (int t = 1; t < rows; t++) {
            prices[t] = LogNormalStep.next(prices[t - 1], drift, vol, gauss.correlated(cholesky), calendar.dt());
        }
        return new PriceSeries(assets.stream().map(SyntheticAsset::name).toList(), calendar.timestamps(rows), prices);
    }
}
