package dev.ballast.paper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.bench.PaperMarket;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * Paper trading against the demo's moving market on Anvil: the feeds walk, the arbitrage bot carries them into the
 * pool, and a virtual vault that exists nowhere on chain follows every block through the real router and venue.
 */
class PaperAnvilTest {
    private static final BigInteger BAND = BigInteger.TEN.pow(16).multiply(BigInteger.valueOf(3)); // 3%
    private static PaperMarket market;
    private static Web3j web3j;

    @BeforeAll
    static void start() throws Exception {
        market = PaperMarket.start(11, 0.04, 600);
        web3j = Web3j.build(new HttpService(market.rpcUrl()));
    }

    @AfterAll
    static void stop() {
        if (web3j != null) web3j.shutdown();
        if (market != null) market.close();
    }

    @Test
    void aPaperVaultFollowsTheMovingMarketRebalancesOnRealQuotesAndEndsInsideItsBand(@TempDir Path dir) throws Exception {
        PaperConfig config = market.config(dir.resolve("journal.db"), 1, BAND);
        String snapshot = market.rpc().snapshot();
        try (PaperLedger ledger = PaperLedger.open(config.journal())) {
            PaperChain chain = new PaperChain(web3j);
            PaperRunner runner = new PaperRunner(new PaperEngine(config, chain, ledger, null), chain, 256);
            List<PaperEngine.Outcome> outcomes = new ArrayList<>();
            runner.catchUp().forEach(t -> outcomes.addAll(t.outcomes()));
            for (int step = 0; step < 30; step++) {
                market.step();
                runner.catchUp().forEach(t -> outcomes.addAll(t.outcomes()));
            }
            // quiet blocks after the market stops: the vault gets its chance to rebalance what the last moves did
            for (int step = 0; step < 4; step++) {
                market.idle();
                runner.catchUp().forEach(t -> outcomes.addAll(t.outcomes()));
            }
            List<PaperRows.RebalanceRow> rebalances = ledger.rebalances("paper-0");
            List<PaperRows.RebalanceRow> filled = rebalances.stream().filter(r -> r.status().equals("FILLED")).toList();
            assertThat(filled).as("rebalances: %s", rebalances).isNotEmpty();
            for (PaperRows.RebalanceRow r : filled) {
                assertThat(r.driftAfter()).as(r.reason()).isLessThan(r.driftBefore());
                assertThat(r.gasUnits()).isEqualTo(400_000 + 150_000L * r.legs());
                assertThat(r.gasValue()).isPositive();
                assertThat(r.tradedValue()).isPositive();
            }
            List<PaperRows.Observation> seen = ledger.observations("paper-0");
            assertThat(seen.getLast().block()).isEqualTo(market.head());
            assertThat(seen.getLast().maxDrift()).as("final drift").isLessThanOrEqualTo(0.03);
            assertThat(seen.stream().mapToDouble(PaperRows.Observation::maxDrift).max().orElseThrow())
                    .as("the market pushed the vault out of its band at some block").isGreaterThan(0.03);
            // every block from the start to the head was observed or explained as a gap
            long start = seen.getFirst().block();
            long unpriced = ledger.gaps("paper-0").stream().mapToLong(g -> g.toBlock() - g.fromBlock() + 1).sum();
            assertThat(seen.size() + unpriced).isEqualTo(market.head() - start + 1);
        } finally {
            market.rpc().revert(snapshot);
        }
    }

    @Test
    void aRestartResumesFromTheLastCommittedBlockWithTheSameHoldings(@TempDir Path dir) throws Exception {
        PaperConfig config = market.config(dir.resolve("journal.db"), 2, BAND);
        String snapshot = market.rpc().snapshot();
        try {
            PaperRows.VaultRow before;
            try (PaperLedger ledger = PaperLedger.open(config.journal())) {
                PaperChain chain = new PaperChain(web3j);
                PaperRunner runner = new PaperRunner(new PaperEngine(config, chain, ledger, null), chain, 256);
                runner.catchUp();
                for (int step = 0; step < 12; step++) {
                    market.step();
                    runner.catchUp();
                }
                before = ledger.vault("paper-1").orElseThrow();
            }
            long stoppedAt = market.head();
            market.step(); // blocks mined while the paper run is down
            market.step();
            try (PaperLedger ledger = PaperLedger.open(config.journal())) {
                assertThat(ledger.vault("paper-1")).contains(before);
                PaperChain chain = new PaperChain(web3j);
                List<PaperEngine.Tick> ticks = new PaperRunner(new PaperEngine(config, chain, ledger, null), chain, 256).catchUp();
                assertThat(ticks.getFirst().block()).isEqualTo(stoppedAt + 1);
                assertThat(ticks.getLast().block()).isEqualTo(market.head());
                assertThat(ledger.gaps("paper-1")).allSatisfy(g -> assertThat(g.reason()).startsWith("unpriced"));
                List<Long> blocks = ledger.observations("paper-1").stream().map(PaperRows.Observation::block).toList();
                assertThat(blocks).doesNotHaveDuplicates().isSorted();
                assertThat(ledger.vault("paper-1").orElseThrow().startBlock()).isEqualTo(before.startBlock());
            }
        } finally {
            market.rpc().revert(snapshot);
        }
    }

    @Test
    void blocksMissedBeyondTheCatchUpLimitAreRecordedAsAGapNotSkippedSilently(@TempDir Path dir) throws Exception {
        PaperConfig config = market.config(dir.resolve("journal.db"), 1, BAND);
        String snapshot = market.rpc().snapshot();
        try (PaperLedger ledger = PaperLedger.open(config.journal())) {
            PaperChain chain = new PaperChain(web3j);
            new PaperRunner(new PaperEngine(config, chain, ledger, null), chain, 3).catchUp();
            long stoppedAt = market.head();
            for (int i = 0; i < 10; i++) market.idle();
            long head = market.head();
            List<PaperEngine.Tick> ticks = new PaperRunner(new PaperEngine(config, chain, ledger, null), chain, 3).catchUp();
            assertThat(ticks).extracting(PaperEngine.Tick::block).containsExactly(head - 2, head - 1, head);
            assertThat(ledger.gaps("paper-0")).singleElement().satisfies(g -> {
                assertThat(g.fromBlock()).isEqualTo(stoppedAt + 1);
                assertThat(g.toBlock()).isEqualTo(head - 3);
                assertThat(g.reason()).contains("more than maxCatchUpBlocks 3");
            });
        } finally {
            market.rpc().revert(snapshot);
        }
    }
}
