package dev.ballast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A small `ballast bench paper`: every figure is measured and printed. */
class PaperBenchmarkTest {

    @Test
    void aSmallRunMeasuresLatencyForkDifferencesAndJournalGrowth() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PaperBenchmark.Figures f = PaperBenchmark.run(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new PaperBenchmark.Options(List.of(1, 5), 3, 120, 11));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(f.latencies()).extracting(PaperBenchmark.HeadToDecision::vaults).containsExactly(1, 5);
        assertThat(f.latencies()).allSatisfy(l -> {
            assertThat(l.blocks()).isGreaterThanOrEqualTo(3);
            assertThat(l.p50Millis()).isPositive().isLessThanOrEqualTo(l.p99Millis());
        });
        assertThat(f.fork().blocks()).isGreaterThanOrEqualTo(120);
        assertThat(f.fork().rebalances()).isPositive();
        assertThat(f.fork().legs()).isGreaterThanOrEqualTo(f.fork().rebalances());
        assertThat(f.fork().meanGasUsed()).isGreaterThan(100_000);
        assertThat(f.fork().maxAbsDiffBps()).isGreaterThanOrEqualTo(f.fork().meanAbsDiffBps()).isLessThan(50);
        assertThat(f.fork().rowsPerRebalance()).isGreaterThan(1); // the rebalance row and one per leg
        assertThat(f.fork().fileBytes()).isPositive();
        assertThat(out).contains("paper head -> decision,    1 vault(s)").contains("quoted vs forked fill over")
                .contains("journal growth:");
    }
}
