package dev.ballast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CI-sized soak: half a minute of 1 s blocks, market, chain faults and a fault-injecting proxy spoiling 5% of the
 * keeper's JSON-RPC requests, with a retention short enough to prune.
 */
class SoakBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void aShortSoakHasNoDuplicateAndKeepsTheJournalPruned() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(text, true, StandardCharsets.UTF_8);
        SoakBenchmark.Result r = SoakBenchmark.run(print, new SoakBenchmark.Options(Duration.ofSeconds(30), 11,
                Optional.of(Duration.ofSeconds(5)), dir, SoakBenchmark.RpcStage.faulty(0.05, print)));
        String out = text.toString(StandardCharsets.UTF_8);
        assertThat(r.duplicates()).as(out).isZero();
        assertThat(r.rebalancedEvents()).as("journal and chain agree").isEqualTo((int) r.tradedDecisions());
        assertThat(r.decisions()).as("about one decision per 1 s block").isGreaterThan(15);
        assertThat(r.journalRows()).as("quiet decisions older than 5 s were pruned while it ran")
                .isLessThan(r.decisions() - 5);
        assertThat(r.rss()).hasSizeGreaterThanOrEqualTo(2).allSatisfy(s -> assertThat(s.rssBytes()).isPositive());
        assertThat(out).contains("duplicates:").contains("RSS over time");
        assertThat(out).as("the proxy really spoiled requests").containsPattern("rpc faults injected: \\{[A-Z_0-9]+=[1-9]");
    }
}
