package dev.ballast.backtest.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegimeSwitchingGeneratorTest {
    private static final List<SyntheticAsset> ASSETS = List.of(
            new SyntheticAsset("BTC", 30_000, 0, 0), new SyntheticAsset("ETH", 2_000, 0, 0));
    private static final StepCalendar DAILY = StepCalendar.daily(LocalDate.of(2021, 1, 1));

    @Test
    void deterministicForASeed() {
        RegimeSwitchingGenerator g = RegimeSwitchingGenerator.bullBearSideways(ASSETS);
        RegimePath a = g.generate(1000, 5);
        RegimePath b = g.generate(1000, 5);
        assertThat(a.series()).isEqualTo(b.series());
        assertThat(a.regimeAt()).isEqualTo(b.regimeAt());
        assertThat(g.generate(1000, 6).series()).isNotEqualTo(a.series());
        assertThat(a.regimeNameAt(0)).isEqualTo("bull");
        assertThat(a.series().price(0, 0)).isEqualTo(30_000);
    }

    @Test
    void absorbingRegimeIsNeverLeftAndZeroProbabilityMovesNeverHappen() {
        List<Regime> regimes = List.of(new Regime("up", 1.0, 0, 0), new Regime("down", -1.0, 0, 0));
        // up -> down with 1%, down is absorbing: once down, always down; prices then fall at exactly exp(-dt).
        double[][] p = {{0.99, 0.01}, {0, 1}};
        RegimePath path = new RegimeSwitchingGenerator(ASSETS, regimes, p, 0, DAILY).generate(5000, 11);
        int[] at = path.regimeAt();
        int firstDown = -1;
        for (int t = 1; t < at.length; t++) {
            if (at[t] == 1 && firstDown < 0) {
                firstDown = t;
            }
            assertThat(at[t] >= at[t - 1]).as("row %d went from down back to up", t).isTrue();
        }
        assertThat(firstDown).isPositive();
        double ratio = path.series().price(firstDown, 0) / path.series().price(firstDown - 1, 0);
        assertThat(ratio).isCloseTo(Math.exp(-1.0 / 365), within(1e-12));
        assertThat(path.rowsPerRegime()[0] + path.rowsPerRegime()[1]).isEqualTo(5000);
    }

    @Test
    void transitionFrequenciesMatchTheMatrix() {
        RegimeSwitchingGenerator g = RegimeSwitchingGenerator.bullBearSideways(ASSETS);
        int[] at = g.generate(400_001, 3).regimeAt();
        double[][] expected = {{0.995, 0.002, 0.003}, {0.010, 0.980, 0.010}, {0.006, 0.004, 0.990}};
        long[][] moves = new long[3][3];
        for (int t = 1; t < at.length; t++) {
            moves[at[t - 1]][at[t]]++;
        }
        for (int i = 0; i < 3; i++) {
            long from = moves[i][0] + moves[i][1] + moves[i][2];
            for (int j = 0; j < 3; j++) {
                double se = Math.sqrt(expected[i][j] * (1 - expected[i][j]) / from);
                assertThat(moves[i][j] / (double) from).as("P[%d][%d]", i, j).isCloseTo(expected[i][j], within(5 * se));
            }
        }
    }

    @Test
    void returnsInEachRegimeHaveThatRegimesVolatilityAndCorrelation() {
        RegimePath path = RegimeSwitchingGenerator.bullBearSideways(ASSETS).generate(300_001, 8);
        int[] at = path.regimeAt();
        double[] a = GbmGeneratorTest.logReturns(path.series().column(0));
        double[] b = GbmGeneratorTest.logReturns(path.series().column(1));
        for (int r = 0; r < 3; r++) {
            Regime regime = path.regimes().get(r);
            final int rr = r;
            int[] rows = java.util.stream.IntStream.range(1, at.length).filter(t -> at[t] == rr).toArray();
            double[] ra = java.util.Arrays.stream(rows).mapToDouble(t -> a[t - 1]).toArray();
            double[] rb = java.util.Arrays.stream(rows).mapToDouble(t -> b[t - 1]).toArray();
            assertThat(Stats.std(ra) * Math.sqrt(365)).as(regime.name()).isCloseTo(regime.volatility(),
                    within(0.03 * regime.volatility()));
            assertThat(Stats.correlation(ra, rb)).as(regime.name()).isCloseTo(regime.correlation(), within(0.03));
        }
    }

    @Test
    void rejectsBadTransitionMatrices() {
        List<Regime> two = List.of(new Regime("a", 0, 0.1, 0), new Regime("b", 0, 0.1, 0));
        assertThatThrownBy(() -> new RegimeSwitchingGenerator(ASSETS, two, new double[][] {{0.5, 0.4}, {0, 1}}, 0, DAILY))
                .hasMessageContaining("transitions[a] sums to 0.9");
        assertThatThrownBy(() -> new RegimeSwitchingGenerator(ASSETS, two, new double[][] {{1.5, -0.5}, {0, 1}}, 0, DAILY))
                .hasMessageContaining("probabilities must be in [0, 1]");
        assertThatThrownBy(() -> new RegimeSwitchingGenerator(ASSETS, two, new double[][] {{1, 0}}, 0, DAILY))
                .hasMessageContaining("expected 2 rows");
        assertThatThrownBy(() -> new RegimeSwitchingGenerator(ASSETS, two, new double[][] {{1, 0}, {0, 1}}, 2, DAILY))
                .hasMessageContaining("startRegime = 2");
        assertThatThrownBy(() -> new Regime("x", 0, 0.1, 1)).hasMessageContaining("x.correlation = 1.0");
    }
}
