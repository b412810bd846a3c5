package dev.ballast.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.journal.Decision;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running keeper (head watcher and all) while Anvil mines blocks faster than the keeper handles them: it decides
 * from the newest head only, never from the queued older heads that still show the vault before its own trade.
 */
@ExtendWith(AnvilExtension.class)
class HeadCoalescingAnvilTest {
    private final AnvilChain chain;
    @TempDir
    Path dir;

    HeadCoalescingAnvilTest(AnvilChain chain) {
        this.chain = chain;
    }

    @Test
    void blocksMinedWhileTheKeeperIsBusyAreNotDecidedOneByOne() throws Exception {
        KeeperFixture f = KeeperFixture.deploy(chain.web3j(), chain.rpc(), chain.rpcUrl());
        f.shockWeth("4800");
        long decidedAt = f.blockNumber();
        int queued = 6;
        AtomicLong mined = new AtomicLong(-1);
        KeeperFixture.Outcomes outcomes = new KeeperFixture.Outcomes() {
            @Override
            public void decided(Keeper.Outcome outcome) {
                super.decided(outcome);
                if (outcome.kind() == Keeper.Outcome.Kind.SENT && mined.get() < 0) {
                    // the keeper is busy with its rebalance while the chain moves on: empty blocks before its trade
                    chain.rpc().mine(queued);
                    mined.set(queued);
                }
            }
        };
        try (KeeperRuntime runtime = KeeperRuntime.create(f.settings(dir.resolve("journal.db")), outcomes)) {
            runtime.start();
            KeeperFixture.await("the rebalance and a decision after it", Duration.ofSeconds(60), () ->
                    outcomes.any(o -> o.kind() == Keeper.Outcome.Kind.REBALANCED)
                            && outcomes.any(o -> o.block() > decidedAt + queued));
            chain.rpc().mine(1); // one more head: a keeper replaying old blocks would still be deciding them
            long last = f.blockNumber();
            KeeperFixture.await("the newest head decided", Duration.ofSeconds(30), () -> outcomes.any(o -> o.block() == last));
            Thread.sleep(500);

            List<Long> decidedBlocks = outcomes.seen.stream().map(Keeper.Outcome::block).distinct().toList();
            assertThat(decidedBlocks).as("blocks the keeper decided").doesNotContainAnyElementsOf(
                    java.util.stream.LongStream.rangeClosed(decidedAt + 1, decidedAt + queued).boxed().toList());
            assertThat(runtime.headsPassedOver()).as("queued heads passed over").isGreaterThanOrEqualTo(queued);
            List<Decision> journaled = runtime.journal().recentDecisions(1_000);
            assertThat(journaled.stream().filter(d -> d.decision().equals("REBALANCE")).count())
                    .as("rebalance decisions (a stale head would plan the trade again)").isEqualTo(1);
            assertThat(journaled.stream().filter(d -> d.decision().equals("SIMULATION_REVERTED")).toList())
                    .as("second rebalances simulated from stale heads").isEmpty();
            assertThat(f.rebalancedEvents()).isEqualTo(1);
            runtime.stop(Duration.ofSeconds(5));
        }
    }
}
