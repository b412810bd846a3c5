package dev.ballast.backtest.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PriceSeriesTest {
    private static PriceSeries abc() {
        return new PriceSeries(List.of("A", "B"), new long[] {10, 20, 30},
                new double[][] {{1, 2}, {3, 4}, {5, 6}});
    }

    @Test
    void exposesShapeColumnsAndSlices() {
        PriceSeries s = abc();
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.assetCount()).isEqualTo(2);
        assertThat(s.column(1)).containsExactly(2, 4, 6);
        assertThat(s.price(2, 0)).isEqualTo(5);
        assertThat(s.indexOf("B")).isEqualTo(1);
        PriceSeries mid = s.slice(1, 3);
        assertThat(mid.timestamps()).containsExactly(20, 30);
        assertThat(mid.prices()[0]).containsExactly(3, 4);
        assertThat(s.select(List.of("B")).column(0)).containsExactly(2, 4, 6);
    }

    @Test
    void isImmutableAndComparesByContent() {
        long[] ts = {1, 2};
        double[][] px = {{1}, {2}};
        PriceSeries s = new PriceSeries(List.of("A"), ts, px);
        ts[0] = 99;
        px[0][0] = 99;
        s.prices()[1][0] = 77;
        s.timestamps()[1] = 77;
        assertThat(s.timestamp(0)).isEqualTo(1);
        assertThat(s.price(0, 0)).isEqualTo(1);
        assertThat(s.price(1, 0)).isEqualTo(2);
        assertThat(s).isEqualTo(new PriceSeries(List.of("A"), new long[] {1, 2}, new double[][] {{1}, {2}}));
        assertThat(s.hashCode()).isEqualTo(new PriceSeries(List.of("A"), new long[] {1, 2},
                new double[][] {{1}, {2}}).hashCode());
    }

    @Test
    void rejectsInvalidData() {
        assertThatThrownBy(() -> new PriceSeries(List.of(), new long[0], new double[0][]))
                .hasMessageContaining("at least one asset");
        assertThatThrownBy(() -> new PriceSeries(List.of("A", "A"), new long[0], new double[0][]))
                .hasMessageContaining("duplicate");
        assertThatThrownBy(() -> new PriceSeries(List.of("A"), new long[] {2, 2}, new double[][] {{1}, {1}}))
                .hasMessageContaining("timestamps[1]=2 is not after timestamps[0]=2");
        assertThatThrownBy(() -> new PriceSeries(List.of("A"), new long[] {1}, new double[][] {{0}}))
                .hasMessageContaining("prices[0][A]=0.0 must be finite and > 0");
        assertThatThrownBy(() -> new PriceSeries(List.of("A"), new long[] {1}, new double[][] {{Double.NaN}}))
                .hasMessageContaining("must be finite");
        assertThatThrownBy(() -> new PriceSeries(List.of("A", "B"), new long[] {1}, new double[][] {{1}}))
                .hasMessageContaining("prices[0] must have 2 values");
        assertThatThrownBy(() -> new PriceSeries(List.of("A"), new long[] {1, 2}, new double[][] {{1}}))
                .hasMessageContaining("timestamps has 2 rows but prices has 1");
        assertThatThrownBy(() -> abc().indexOf("Z")).hasMessageContaining("unknown asset 'Z'");
        assertThatThrownBy(() -> abc().slice(2, 4)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
