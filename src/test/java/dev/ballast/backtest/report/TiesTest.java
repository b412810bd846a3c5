package dev.ballast.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TiesTest {
    @Test
    void groupsEqualItemsInFirstSeenOrder() {
        List<Double> v = List.of(1.0, 2.0, 1.0 + 1e-13, 3.0, 2.0);
        assertThat(Ties.group(v, Ties::same)).containsExactly(List.of(0, 2), List.of(1, 4), List.of(3));
        assertThat(Ties.same(1.0, 1.0001)).isFalse();
        assertThat(Ties.same(Double.NaN, Double.NaN)).isTrue();
        assertThat(Ties.sameMeasures(Map.of("a", 1.0), Map.of("a", 1.0, "b", 2.0))).isFalse();
    }

    @Test
    void labelsATieOnce() {
        assertThat(Ties.label(List.of("buy-and-hold", "band 17%", "band 18%", "band 19%", "band 20%")))
                .isEqualTo("band 17–20% = buy-and-hold");
        assertThat(Ties.label(List.of("band 1%", "band 3%"))).isEqualTo("bands 1%, 3%");
        assertThat(Ties.label(List.of("calendar daily", "band 1%"))).isEqualTo("band 1% = calendar daily");
        assertThat(Ties.label(List.of("a", "b", "c", "d", "e"))).isEqualTo("a, b and 3 more");
        assertThat(Ties.label(List.of("band 5%"))).isEqualTo("band 5%");
        assertThat(Ties.label(List.of("band 3%", "band 3% after daily interval", "band 3% after weekly interval")))
                .isEqualTo("band 3% = band 3% after daily/weekly interval");
        assertThat(Ties.label(List.of("band 1% after daily interval", "band 2% after daily interval",
                "band 1% after weekly interval", "band 2% after weekly interval")))
                .isEqualTo("band 1–2% after daily/weekly interval");
    }
}
