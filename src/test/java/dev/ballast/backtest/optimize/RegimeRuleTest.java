package dev.ballast.backtest.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.backtest.data.RegimePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegimeRuleTest {
    /** Two assets; bars 0-4 basket 1.0, 5-14 basket 1.3, 15-19 basket 1.0 (asset B flat, A moves the basket). */
    static PriceSeries constructed() {
        long[] ts = new long[20];
        double[][] p = new double[20][];
        for (int t = 0; t < 20; t++) {
            ts[t] = 1_600_000_000L + t * 86_400L;
            double a = t >= 5 && t < 15 ? 160 : 100; // basket = (a/100 + 1) / 2: 1.0 or 1.3
            p[t] = new double[] {a, 7};
        }
        return new PriceSeries(List.of("A", "B"), ts, p);
    }

    @Test
    void trailingBasketReturnRuleByHand() {
        RegimePath path = RegimeRule.auto(constructed(), 5, 0.10);
        StringBuilder labels = new StringBuilder();
        for (int t = 0; t < 20; t++) {
            labels.append(switch (path.regimeNameAt(t)) {
                case "bull" -> 'U';
                case "bear" -> 'D';
                default -> 's';
            });
        }
        // t=1..4: 1.0/1.0 sideways; t=5..9: 1.3/1.0 = +30% bull; t=10..14: 1.3/1.3 sideways; t=15..19: 1.0/1.3 = -23% bear
        assertThat(labels.toString()).isEqualTo("sssssUUUUUsssssDDDDD");
        assertThat(path.regimeNameAt(7)).isEqualTo("bull");
        assertThat(path.regimeNameAt(17)).isEqualTo("bear");
        assertThat(path.rowsPerRegime()).containsExactly(5, 5, 10);
    }

    @Test
    void aMoveBelowTheThresholdIsSideways() {
        RegimePath path = RegimeRule.auto(constructed(), 5, 0.35);
        assertThat(path.rowsPerRegime()).containsExactly(0, 0, 20);
    }

    @Test
    void userRangesWithOtherForUncoveredBars(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("r.csv");
        // constructed() starts 2020-09-13
        Files.writeString(f, "from,to,regime\n2020-09-13,2020-09-17,calm\n# comment\n2020-09-20,2020-09-21,crash\n");
        RegimePath path = RegimeRule.fromFile(constructed(), f);
        assertThat(path.regimes().stream().map(r -> r.name()).toList()).containsExactly("calm", "crash", "other");
        assertThat(path.rowsPerRegime()).containsExactly(5, 2, 13);
        assertThat(path.regimeNameAt(7)).isEqualTo("crash");
    }

    @Test
    void badLineNamesFileAndLine(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("r.csv");
        Files.writeString(f, "2020-09-13,2020-09-17,calm\n2020-13-01,2020-09-21,crash\n");
        assertThatThrownBy(() -> RegimeRule.fromFile(constructed(), f)).hasMessageContaining("line 2")
                .hasMessageContaining("bad date");
        Files.writeString(f, "2020-09-13,2020-09-17\n");
        assertThatThrownBy(() -> RegimeRule.fromFile(constructed(), f)).hasMessageContaining("line 1")
                .hasMessageContaining("from,to,regime");
    }

    @Test
    void drawdownFromPeakRuleByHand() {
        // 100, 120 (peak), 95 and 90 (at least 20% below 120 = 96), 110, 130
        double[] a = {100, 120, 95, 90, 110, 130};
        long[] ts = new long[a.length];
        double[][] p = new double[a.length][];
        for (int t = 0; t < a.length; t++) {
            ts[t] = 1_599_955_200L + t * 86_400L; // midnights from 2020-09-13
            p[t] = new double[] {a[t], 50};
        }
        PriceSeries prices = new PriceSeries(List.of("A", "B"), ts, p);
        RegimePath path = RegimeRule.drawdown(prices, "A", 0.20);
        assertThat(java.util.stream.IntStream.range(0, a.length).mapToObj(path::regimeNameAt).toList())
                .containsExactly("near peak", "near peak", "drawdown", "drawdown", "near peak", "near peak");
        assertThat(RegimeRule.periods(path, 3)).containsExactly(
                "drawdown: 2 bars in 1 period, longest 2020-09-15..2020-09-16",
                "near peak: 4 bars in 2 periods, longest 2020-09-13..2020-09-14, 2020-09-17..2020-09-18");
        // the basket (A with a flat B) falls only 10% from its peak: never a drawdown at 20%
        assertThat(RegimeRule.drawdown(prices, null, 0.20).rowsPerRegime()).containsExactly(0, 6);
    }

    @Test
    void theTrendRuleCanReadOneAssetInsteadOfTheBasket() {
        // A +60% and C -60% cancel in the basket (sideways throughout) but A alone is a bull from bar 5
        long[] ts = new long[10];
        double[][] p = new double[10][];
        for (int t = 0; t < 10; t++) {
            ts[t] = 1_600_000_000L + t * 86_400L;
            p[t] = new double[] {t >= 5 ? 160 : 100, t >= 5 ? 40 : 100};
        }
        PriceSeries prices = new PriceSeries(List.of("A", "C"), ts, p);
        assertThat(RegimeRule.auto(prices, 5, 0.10).rowsPerRegime()).containsExactly(0, 0, 10);
        RegimePath onA = RegimeRule.auto(prices, "A", 5, 0.10);
        assertThat(onA.regimeNameAt(5)).isEqualTo("bull");
        assertThat(onA.regimeNameAt(4)).isEqualTo("sideways");
    }
}
