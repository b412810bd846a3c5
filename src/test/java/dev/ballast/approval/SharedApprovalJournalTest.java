package dev.ballast.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.journal.Journal;
import dev.ballast.journal.JournalEngine;
import dev.ballast.journal.JournalException;
import dev.ballast.journal.JournalTarget;
import dev.ballast.policy.Leg;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proposals, signatures and holds in the journal's own database (V4 migration), on each engine: what the keeper
 * journals through its journal's pool, an operator's command on another connection pool (another process, on
 * PostgreSQL another machine) lists, approves and rejects, and a hold it sets is what the keeper reads.
 */
@ParameterizedClass
@EnumSource(JournalEngine.class)
class SharedApprovalJournalTest {
    private static final String VAULT_A = "0x" + "a".repeat(40);
    private static final String VAULT_B = "0x" + "b".repeat(40);
    @Parameter
    JournalEngine engine;
    @TempDir
    Path dir;
    private JournalTarget target;
    private Journal keeperJournal;
    private ApprovalJournal keeper;
    private ApprovalJournal operator;

    @BeforeEach
    void open() {
        target = engine.newTarget(dir);
        keeperJournal = Journal.open(target, Clock.systemUTC());
        keeper = ApprovalJournal.on(keeperJournal); // the running keeper's journal, as `ballast run` builds it
        operator = ApprovalJournal.open(target, Clock.systemUTC()); // `ballast proposals/approve/reject/hold` elsewhere
    }

    @AfterEach
    void close() {
        operator.close();
        keeper.close();
        keeperJournal.close();
    }

    @Test
    void theApprovalTablesAreMigratedAsVersionFourAndThePaperTablesAsFive() {
        assertThat(Integer.parseInt(keeperJournal.schemaVersion())).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aProposalJournaledByTheKeeperIsListedApprovedAndRejectedThroughAnotherConnection() {
        long a = keeper.propose(proposal(VAULT_A));
        long b = keeper.propose(proposal(VAULT_B));

        assertThat(operator.withStatus(ProposalStatus.OPEN)).extracting(Proposal::id).containsExactly(a, b);
        Proposal listed = operator.proposal(a).orElseThrow();
        assertThat(listed.legs()).isEqualTo(proposal(VAULT_A).legs());
        assertThat(listed.expectedOut()).containsExactly(BigInteger.valueOf(990));

        // approve claims it (OPEN -> SENT) once; a second approver anywhere finds it no longer OPEN
        assertThat(operator.transition(a, ProposalStatus.OPEN, ProposalStatus.SENT, "approved", "alice", null)).isTrue();
        assertThat(keeper.transition(a, ProposalStatus.OPEN, ProposalStatus.SENT, "approved", "bob", null)).isFalse();
        assertThat(keeper.openProposal(VAULT_A)).as("the keeper sees the claim at its next block").isEmpty();
        assertThat(operator.transition(b, ProposalStatus.OPEN, ProposalStatus.REJECTED, "not now", "carol", null)).isTrue();
        assertThat(keeper.proposal(b).orElseThrow().statusBy()).isEqualTo("carol");
        assertThat(keeper.withStatus(ProposalStatus.OPEN)).isEmpty();
    }

    @Test
    void oneOpenProposalPerVaultIsEnforcedByTheDatabaseAcrossConnections() {
        keeper.propose(proposal(VAULT_A));
        assertThatThrownBy(() -> operator.propose(proposal(VAULT_A))).isInstanceOf(JournalException.class);
        assertThat(operator.withStatus(ProposalStatus.OPEN)).hasSize(1);
    }

    @Test
    void signaturesStoredFromOneConnectionAreReadFromTheOtherAndASecondOneByTheSameOwnerReplacesTheFirst() {
        long id = keeper.propose(proposal(VAULT_A));
        operator.addSignature(id, "0xOwner1", "0x11");
        keeper.addSignature(id, "0xOwner2", "0x22");
        operator.addSignature(id, "0xOWNER1", "0x33");
        assertThat(keeper.signatures(id)).containsOnlyKeys("0xowner1", "0xowner2").containsEntry("0xowner1", "0x33");
    }

    @Test
    void aHoldSetThroughOneConnectionIsWhatTheKeeperReadsAndItsReleaseIsJournaledWithWhoAndWhy() {
        operator.hold(VAULT_A, "OS user alice", "oracle migration");
        assertThat(keeper.holds()).containsOnlyKeys(VAULT_A);
        assertThat(keeper.holds().get(VAULT_A).heldBy()).isEqualTo("OS user alice");
        operator.hold(VAULT_A, "OS user dave", "still migrating");
        assertThat(keeper.holds().get(VAULT_A).reason()).as("a second hold replaces the first's who/why")
                .isEqualTo("still migrating");

        assertThat(keeper.release(VAULT_A, "OS user bob", "done")).isTrue();
        assertThat(operator.release(VAULT_A, "OS user bob", "again")).as("not held any more").isFalse();
        assertThat(operator.holds()).isEmpty();
        assertThat(operator.holdHistory(VAULT_A)).containsExactly("HOLD by OS user alice: oracle migration",
                "HOLD by OS user dave: still migrating", "RELEASE by OS user bob: done");
    }

    private static Proposal proposal(String vault) {
        return new Proposal(0, vault, "v", 100, List.of(new Leg(0, "0x" + "1".repeat(40), 1,
                "0x" + "2".repeat(40), 5_000, BigInteger.valueOf(1_000), 4_900, BigInteger.valueOf(900), 1, 1)), "0xabcdef", List.of(BigInteger.valueOf(990)),
                List.of(BigInteger.valueOf(1_000)), BigInteger.valueOf(500_000), 1_000, Instant.now().plusSeconds(3600),
                Optional.empty(), ProposalStatus.OPEN, null, null, null, Instant.now());
    }
}
