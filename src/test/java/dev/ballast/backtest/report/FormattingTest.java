package dev.ballast.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormattingTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        0              | 0
        0.0123456      | 0.01235
        0.001          | 0.001
        0.00012345678  | 1.235e-4
        2.612e-13      | 2.612e-13
        -2.6e-13       | -2.6e-13
        12.3456        | 12.35
        1234.5         | 1235
        -9999.4        | -9999
        12345.6        | 12,346
        -1234567       | -1,234,567
        NaN            | n/a
        Infinity       | inf
        """)
    void numbersHaveFourSignificantDigits(double v, String expected) {
        assertThat(Fmt.number(v)).isEqualTo(expected);
    }

    @Test
    void percentExactAndTime() {
        assertThat(Fmt.percent(0.1234)).isEqualTo("12.34%");
        assertThat(Fmt.percent(Double.NaN)).isEqualTo("n/a");
        assertThat(Fmt.exact(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(Fmt.exact(Double.NaN)).isEmpty();
        assertThat(Fmt.time(1_704_067_200L)).isEqualTo("2024-01-01");
        assertThat(Fmt.time(1_704_067_201L)).isEqualTo("2024-01-01T00:00:01Z");
    }

    @Test
    void textTableAlignsNumbersRightAndTextLeft() {
        String out = new TextTable(List.of("strategy", "kind", "return"))
                .row(List.of("band 5%", "band", "1,234"))
                .row(List.of("buy & hold", "passive", "-0.5"))
                .row(List.of("x", "calendar", "n/a"))
                .render();
        assertThat(out).isEqualTo("""
                strategy    kind      return
                ----------  --------  ------
                band 5%     band       1,234
                buy & hold  passive     -0.5
                x           calendar     n/a
                """);
        assertThatThrownBy(() -> new TextTable(List.of("a", "b")).row(List.of("1")))
                .hasMessageContaining("row has 1 cells, table has 2 columns");
    }

    @Test
    void quantilesInterpolateBetweenRanksLikeRType7() {
        // Sorted 1..5 (with a NaN that is ignored): q1 at rank 1 + 0.25*4 = 2, p5 = 1 + 0.05*4 = 1.2.
        Quantiles q = Quantiles.of(new Distribution("x", new double[] {5, 3, Double.NaN, 1, 4, 2}));
        assertThat(q.count()).isEqualTo(5);
        assertThat(q.min()).isEqualTo(1);
        assertThat(q.p5()).isEqualTo(1.2);
        assertThat(q.q1()).isEqualTo(2);
        assertThat(q.median()).isEqualTo(3);
        assertThat(q.q3()).isEqualTo(4);
        assertThat(q.p95()).isEqualTo(4.8);
        assertThat(q.max()).isEqualTo(5);
        assertThat(q.mean()).isEqualTo(3);
        assertThat(Quantiles.of(new Distribution("x", new double[] {10, 20})).median()).isEqualTo(15);
        assertThat(Quantiles.of(new Distribution("empty", new double[0])).median()).isNaN();
    }

    @Test
    void frontierMarksPointsBeatenOnBothAxes() {
        List<FrontierPoint> marked = Frontier.markDominated(List.of(
                new FrontierPoint("a", 0.10, 0.01, true), // nothing has both less: efficient (flag recomputed)
                new FrontierPoint("b", 0.05, 0.02, false),
                new FrontierPoint("c", 0.06, 0.02, false), // b: less turnover, same TE
                new FrontierPoint("d", 0.20, 0.03, false), // a, b, c all better
                new FrontierPoint("e", 0.05, 0.02, false))); // equal to b: neither dominates
        assertThat(marked).extracting(FrontierPoint::dominated).containsExactly(false, false, true, true, false);
    }
}
