package dev.ballast.backtest.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StreamingSampleTest {
    @Test
    void quantilesOfOneToHundredAreTypeSeven() {
        StreamingSample s = new StreamingSample(1000, 1);
        for (int v = 100; v >= 1; v--) s.add(v); // order must not matter below capacity
        // R: quantile(1:100, c(.05,.25,.5,.75,.95)) = 5.95 25.75 50.5 75.25 95.05
        assertThat(s.quantile(0.05)).isCloseTo(5.95, within(1e-12));
        assertThat(s.quantile(0.25)).isCloseTo(25.75, within(1e-12));
        assertThat(s.quantile(0.5)).isCloseTo(50.5, within(1e-12));
        assertThat(s.quantile(0.75)).isCloseTo(75.25, within(1e-12));
        assertThat(s.quantile(0.95)).isCloseTo(95.05, within(1e-12));
        assertThat(s.quantile(0)).isEqualTo(1);
        assertThat(s.quantile(1)).isEqualTo(100);
        assertThat(s.mean()).isEqualTo(50.5);
        assertThat(s.count()).isEqualTo(100);
    }

    @Test
    void nonFiniteValuesAreCountedApart() {
        StreamingSample s = new StreamingSample(10, 1);
        s.add(Double.NaN);
        s.add(2);
        s.add(Double.POSITIVE_INFINITY);
        s.add(4);
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.nonFinite()).isEqualTo(2);
        assertThat(s.quantile(0.5)).isEqualTo(3);
        assertThat(new StreamingSample(3, 1).quantile(0.5)).isNaN();
    }

    @Test
    void memoryIsBoundedAndSubsampleQuantilesStayClose() {
        StreamingSample s = new StreamingSample(2000, 7);
        SplittableRandom r = new SplittableRandom(3);
        int n = 200_000;
        double sum = 0;
        for (int k = 0; k < n; k++) {
            double v = r.nextDouble(); // uniform(0, 1): true quantile p is p
            sum += v;
            s.add(v);
        }
        assertThat(s.retained()).isEqualTo(2000);
        assertThat(s.count()).isEqualTo(n);
        assertThat(s.mean()).isCloseTo(sum / n, within(1e-12)); // exact, not from the reservoir
        for (double p : new double[] {0.05, 0.25, 0.5, 0.75, 0.95}) {
            // reservoir of 2000: standard error of a quantile <= sqrt(p(1-p)/2000) ~ 0.011; 4 sigma
            assertThat(s.quantile(p)).as("p=%s", p).isCloseTo(p, within(0.045));
        }
        assertThat(s.min()).isLessThan(0.001);
        assertThat(s.max()).isGreaterThan(0.999);
    }

    @Test
    void sameSeedAndOrderGiveTheSameSubsample() {
        StreamingSample a = new StreamingSample(50, 9);
        StreamingSample b = new StreamingSample(50, 9);
        for (int k = 0; k < 10_000; k++) {
            a.add(k);
            b.add(k);
        }
        assertThat(a.toDistribution("x").samples()).containsExactly(b.toDistribution("x").samples());
    }
}
