package dev.ballast.journal;

import static dev.ballast.journal.JournalFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Batch attempts and their members (migration V6) on each engine: one transaction, many vaults. */
@ParameterizedClass
@EnumSource(JournalEngine.class)
class BatchJournalTest {
    private static final String BATCH = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";
    private static final String THIRD = "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9";
    @Parameter
    JournalEngine engine;
    @TempDir
    Path dir;
    private JournalTarget target;
    private Journal journal;

    @BeforeEach
    void open() {
        target = engine.newTarget(dir);
        journal = Journal.open(target, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        journal.close();
    }

    @Test
    void aMemberVaultIsPendingUntilItsBatchIsMinedAndAReplacementKeepsItsMembers() {
        long a = journal.recordDecision(VAULT, 10, "{}", "REBALANCE", "drift");
        long b = journal.recordDecision(OTHER_VAULT, 10, "{}", "REBALANCE", "drift");
        journal.batches().recordIntent(intent(null, BATCH, 0, 1, 30),
                List.of(new BatchJournal.Member(VAULT, a), new BatchJournal.Member(OTHER_VAULT, b)), List.of());
        assertThat(journal.hasUnresolved(VAULT)).as("a member of an INTENT batch").isTrue();
        assertThat(journal.hasUnresolved(OTHER_VAULT.toUpperCase(Locale.ROOT).replace("0X", "0x"))).isTrue();
        assertThat(journal.hasUnresolved(THIRD)).isFalse();

        journal.markSent(hash(1));
        journal.recordReplacement(hash(1), intent(null, BATCH, 0, 2, 40));
        assertThat(journal.batches().members(hash(2))).as("the replacement carries out the same decisions")
                .extracting(BatchJournal.Member::vault, BatchJournal.Member::decisionId)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(VAULT.toLowerCase(Locale.ROOT), a),
                        org.assertj.core.groups.Tuple.tuple(OTHER_VAULT.toLowerCase(Locale.ROOT), b));
        journal.markSent(hash(2));
        assertThat(journal.hasUnresolved(VAULT)).isTrue();

        journal.recordReceipt(hash(2), receipt(12, true));
        journal.batches().recordResults(hash(2), Map.of(OTHER_VAULT, "0xdeadbeef"), List.of(VAULT));
        assertThat(journal.hasUnresolved(VAULT)).as("mined: decided afresh").isFalse();
        assertThat(journal.hasUnresolved(OTHER_VAULT)).isFalse();
        assertThat(journal.attempt(hash(1)).orElseThrow().status()).isEqualTo(AttemptStatus.DROPPED);
        assertThat(journal.batches().members(hash(2))).extracting(BatchJournal.Member::outcome, BatchJournal.Member::reason)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(BatchJournal.REBALANCED, null),
                        org.assertj.core.groups.Tuple.tuple(BatchJournal.REFUSED, "0xdeadbeef"));
        assertThat(journal.batches().members(hash(99))).as("a lone transaction has no members").isEmpty();
    }

    @Test
    void aDroppedBatchFreesItsMembersAndTheyPersistAcrossReopen() {
        long a = journal.recordDecision(VAULT, 10, "{}", "REBALANCE", "drift");
        journal.batches().recordIntent(intent(null, BATCH, 3, 5, 30), List.of(new BatchJournal.Member(VAULT, a)), List.of());
        journal.close();
        journal = Journal.open(target, Clock.systemUTC());
        assertThat(journal.pendingNonces()).singleElement().satisfies(p -> assertThat(p.vault()).isEqualTo(BATCH));
        assertThat(journal.hasUnresolved(VAULT)).as("after a restart the member is still pending").isTrue();
        journal.markDropped(hash(5), "nonce used elsewhere");
        assertThat(journal.hasUnresolved(VAULT)).isFalse();
        assertThat(journal.batches().members(hash(5))).singleElement().extracting(BatchJournal.Member::decisionId).isEqualTo(a);
    }

    @Test
    void everyMembersLeaseIsCheckedInTheIntentsTransactionAndALostOneIsLeftOutBeforeSigning() throws Exception {
        String k1 = VAULT.toLowerCase(Locale.ROOT);
        String k2 = OTHER_VAULT.toLowerCase(Locale.ROOT);
        Map<String, Fence> held = journal.leases().renew("keeper-a", List.of(k1), List.of(), Duration.ofMinutes(5));
        Map<String, Fence> brief = journal.leases().renew("keeper-a", List.of(k2), List.of(), Duration.ofMillis(300));
        Thread.sleep(500); // keeper-a froze past the lease on the second vault
        try (Journal other = Journal.open(target, Clock.systemUTC())) {
            assertThat(other.leases().renew("keeper-b", List.of(k2), List.of(), Duration.ofMinutes(5))).containsKey(k2);
        }
        List<Fence> both = List.of(held.get(k1), brief.get(k2));

        assertThat(journal.batches().stillHeld(both)).as("the lost member is left out before signing")
                .containsExactly(held.get(k1));
        long a = journal.recordDecision(VAULT, 10, "{}", "REBALANCE", "drift");
        long b = journal.recordDecision(OTHER_VAULT, 10, "{}", "REBALANCE", "drift");
        assertThatThrownBy(() -> journal.batches().recordIntent(intent(null, BATCH, 0, 7, 30),
                List.of(new BatchJournal.Member(VAULT, a), new BatchJournal.Member(OTHER_VAULT, b)), both))
                .isInstanceOf(LeaseLostException.class).hasMessageContaining("keeper-b");
        assertThat(journal.pendingTransactions()).as("nothing journaled, so nothing may be sent").isEmpty();
        assertThat(journal.batches().members(hash(7))).isEmpty();

        journal.batches().recordIntent(intent(null, BATCH, 0, 8, 30), List.of(new BatchJournal.Member(VAULT, a)),
                List.of(held.get(k1)));
        assertThat(journal.hasUnresolved(VAULT)).isTrue();
        assertThat(journal.hasUnresolved(OTHER_VAULT)).isFalse();
    }

    @Test
    void retentionKeepsTheDecisionsABatchCarriedOut() {
        long a = journal.recordDecision(VAULT, 10, "{}", "HOLD", "a member's decision journaled under a quiet kind");
        journal.batches().recordIntent(intent(null, BATCH, 0, 9, 30), List.of(new BatchJournal.Member(VAULT, a)), List.of());
        journal.recordDecision(VAULT, 11, "{}", "HOLD", "quiet");
        int deleted = journal.pruneQuietDecisions(java.util.Set.of("HOLD"), System.currentTimeMillis() + 60_000, 100);
        assertThat(deleted).isEqualTo(1);
        assertThat(journal.recentDecisions(10)).extracting(Decision::id).containsExactly(a);
    }
}
