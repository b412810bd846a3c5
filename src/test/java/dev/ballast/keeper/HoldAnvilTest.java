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
import java.util.Optional;
import dev.ballast.journal.JournalEngine;
import dev.ballast.journal.JournalTarget;
import dev.ballast.journal.SharedJournal;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 §2 manual override: a running keeper (head watcher, real blocks) reads the operators' holds every block; a
 * held vault out of its band is not rebalanced, and is as soon as the hold is released. On PostgreSQL the operator's
 * hold and release go through another connection pool than the keeper's (another machine on the shared journal), and
 * the keeper holds the vault's lease.
 */
@ExtendWith(AnvilExtension.class)
@ParameterizedClass
@EnumSource(JournalEngine.class)
class HoldAnvilTest {
    private final AnvilChain chain;
    @TempDir
    Path dir;
    @Parameter
    JournalEngine engine;

    HoldAnvilTest(AnvilChain chain) {
        this.chain = chain;
    }

    @Test
    void aHeldVaultOutOfItsBandIsNotRebalancedUntilReleased() throws Exception {
        KeeperFixture f = KeeperFixture.deploy(chain.web3j(), chain.rpc(), chain.rpcUrl());
        JournalTarget journal = engine.newTarget(dir);
        String vault = f.stack.vault().getContractAddress();
        try (ApprovalJournal operator = ApprovalJournal.open(journal, Clock.systemUTC())) {
            operator.hold(vault, "OS user alice", "oracle migration");
        }
        f.shockWeth("4800");
        KeeperFixture.Outcomes outcomes = new KeeperFixture.Outcomes();
        KeeperRuntime.Settings s = journal instanceof JournalTarget.Postgres shared
                ? f.settings(dir.resolve("unused.db")).withSharedJournal(Optional.of(new SharedJournal(shared, Duration.ofSeconds(30))))
                : f.settings(((JournalTarget.Sqlite) journal).file());
        try (KeeperRuntime runtime = KeeperRuntime.create(s, outcomes, false, (web3j, opened) -> new ProposalDesk(
                ApprovalJournal.on(opened), Map.of(), ApprovalConfig.Rules.DEFAULTS, web3j, s.signer(), 31337,
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

            try (ApprovalJournal operator = ApprovalJournal.open(journal, Clock.systemUTC())) {
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
