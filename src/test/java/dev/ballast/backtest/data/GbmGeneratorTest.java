package dev.ballast.backtest.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GbmGeneratorTest {
    private static final List<SyntheticAsset> TWO = List.of(
            new SyntheticAsset("ETH", 2000, 0.10, 0.60),
            new SyntheticAsset("USDC", 1, 0.0, 0.01));

    @Test
    void sameSeedSamePathOtherSeedOtherPath() {
        GbmGenerator g = new GbmGenerator(TWO);
        assertThat(g.generate(500, 42)).isEqualTo(g.generate(500, 42));
        assertThat(g.generate(500, 42)).isNotEqualTo(g.generate(500, 43));
    }

    @Test
    void zeroVolatilityGrowsExactlyAtTheDrift() {
        // With sigma = 0 each step multiplies by exp(mu * dt): after 365 daily steps, exp(0.1).
        PriceSeries s = new GbmGenerator(List.of(new SyntheticAsset("A", 100, 0.10, 0))).generate(366, 1);
        assertThat(s.price(365, 0)).isCloseTo(100 * Math.exp(0.10), within(1e-9));
        assertThat(s.price(0, 0)).isEqualTo(100);
    }

    @Test
    void timestampsFollowTheCalendar() {
        StepCalendar hourly = new StepCalendar(1_700_000_000L, 3600, 24 * 365);
        PriceSeries s = new GbmGenerator(TWO).withCalendar(hourly).generate(3, 7);
        assertThat(s.timestamps()).containsExactly(1_700_000_000L, 1_700_003_600L, 1_700_007_200L);
        assertThat(StepCalendar.daily(LocalDate.of(2020, 1, 1)).timestamps(2)).containsExactly(1_577_836_800L, 1_577_923_200L);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void logReturnsHaveTheConfiguredMeanVolatilityAndCorrelation(long seed) {
        double rho = 0.6;
        double[][] corr = {{1, rho}, {rho, 1}};
        List<SyntheticAsset> assets = List.of(new SyntheticAsset("A", 1, 0.2, 0.5), new SyntheticAsset("B", 1, -0.1, 0.3));
        PriceSeries s = new GbmGenerator(assets).withCorrelation(corr).generate(100_001, seed);
        double dt = 1.0 / 365;
        double[] a = logReturns(s.column(0));
        double[] b = logReturns(s.column(1));
        assertThat(Stats.std(a) / Math.sqrt(dt)).as("seed %d vol A", seed).isCloseTo(0.5, within(0.01));
        assertThat(Stats.std(b) / Math.sqrt(dt)).as("seed %d vol B", seed).isCloseTo(0.3, within(0.006));
        assertThat(Stats.correlation(a, b)).as("seed %d rho", seed).isCloseTo(rho, within(0.01));
        // Mean of a log-return is (mu - sigma^2/2) dt; its standard error over N steps is sigma sqrt(dt / N).
        double se = 0.5 * Math.sqrt(dt / a.length);
        assertThat(Stats.mean(a)).as("seed %d mean A", seed).isCloseTo((0.2 - 0.125) * dt, within(4 * se));
    }

    @Test
    void rejectsInvalidParameters() {
        assertThatThrownBy(() -> new SyntheticAsset("A", 0, 0, 0.1)).hasMessageContaining("A.initialPrice = 0.0");
        assertThatThrownBy(() -> new SyntheticAsset("A", 1, 0, -0.1)).hasMessageContaining("A.volatility = -0.1");
        assertThatThrownBy(() -> new GbmGenerator(List.of())).hasMessageContaining("at least one asset");
        GbmGenerator g = new GbmGenerator(TWO);
        assertThatThrownBy(() -> g.withCorrelation(new double[][] {{1, 0.5}, {0.4, 1}}))
                .hasMessageContaining("correlation[0][1] = 0.5: must equal [1][0]");
        assertThatThrownBy(() -> g.withCorrelation(new double[][] {{1, 0}, {0, 2}}))
                .hasMessageContaining("correlation[1][1] = 2.0: must be 1");
        List<SyntheticAsset> three = List.of(TWO.get(0), TWO.get(1), new SyntheticAsset("C", 1, 0, 0.1));
        double[][] notPsd = {{1, 0.9, -0.9}, {0.9, 1, 0.9}, {-0.9, 0.9, 1}};
        assertThatThrownBy(() -> new GbmGenerator(three).withCorrelation(notPsd))
                .hasMessageContaining("not positive definite");
        assertThatThrownBy(() -> g.generate(0, 1)).hasMessageContaining("rows = 0");
    }

    @Test
    void gaussianSourceIsStandardNormal() {
        GaussianSource g = new GaussianSource(99);
        double[] x = new double[200_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = g.next();
        }
        assertThat(Stats.mean(x)).isCloseTo(0, within(0.01));
        assertThat(Stats.std(x)).isCloseTo(1, within(0.01));
        long beyond2 = java.util.Arrays.stream(x).filter(v -> Math.abs(v) > 2).count();
        assertThat(beyond2 / (double) x.length).isCloseTo(0.0455, within(0.003));
    }

    static double[] logReturns(double[] p) {
        double[] r = new double[p.length - 1];
        for (int t = 1; t < p.length; t++) {
            r[t - 1] = Math.log(p[t] / p[t - 1]);
        }
        return r;
    }
}
