package dev.ballast.paper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.bench.PaperMarket;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * {@code --verify-on-fork} against a forked Anvil of a local Anvil: each paper rebalance is replayed through a real
 * RebalancingVault deployed on {@code anvil --fork-url <local> --fork-block-number N}, and the ledger keeps the real
 * gasUsed and each leg's forked output beside its quote.
 */
class ForkVerifyAnvilTest {

    @Test
    void everyPaperFillIsReplayedOnAForkWithRealGasAndOutputs(@TempDir Path dir) throws Exception {
        try (PaperMarket market = PaperMarket.start(11, 0.04, 600)) {
            Web3j web3j = Web3j.build(new HttpService(market.rpcUrl()));
            PaperConfig config = market.config(dir.resolve("journal.db"), 1, BigInteger.TEN.pow(16).multiply(BigInteger.valueOf(3)));
            try (PaperLedger ledger = PaperLedger.open(config.journal())) {
                PaperChain chain = new PaperChain(web3j);
                PaperRunner runner = new PaperRunner(new PaperEngine(config, chain, ledger, new ForkVerifier(market.rpcUrl())), chain, 256);
                runner.catchUp();
                for (int step = 0; step < 30 && filled(ledger).size() < 2; step++) {
                    market.step();
                    runner.catchUp();
                }
                List<PaperRows.RebalanceRow> filled = filled(ledger);
                assertThat(filled).isNotEmpty();
                for (PaperRows.RebalanceRow r : filled) {
                    assertThat(r.forkStatus()).as(r.reason()).isEqualTo("MINED");
                    // the real vault's rebalance: guards, oracle reads and swaps cost far more than a transfer
                    assertThat(r.forkGasUsed()).isBetween(100_000L, 3_000_000L);
                    assertThat(r.forkDiffBps()).isNotNull();
                }
                List<Double> diffs = ledger.forkDiffsBps("paper-0");
                assertThat(diffs).hasSizeGreaterThanOrEqualTo(filled.size());
                // legs are quoted one by one on the block's pool; on the fork they run in order on one pool, so they
                // differ by what the earlier legs moved, which is small against a $20M pool
                assertThat(diffs).allSatisfy(d -> assertThat(Math.abs(d)).isLessThan(50));
            } finally {
                web3j.shutdown();
            }
        }
    }

    private static List<PaperRows.RebalanceRow> filled(PaperLedger ledger) {
        return ledger.rebalances("paper-0").stream().filter(r -> r.status().equals("FILLED")).toList();
    }
}
