package dev.ballast.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scale benchmark's pure parts: the keepers' config (which vaults trade) and the histogram quantiles. */
class ScaleBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void exactlyTheTradingVaultsKeepTheNarrowBandSpreadOverTheFleet() throws Exception {
        List<String> vaults = new ArrayList<>();
        for (int i = 0; i < 100; i++) vaults.add(VaultCloner.address("test/" + i));
        String yaml = Files.readString(ScaleBenchmark.config(dir, 0, "http://127.0.0.1:1", "postgresql://127.0.0.1:2/db",
                9999, vaults, 8));
        assertThat(yaml.split("band: 0.05", -1)).hasSize(9);
        assertThat(yaml).contains("policy:\n  band: 0.45\n", "port: 9999", "url: postgresql://127.0.0.1:2/db");
        // the 8 narrow-band vaults are v11, v23, ... v95: every 12th, none bunched at the start
        assertThat(yaml).contains("name: v11\n    policy:\n      band: 0.05", "name: v95\n    policy:\n      band: 0.05");
        assertThat(yaml).doesNotContain("name: v0\n    policy:");
    }

    @Test
    void quantilesInterpolateWithinTheBucketThatHoldsTheRank() {
        // 10 observations: 4 in (0, 100 ms], 4 in (100, 250], 2 in (250, 500]
        List<Integer> bounds = List.of(100, 250, 500, Integer.MAX_VALUE);
        double[] cumulative = {4, 8, 10, 10};
        assertThat(ScaleBenchmark.quantile(bounds, cumulative, 10, 0.5)).isCloseTo(0.1375, within(1e-9));
        assertThat(ScaleBenchmark.quantile(bounds, cumulative, 10, 0.99)).isCloseTo(0.4875, within(1e-9));
        assertThat(ScaleBenchmark.quantile(bounds, new double[] {0, 0, 0, 0}, 0, 0.5)).isNaN();
        // beyond the last finite bound only its floor is known
        assertThat(ScaleBenchmark.quantile(bounds, new double[] {0, 0, 0, 3}, 3, 0.5)).isCloseTo(0.5, within(1e-9));
    }
}
