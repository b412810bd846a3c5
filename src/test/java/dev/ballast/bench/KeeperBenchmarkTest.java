package dev.ballast.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.keeper.Keeper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keeper benchmark's code path, small: two vaults over two pools, two steady blocks and one burst block on its
 * own Anvil. Checks the figures exist and are consistent with what the keeper must have done; it times nothing.
 */
class KeeperBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void producesConsistentFiguresForATwoVaultFleet() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        List<KeeperBenchmark.Figures> figures = KeeperBenchmark.run(new PrintStream(text, true, StandardCharsets.UTF_8),
                new KeeperBenchmark.Options(List.of(2), 2, 1, 2, dir, false));

        assertThat(figures).hasSize(1);
        KeeperBenchmark.Figures f = figures.getFirst();
        assertThat(f.vaults()).isEqualTo(2);
        assertThat(f.pools()).isEqualTo(2);

        KeeperBenchmark.Phase steady = f.steady();
        assertThat(steady.blocks()).isEqualTo(2);
        assertThat(steady.broadcasts()).as("one rebalance broadcast per steady block").isEqualTo(2);
        assertThat(steady.outcomes()).containsEntry(Keeper.Outcome.Kind.REBALANCED, 2);
        assertThat(steady.calls(CountingRpcProxy.LENS_READ)).as("lens reads per block").isGreaterThan(0).isLessThanOrEqualTo(4);
        assertThat(steady.maxLensReads()).isBetween(1L, 4L);
        assertThat(steady.calls(CountingRpcProxy.BROADCAST)).isEqualTo(1.0);
        assertThat(steady.calls("eth_feeHistory")).as("fees fetched once per block, not once per vault").isEqualTo(1.0);
        assertThat(steady.calls(CountingRpcProxy.SIMULATION)).as("each sent transaction was simulated first").isGreaterThanOrEqualTo(1.0);
        assertThat(steady.httpPerBlock()).isGreaterThan(0).isLessThanOrEqualTo(steady.totalCalls());
        assertThat(steady.headToBroadcast().count()).isEqualTo(2);
        assertThat(steady.headToBroadcast().p50()).isPositive().isLessThanOrEqualTo(steady.headToBroadcast().p99());
        assertThat(steady.headToBroadcast().max()).as("a broadcast happens inside its tick").isLessThanOrEqualTo(steady.tick().max());

        KeeperBenchmark.Phase burst = f.burst().orElseThrow();
        assertThat(burst.broadcasts()).as("both vaults rebalanced in the burst block").isEqualTo(2);
        assertThat(burst.maxInFlight()).as("vaults on different pools are sent before either receipt is followed").isEqualTo(2);
        assertThat(steady.maxInFlight()).isEqualTo(1);
        assertThat(burst.headToLastBroadcast().max()).isGreaterThanOrEqualTo(burst.headToBroadcast().p50());
        assertThat(burst.maxLensReads()).isBetween(1L, 4L);

        assertThat(f.heapLiveAfterGc()).isPositive().isLessThanOrEqualTo(f.heapPeak()).isLessThanOrEqualTo(f.heapMax());
        assertThat(text.toString(StandardCharsets.UTF_8))
                .contains("head -> each broadcast", "eth_call (lens read)", "Targets\n", "heap < 256 MB");
    }

    @Test
    void vaultsOnOnePoolGoInRoundsEachDecidedFromAFreshRead() throws Exception {
        List<KeeperBenchmark.Figures> figures = KeeperBenchmark.run(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new KeeperBenchmark.Options(List.of(2), 1, 1, 1, dir, false));

        KeeperBenchmark.Phase burst = figures.getFirst().burst().orElseThrow();
        assertThat(burst.maxInFlight()).as("never two pending rebalances of ours on one pool").isEqualTo(1);
        assertThat(burst.calls(CountingRpcProxy.LENS_READ)).as("a second round, read at the block of the first round's trade")
                .isEqualTo(2.0);
        assertThat(burst.maxLensReads()).as("each read at its own block").isEqualTo(1);
        assertThat(burst.outcomes().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
        assertThat(burst.outcomes()).doesNotContainKey(Keeper.Outcome.Kind.FAILED);
    }

    @Test
    void labelsLensReadsApartFromSimulations() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(CountingRpcProxy.label(json.readTree(
                "{\"method\":\"eth_call\",\"params\":[{\"gas\":\"0x1\",\"data\":\"0x60\"},\"0x5\"]}"))).isEqualTo(CountingRpcProxy.LENS_READ);
        assertThat(CountingRpcProxy.label(json.readTree(
                "{\"method\":\"eth_call\",\"params\":[{\"to\":\"0xab\",\"data\":\"0x60\"},\"latest\"]}"))).isEqualTo(CountingRpcProxy.SIMULATION);
        assertThat(CountingRpcProxy.label(json.readTree("{\"method\":\"eth_feeHistory\",\"params\":[]}"))).isEqualTo("eth_feeHistory");
    }

    @Test
    void percentilesAreNearestRank() {
        Latency l = Latency.of(List.of(5.0, 1.0, 3.0, 2.0, 4.0));
        assertThat(l.p50()).isEqualTo(3.0);
        assertThat(l.p99()).isEqualTo(5.0);
        assertThat(l.max()).isEqualTo(5.0);
        assertThat(Latency.rank(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.5)).isEqualTo(5.0);
        assertThat(Latency.of(List.of()).count()).isZero();
    }

    @Test
    void refusesMeaninglessOptions() {
        assertThatThrownBy(() -> new KeeperBenchmark.Options(List.of(0), 1, 0, 1, dir, false)).hasMessageContaining("--vaults");
        assertThatThrownBy(() -> new KeeperBenchmark.Options(List.of(1), 0, 0, 1, dir, false)).hasMessageContaining("--blocks");
    }
}
