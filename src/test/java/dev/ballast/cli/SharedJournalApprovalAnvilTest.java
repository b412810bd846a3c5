package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.approval.ApprovalJournal;
import dev.ballast.approval.Proposal;
import dev.ballast.approval.ProposalStatus;
import dev.ballast.keeper.Keeper;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 §2 with several keepers: {@code mode: propose} on a shared PostgreSQL journal. The keeper's proposal is seen
 * from another connection pool (another machine), and {@code approve} sends only under the vault's lease: refused for a
 * signer that is not one of the running keepers, sent (with the lease's fencing token on its intent) for the keeper's
 * own signer.
 */
@ExtendWith(AnvilExtension.class)
class SharedJournalApprovalAnvilTest {
    private final AnvilChain chain;
    @TempDir
    Path dir;
    private SharedJournalFixture shared;

    SharedJournalApprovalAnvilTest(AnvilChain chain) {
        this.chain = chain;
    }

    @BeforeEach
    void deploy() throws Exception {
        shared = SharedJournalFixture.deploy(chain, dir, "approvals");
    }

    @AfterEach
    void restoreEnvironment() {
        shared.close();
    }

    @Test
    void aProposalOnTheSharedJournalIsApprovedOnlyUnderTheVaultsLease() throws Exception {
        ApprovalScenario s = shared.scenario("");
        s.shockWeth();
        Keeper.Outcome proposed = s.keeperBlock(); // the keeper (signer 1) heartbeats, takes the lease, proposes
        assertThat(proposed.kind()).as(proposed.message()).isEqualTo(Keeper.Outcome.Kind.PROPOSED);

        try (ApprovalJournal elsewhere = ApprovalJournal.open(shared.journal, Clock.systemUTC())) {
            assertThat(elsewhere.withStatus(ProposalStatus.OPEN)).singleElement()
                    .satisfies(p -> assertThat(p.vaultName()).isEqualTo("demo"));
        }
        CliRun listed = CliRun.run("proposals", "-c", s.config.toString());
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out()).containsPattern("(?m)^1\\s+demo\\s+\\d+\\s+OPEN");

        Path other = shared.otherSigner(s.config);
        CliRun refused = CliRun.run("approve", "1", "-c", other.toString());
        assertThat(refused.exit()).as(refused.out() + refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("are running on journal").contains("holds the vault's lease");
        assertThat(s.rebalancedEvents()).isZero();

        CliRun approved = CliRun.run("approve", "1", "-c", s.config.toString());
        assertThat(approved.exit()).as(approved.out() + approved.err()).isZero();
        assertThat(s.rebalancedEvents()).isEqualTo(1);
        try (ApprovalJournal aj = s.journal()) {
            Proposal p = aj.proposal(1).orElseThrow();
            assertThat(p.status()).isEqualTo(ProposalStatus.EXECUTED);
            assertThat(shared.leaseToken(p.txHash())).as("the intent was fenced by the vault's lease").isPositive();
        }
    }
}
