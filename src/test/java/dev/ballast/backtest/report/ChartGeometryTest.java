package dev.ballast.backtest.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChartGeometryTest {
    @Test
    void niceScaleWidensToWholeTicks() {
        LinearScale s = LinearScale.nice(0.013, 0.087, 0, 100, 8);
        assertThat(s.d0).isEqualTo(0.01);
        assertThat(s.d1).isCloseTo(0.09, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(s.ticks(8)).hasSize(9);
        assertThat(s.map(s.d0)).isEqualTo(0);
        assertThat(s.map(s.d1)).isEqualTo(100);
        assertThat(LinearScale.step(0, 1, 4)).isEqualTo(0.25);
        assertThat(LinearScale.step(0, 37, 6)).isEqualTo(10);
        assertThat(new LinearScale(5, 5, 0, 10).map(5)).isEqualTo(5); // a flat series lands mid-axis
    }

    @Test
    void timeTicksFallOnCalendarBoundaries() {
        long from = 678_326_400L; // 1991-07-01
        long to = 903_052_800L; // 1998-08-14
        assertThat(TimeTicks.between(from, to, 8)).extracting(TimeTicks.Tick::label)
                .containsExactly("1992", "1993", "1994", "1995", "1996", "1997", "1998");
        long jan = 1_704_067_200L; // 2024-01-01
        assertThat(TimeTicks.between(jan, jan + 90 * 86_400L, 8)).extracting(TimeTicks.Tick::label)
                .containsExactly("2024-01", "2024-02", "2024-03");
    }

    @Test
    void peakDownsamplingKeepsSpikes() {
        double[] v = new double[10_000];
        v[4321] = 9;
        int[] idx = Downsample.peaks(v, 100);
        assertThat(idx).hasSize(100).contains(0, 4321, 9_999);
        assertThat(Downsample.stride(10, 100)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(Downsample.stride(1001, 3)).containsExactly(0, 500, 1000);
    }

    @Test
    void histogramCountsPutTheMaximumInTheLastBin() {
        assertThat(HistogramChart.counts(new double[] {0, 1, 2, 3, 4, 10}, 5)).containsExactly(2, 2, 1, 0, 1);
        assertThat(HistogramChart.counts(new double[] {7, 7, 7}, 5)).containsExactly(3, 0, 0, 0, 0);
        assertThat(HistogramChart.bins(4)).isEqualTo(5);
        assertThat(HistogramChart.bins(400)).isEqualTo(20);
        assertThat(HistogramChart.bins(1_000_000)).isEqualTo(40);
    }

    @Test
    void labelsAvoidEachOther() {
        LabelPlacer p = new LabelPlacer(10, 0, 0, 500, 500);
        LabelPlacer.Placement a = p.place("first", 100, 100);
        LabelPlacer.Placement b = p.place("second", 100, 100);
        assertThat(a).isEqualTo(new LabelPlacer.Placement(108, 94, Canvas.Anchor.START));
        assertThat(b).isEqualTo(new LabelPlacer.Placement(108, 114, Canvas.Anchor.START));
        // Near the right edge the label flips to the left of the point.
        assertThat(p.place("edge", 495, 300).anchor()).isEqualTo(Canvas.Anchor.END);
    }

    @Test
    void identicalFrontierPointsShareOneLabel() {
        var merged = FrontierChart.sharedLabels(List.of(
                new dev.ballast.backtest.report.FrontierPoint("band 5%", 0.02, 0.003, false),
                new dev.ballast.backtest.report.FrontierPoint("monthly", 0.1, 0.001, false),
                new dev.ballast.backtest.report.FrontierPoint("quarterly and band 5%", 0.02, 0.003, false)));
        assertThat(merged).extracting(dev.ballast.backtest.report.FrontierPoint::label)
                .containsExactly("band 5% = quarterly and band 5%", "monthly");
    }

    @Test
    void svgAndRasterCanvasesDrawTheSameShapes() {
        SvgCanvas svg = new SvgCanvas(300, 200);
        RasterCanvas png = new RasterCanvas(300, 200);
        for (Canvas c : List.of(svg, png)) {
            c.rect(10, 10, 50, 40, "#e15759", null);
            c.text(150, 100, "a & b < c", 12, Canvas.Anchor.MIDDLE, "#222222", false);
        }
        assertThat(svg.toSvg("t")).contains("<rect x=\"10\" y=\"10\" width=\"50\" height=\"40\" fill=\"#e15759\"/>")
                .contains(">a &amp; b &lt; c</text>");
        assertThat(png.finish().getRGB(30, 30) & 0xffffff).isEqualTo(0xe15759);
        assertThat(Chart.slug("Band 5% (ETH/USDC)")).isEqualTo("band-5-eth-usdc");
        assertThat(List.of(SvgCanvas.n(0), SvgCanvas.n(-0.001), SvgCanvas.n(12.5), SvgCanvas.n(12.345),
                SvgCanvas.n(-3.07), SvgCanvas.n(100), SvgCanvas.n(0.999))).containsExactly("0", "0", "12.5", "12.35",
                "-3.07", "100", "1");
    }
}
