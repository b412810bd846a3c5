package dev.ballast.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.approval.ApprovalJournal;
import dev.ballast.approval.ProposalDesk;
import dev.ballast.config.ApprovalConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 §2 manual override: a running keeper (head watcher, real blocks) reads the operators' holds every block; a
 * held vault out of its band is not rebalanced, and is as soon as the hold is released.
 */
@ExtendWith(AnvilExtension.class)
class HoldAnvilTest {
    private final AnvilChain chain;
    @TempDir
    Path dir;

    HoldAnvilTest(AnvilChain chain) {
        this.chain = chain;
    }

    @Test
    void aHeldVaultOutOfItsBandIsNotRebalancedUntilReleased() throws Exception {
        KeeperFixture f = KeeperFixture.deploy(chain.web3j(), chain.rpc(), chain.rpcUrl());
        Path journal = dir.resolve("journal.db");
        String vault = f.stack.vault().getContractAddress();
        try (ApprovalJournal operator = ApprovalJournal.open(journal)) {
            operator.hold(vault, "OS user alice", "oracle migration");
        }
        f.shockWeth("4800");
        KeeperFixture.Outcomes outcomes = new KeeperFixture.Outcomes();
        KeeperRuntime.Settings s = f.settings(journal);
        try (KeeperRuntime runtime = KeeperRuntime.create(s, outcomes, false, web3j -> new ProposalDesk(
                ApprovalJournal.open(journal), Map.of(), ApprovalConfig.Rules.DEFAULTS, web3j, s.signer(), 31337,
                Clock.systemUTC()))) {
            runtime.start();
            long heldOutcomes = 0;
            for (int i = 0; i < 40 && heldOutcomes < 4; i++) {
                chain.rpc().mine(1);
                Thread.sleep(250);
                heldOutcomes = outcomes.seen.stream().filter(o -> o.message().contains("on hold")).count();
            }
            assertThat(heldOutcomes).as("blocks the running keeper saw the hold at").isGreaterThanOrEqualTo(4);
            assertThat(outcomes.seen.stream().filter(o -> o.message().contains("on hold")).findFirst().orElseThrow().message())
                    .contains("held by OS user alice").contains("oracle migration");
            assertThat(f.rebalancedEvents()).as("held: not rebalanced although out of its band").isZero();
            assertThat(outcomes.any(o -> o.kind() == Keeper.Outcome.Kind.SENT)).isFalse();

            try (ApprovalJournal operator = ApprovalJournal.open(journal)) {
                assertThat(operator.release(vault, "OS user bob", "migration done")).isTrue();
                assertThat(operator.holdHistory(vault)).containsExactly("HOLD by OS user alice: oracle migration",
                        "RELEASE by OS user bob: migration done");
            }
            KeeperFixture.await("a rebalance after the release", Duration.ofSeconds(60), () -> {
                chain.rpc().mine(1);
                return f.rebalancedEvents() > 0;
            });
        }
    }
}
