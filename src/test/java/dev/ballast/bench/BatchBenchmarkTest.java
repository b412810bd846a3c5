package dev.ballast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch benchmark's code path, small: 12 vaults over 2 pools on their own Anvil (one of them the lone reference), batches of 5, no baseline. Checks
 * the figures are consistent with what must have happened on chain; it times nothing.
 */
class BatchBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void batchesRebalanceEveryDueVaultAndReportPerVault() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        BatchBenchmark.Figures f = BatchBenchmark.run(new PrintStream(text, true, StandardCharsets.UTF_8),
                new BatchBenchmark.Options(12, 2, 5, dir, false));

        BatchBenchmark.Batched b = f.batched();
        assertThat(b.planned()).as("a shock makes every vault due; vault 0 is the lone reference").isEqualTo(11);
        assertThat(b.batches()).as("5 and 6 vaults a pool in batches of at most 5").isEqualTo(3);
        assertThat(b.rebalanced() + b.refusedSimulated() + b.refusedOnChain()).isEqualTo(b.planned());
        assertThat(b.rebalanced()).as("deep pools: the guards allow every vault").isEqualTo(11);
        assertThat(b.blocks()).isBetween(1, 3);
        assertThat(b.gasPerVault()).as("a vault's share of a batch is cheaper than a lone rebalance")
                .isPositive().isLessThan(b.loneGas());
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("head -> last broadcast", "gas per vault (receipts), one direction");
    }
}
