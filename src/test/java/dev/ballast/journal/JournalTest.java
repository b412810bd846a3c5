package dev.ballast.journal;

import static dev.ballast.journal.JournalFixtures.OTHER_VAULT;
import static dev.ballast.journal.JournalFixtures.SENDER;
import static dev.ballast.journal.JournalFixtures.VAULT;
import static dev.ballast.journal.JournalFixtures.hash;
import static dev.ballast.journal.JournalFixtures.intent;
import static dev.ballast.journal.JournalFixtures.receipt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The journal's protocol, run against each engine (a SQLite file, a PostgreSQL database). */
@ParameterizedClass
@EnumSource(JournalEngine.class)
class JournalTest {
    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
    @Parameter
    JournalEngine engine;
    @TempDir
    Path dir;
    private JournalTarget target;
    private Journal journal;

    @BeforeEach
    void open() {
        target = engine.newTarget(dir);
        journal = Journal.open(target, Clock.fixed(T0, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        journal.close();
    }

    private Journal reopen() {
        journal.close();
        journal = Journal.open(target, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));
        return journal;
    }

    @Test
    void decisionRoundTripAndOrdering() {
        long first = journal.recordDecision(VAULT, 100, "{\"weights\":[0.6,0.4]}", "HOLD", "drift 1% < band 5%");
        long second = journal.recordDecision(OTHER_VAULT, 101, "{}", "REFUSE", "SOURCES_DISAGREE");
        long third = journal.recordDecision(VAULT, 102, "{\"weights\":[0.7,0.3]}", "REBALANCE", "drift 10% > band 5%");
        assertThat(List.of(first, second, third)).isSorted().doesNotHaveDuplicates();

        List<Decision> recent = journal.recentDecisions(2);
        assertThat(recent).extracting(Decision::id).containsExactly(third, second);
        assertThat(recent.getFirst()).isEqualTo(new Decision(third, VAULT, 102, "{\"weights\":[0.7,0.3]}", "REBALANCE",
                "drift 10% > band 5%", T0));
        assertThat(journal.recentDecisions(10)).hasSize(3);
    }

    @Test
    void inTransactionCommitsAllOrNothingAndNamesTheFailedWork() {
        String insert = "INSERT INTO paper_gaps(vault, from_block, to_block, reason) VALUES ('v', 1, 2, 'test')";
        assertThatThrownBy(() -> journal.inTransaction("test write", c -> {
            try (var s = c.createStatement()) {
                s.executeUpdate(insert);
            }
            throw new IOException("the work failed after its insert");
        })).isInstanceOf(JournalException.class)
                .hasMessageStartingWith("test write failed (" + journal.target().display() + "): ")
                .hasMessageContaining("the work failed after its insert");
        assertThat(gaps()).as("rolled back").isZero();

        journal.inTransaction("test write", c -> {
            try (var s = c.createStatement()) {
                return s.executeUpdate(insert) + s.executeUpdate(insert);
            }
        });
        assertThat(gaps()).as("both rows committed").isEqualTo(2);
    }

    private long gaps() {
        return journal.inTransaction("test read", c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM paper_gaps")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void manyDecisionsInOneCommitKeepTheirOrder() {
        long before = journal.recordDecision(VAULT, 99, "{}", "HOLD", "first");
        journal.recordDecisions(List.of(new NewDecision(VAULT, 100, "{\"w\":1}", "HOLD", "drift 1% < band 5%"),
                new NewDecision(OTHER_VAULT, 100, "{}", "HOLD", "drift 2% < band 5%")));
        journal.recordDecisions(List.of());

        List<Decision> recent = journal.recentDecisions(10);
        assertThat(recent).hasSize(3);
        assertThat(recent.get(0)).isEqualTo(new Decision(recent.get(1).id() + 1, OTHER_VAULT, 100, "{}", "HOLD",
                "drift 2% < band 5%", T0));
        assertThat(recent.get(1)).isEqualTo(new Decision(before + 1, VAULT, 100, "{\"w\":1}", "HOLD", "drift 1% < band 5%", T0));
        assertThat(recent.get(2).id()).isEqualTo(before);
    }

    @Test
    void aFailingBatchJournalsNoneOfIt() {
        List<NewDecision> bad = new java.util.ArrayList<>();
        bad.add(new NewDecision(VAULT, 100, "{}", "HOLD", "fine"));
        bad.add(new NewDecision(null, 100, "{}", "HOLD", "no vault"));
        assertThatThrownBy(() -> journal.recordDecisions(bad)).isInstanceOf(JournalException.class);
        assertThat(journal.recentDecisions(10)).isEmpty();
    }

    @Test
    void intentThenSentThenMined() {
        long d = journal.recordDecision(VAULT, 100, "{}", "REBALANCE", "drift");
        long id = journal.recordIntent(intent(d, VAULT, 7, 1, 30));
        assertThat(journal.pendingTransactions()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(id);
            assertThat(a.status()).isEqualTo(AttemptStatus.INTENT);
            assertThat(a.nonce()).isEqualTo(7);
            assertThat(a.decisionId()).isEqualTo(d);
            assertThat(a.maxFeePerGas()).isEqualTo(new BigInteger("30000000000"));
            assertThat(a.maxPriorityFeePerGas()).isEqualTo(BigInteger.TWO.pow(70));
            assertThat(a.rawTx()).isEqualTo("0x02f80001");
            assertThat(a.replacesId()).isNull();
        });
        assertThat(journal.hasUnresolved(VAULT)).isTrue();
        assertThat(journal.hasUnresolved(OTHER_VAULT)).isFalse();

        journal.markSent(hash(1));
        assertThat(journal.attempt(hash(1)).orElseThrow().status()).isEqualTo(AttemptStatus.SENT);

        journal.recordReceipt(hash(1), receipt(105, true));
        assertThat(journal.pendingTransactions()).isEmpty();
        assertThat(journal.hasUnresolved(VAULT)).isFalse();
        assertThat(journal.attempt(hash(1)).orElseThrow().status()).isEqualTo(AttemptStatus.MINED);
        assertThat(journal.receipt(hash(1))).contains(receipt(105, true));
    }

    @Test
    void hashLookupIgnoresCase() {
        journal.recordIntent(intent(null, VAULT, 1, 0xabc, 30));
        assertThat(journal.attempt(hash(0xabc).toUpperCase().replace("0X", "0x"))).isPresent();
    }

    @Test
    void replacementLinksOldToNewAndTheMinedOneDropsTheOther() {
        long d = journal.recordDecision(VAULT, 100, "{}", "REBALANCE", "drift");
        long oldId = journal.recordIntent(intent(d, VAULT, 3, 1, 30));
        journal.markSent(hash(1));
        long newId = journal.recordReplacement(hash(1), intent(d, VAULT, 3, 2, 34));

        TxAttempt old = journal.attempt(hash(1)).orElseThrow();
        TxAttempt replacement = journal.attempt(hash(2)).orElseThrow();
        assertThat(old.status()).isEqualTo(AttemptStatus.REPLACED);
        assertThat(replacement.replacesId()).isEqualTo(oldId);
        assertThat(replacement.id()).isEqualTo(newId);
        assertThat(journal.pendingTransactions()).extracting(TxAttempt::txHash).containsExactly(hash(1), hash(2));
        assertThat(journal.pendingNonces()).singleElement().satisfies(p -> {
            assertThat(p.nonce()).isEqualTo(3);
            assertThat(p.newest().txHash()).isEqualTo(hash(2));
        });

        // the OLD one got mined after all: the replacement can never be, so it is dropped with it
        journal.recordReceipt(hash(1), receipt(110, true));
        assertThat(journal.attempt(hash(1)).orElseThrow().status()).isEqualTo(AttemptStatus.MINED);
        TxAttempt dropped = journal.attempt(hash(2)).orElseThrow();
        assertThat(dropped.status()).isEqualTo(AttemptStatus.DROPPED);
        assertThat(dropped.error()).isEqualTo("nonce used by " + hash(1));
        assertThat(journal.pendingNonces()).isEmpty();
    }

    @Test
    void aReorganisedReceiptReopensTheAttemptAndTheSiblingsItDropped() {
        long d = journal.recordDecision(VAULT, 100, "{}", "REBALANCE", "drift");
        journal.recordIntent(intent(d, VAULT, 3, 1, 30));
        journal.markSent(hash(1));
        journal.recordReplacement(hash(1), intent(d, VAULT, 3, 2, 34));
        journal.markSent(hash(2));
        journal.recordIntent(intent(d, OTHER_VAULT, 4, 3, 30));
        journal.markSent(hash(3));
        journal.recordReceipt(hash(2), receipt(110, true));
        journal.recordReceipt(hash(3), receipt(111, true));

        List<TxAttempt> reopened = journal.reopenReorged(List.of(receipt(110, true).blockHash().toUpperCase().replace("0X", "0x")));

        assertThat(reopened).extracting(TxAttempt::txHash).containsExactly(hash(2));
        assertThat(journal.attempt(hash(2)).orElseThrow().status()).isEqualTo(AttemptStatus.SENT);
        assertThat(journal.attempt(hash(1)).orElseThrow().status()).as("the original may be mined now").isEqualTo(AttemptStatus.REPLACED);
        assertThat(journal.attempt(hash(3)).orElseThrow().status()).as("other blocks untouched").isEqualTo(AttemptStatus.MINED);
        assertThat(journal.lastRebalance(VAULT)).isEmpty();
        assertThat(journal.hasUnresolved(VAULT)).isTrue();
        assertThat(journal.pendingNonces()).singleElement().satisfies(p -> assertThat(p.attempts()).hasSize(2));

        // the new branch mines the original after all: it settles like any receipt
        journal.recordReceipt(hash(1), receipt(112, true));
        assertThat(journal.lastRebalance(VAULT).orElseThrow().attempt().txHash()).isEqualTo(hash(1));
        assertThat(journal.attempt(hash(2)).orElseThrow().status()).isEqualTo(AttemptStatus.DROPPED);
        assertThat(journal.reopenReorged(List.of())).isEmpty();
    }

    @Test
    void replacementRules() {
        journal.recordIntent(intent(null, VAULT, 3, 1, 30));
        assertThatThrownBy(() -> journal.recordReplacement(hash(1), intent(null, VAULT, 4, 2, 34)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must reuse sender and nonce");
        assertThat(journal.attempt(hash(1)).orElseThrow().status()).as("rolled back").isEqualTo(AttemptStatus.INTENT);
        assertThat(journal.attempt(hash(2))).as("rolled back").isEmpty();

        journal.recordReceipt(hash(1), receipt(9, true));
        assertThatThrownBy(() -> journal.recordReplacement(hash(1), intent(null, VAULT, 3, 3, 34)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already MINED");
        assertThatThrownBy(() -> journal.recordReplacement(hash(99), intent(null, VAULT, 3, 4, 34)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no journaled attempt");
    }

    @Test
    void resolvedAttemptsAreFinal() {
        journal.recordIntent(intent(null, VAULT, 1, 1, 30));
        journal.markRejected(hash(1), "insufficient funds for gas * price + value");
        TxAttempt a = journal.attempt(hash(1)).orElseThrow();
        assertThat(a.status()).isEqualTo(AttemptStatus.REJECTED);
        assertThat(a.error()).contains("insufficient funds");
        assertThatThrownBy(() -> journal.markSent(hash(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already REJECTED");
        assertThatThrownBy(() -> journal.markDropped(hash(7), "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void duplicateHashIsRefused() {
        journal.recordIntent(intent(null, VAULT, 1, 1, 30));
        assertThatThrownBy(() -> journal.recordIntent(intent(null, VAULT, 1, 1, 30)))
                .isInstanceOf(JournalException.class).hasMessageContaining("tx_hash"); // the unique key, either engine
        assertThat(journal.pendingTransactions()).hasSize(1);
    }

    @Test
    void revertedIsNotARebalance() {
        long d = journal.recordDecision(VAULT, 100, "{}", "REBALANCE", "drift");
        journal.recordIntent(intent(d, VAULT, 1, 1, 30));
        journal.recordReceipt(hash(1), receipt(101, false));
        assertThat(journal.attempt(hash(1)).orElseThrow().status()).isEqualTo(AttemptStatus.REVERTED);
        assertThat(journal.lastRebalance(VAULT)).isEmpty();
    }

    @Test
    void lastRebalanceIsTheLatestMinedPerVault() {
        long d1 = journal.recordDecision(VAULT, 100, "{\"n\":1}", "REBALANCE", "first");
        journal.recordIntent(intent(d1, VAULT, 1, 1, 30));
        journal.recordReceipt(hash(1), receipt(101, true));
        long d2 = journal.recordDecision(VAULT, 200, "{\"n\":2}", "REBALANCE", "second");
        journal.recordIntent(intent(d2, VAULT, 2, 2, 30));
        journal.recordReceipt(hash(2), receipt(201, true));
        long d3 = journal.recordDecision(OTHER_VAULT, 300, "{}", "REBALANCE", "other vault");
        journal.recordIntent(intent(d3, OTHER_VAULT, 3, 3, 30));
        journal.recordReceipt(hash(3), receipt(301, true));
        long d4 = journal.recordDecision(VAULT, 400, "{}", "REBALANCE", "still pending");
        journal.recordIntent(intent(d4, VAULT, 4, 4, 30));

        Rebalance last = journal.lastRebalance(VAULT).orElseThrow();
        assertThat(last.decision().id()).isEqualTo(d2);
        assertThat(last.decision().reason()).isEqualTo("second");
        assertThat(last.attempt().txHash()).isEqualTo(hash(2));
        assertThat(last.receipt()).isEqualTo(receipt(201, true));
        assertThat(journal.lastRebalance(OTHER_VAULT).orElseThrow().decision().id()).isEqualTo(d3);
        assertThat(journal.lastRebalance("0x0000000000000000000000000000000000000001")).isEmpty();
    }

    @Test
    void everythingSurvivesReopen() {
        long d = journal.recordDecision(VAULT, 100, "{}", "REBALANCE", "drift");
        journal.recordIntent(intent(d, VAULT, 9, 1, 30));
        journal.markSent(hash(1));
        journal.recordReplacement(hash(1), intent(d, VAULT, 9, 2, 40));

        Journal again = reopen();
        assertThat(again.schemaVersion()).isEqualTo("6");
        assertThat(again.recentDecisions(5)).extracting(Decision::id).containsExactly(d);
        assertThat(again.pendingNonces()).singleElement().satisfies(p -> {
            assertThat(p.sender()).isEqualTo(SENDER);
            assertThat(p.attempts()).extracting(TxAttempt::status)
                    .containsExactly(AttemptStatus.REPLACED, AttemptStatus.INTENT);
            assertThat(p.newest().rawTx()).isEqualTo("0x02f80002");
        });
        long next = again.recordDecision(VAULT, 101, "{}", "HOLD", "waiting on nonce 9");
        assertThat(next).isGreaterThan(d);
        assertThat(again.recentDecisions(1).getFirst().recordedAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void timestampsComeFromTheClock() {
        journal.recordIntent(intent(null, VAULT, 1, 1, 30));
        TxAttempt a = journal.attempt(hash(1)).orElseThrow();
        assertThat(a.createdAt()).isEqualTo(T0);
        Journal later = reopen();
        later.markSent(hash(1));
        TxAttempt sent = later.attempt(hash(1)).orElseThrow();
        assertThat(Duration.between(sent.createdAt(), sent.updatedAt())).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aReceiptIsWithdrawnByHashAndItsDroppedSiblingsReopened() {
        journal.recordIntent(intent(null, VAULT, 4, 1, 30));
        journal.recordReplacement(hash(1), intent(null, VAULT, 4, 2, 34));
        journal.recordReceipt(hash(2), receipt(90, true));
        assertThat(journal.receiptsFrom(90)).extracting(Journal.JournaledReceipt::txHash).containsExactly(hash(2));
        assertThat(journal.receiptsFrom(91)).isEmpty();

        TxAttempt reopened = journal.withdrawReceipt(hash(2), "its block 90 is no longer canonical");
        assertThat(reopened.status()).isEqualTo(AttemptStatus.SENT);
        assertThat(reopened.error()).contains("no longer canonical");
        assertThat(journal.receipt(hash(2))).isEmpty();
        assertThat(journal.attempt(hash(1)).orElseThrow().status()).isEqualTo(AttemptStatus.REPLACED);
        assertThat(journal.attemptsAtNonce(SENDER.toLowerCase(), 4)).extracting(TxAttempt::txHash).containsExactly(hash(1), hash(2));
    }

    @Test
    void aRejectedAttemptIsReopenedForItsIdenticalBytesNotInsertedTwice() {
        journal.recordIntent(intent(null, VAULT, 4, 1, 30));
        journal.markRejected(hash(1), "insufficient funds for gas * price + value");
        journal.reopenRejected(hash(1), List.of());
        TxAttempt a = journal.attempt(hash(1)).orElseThrow();
        assertThat(a.status()).isEqualTo(AttemptStatus.INTENT);
        assertThat(a.error()).contains("insufficient funds");
        assertThat(journal.attemptsFromNonce(SENDER, 0)).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> journal.reopenRejected(hash(1), List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not REJECTED");
    }

    @Test
    void anUnknownBroadcastOutcomeStaysOpen() {
        journal.recordIntent(intent(null, VAULT, 4, 1, 30));
        journal.markUnknown(hash(1), "broadcast answer lost: HTTP 500");
        assertThat(journal.attempt(hash(1)).orElseThrow().status()).isEqualTo(AttemptStatus.PENDING_UNKNOWN);
        assertThat(journal.pendingNonces()).singleElement().satisfies(p -> assertThat(p.nonce()).isEqualTo(4));
        journal.markSent(hash(1));
        assertThat(journal.attempt(hash(1)).orElseThrow().status()).isEqualTo(AttemptStatus.SENT);
    }
}
