package dev.ballast.backtest.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.backtest.data.GbmGenerator;
import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.backtest.data.SyntheticAsset;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlockBootstrapTest {
    private static final PriceSeries SOURCE = new GbmGenerator(List.of(new SyntheticAsset("A", 100, 0.05, 0.2),
            new SyntheticAsset("B", 50, 0.0, 0.3))).generate(500, 11);

    @Test
    void sameSeedSamePathOtherSeedOtherPath() {
        BlockBootstrap b = new BlockBootstrap(SOURCE, 10);
        assertThat(b.path(200, 5)).isEqualTo(b.path(200, 5));
        assertThat(b.path(200, 5)).isNotEqualTo(b.path(200, 6));
    }

    @Test
    void pathCompoundsTheChosenSourceReturnsOfAllAssetsTogether() {
        BlockBootstrap b = new BlockBootstrap(SOURCE, 10);
        int[] idx = b.returnIndices(99, new SplittableRandom(42));
        PriceSeries p = b.path(100, 42);
        assertThat(p.price(0, 0)).isEqualTo(100);
        assertThat(p.price(0, 1)).isEqualTo(50);
        for (int t = 1; t < 100; t++) {
            int k = idx[t - 1];
            for (int i = 0; i < 2; i++) {
                double expected = SOURCE.price(k + 1, i) / SOURCE.price(k, i);
                assertThat(p.price(t, i) / p.price(t - 1, i)).isCloseTo(expected, within(1e-12));
            }
        }
    }

    @Test
    void blocksRunOnConsecutiveDaysWithTheRequestedMeanLength() {
        int m = SOURCE.size() - 1;
        for (double mean : new double[] {1, 5, 20}) {
            int[] idx = new BlockBootstrap(SOURCE, mean).returnIndices(100_000, new SplittableRandom(1));
            int breaks = 0;
            for (int s = 1; s < idx.length; s++) {
                if (idx[s] != (idx[s - 1] + 1) % m) breaks++;
            }
            // a restart lands on the successor by chance with probability 1/m, so breaks ~ steps/mean × (1 − 1/m)
            double meanRun = idx.length / (double) (breaks + 1);
            assertThat(meanRun).as("mean block %s", mean).isCloseTo(mean, within(mean * 0.05 + 0.02));
        }
        int[] one = new BlockBootstrap(SOURCE, 1e12).returnIndices(300, new SplittableRandom(2));
        for (int s = 1; s < one.length; s++) assertThat(one[s]).isEqualTo((one[s - 1] + 1) % m); // wraps circularly
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new BlockBootstrap(SOURCE, 0.5)).hasMessageContaining("block length");
        assertThatThrownBy(() -> new BlockBootstrap(SOURCE, 5).path(501, 1)).hasMessageContaining("rows = 501");
    }
}
