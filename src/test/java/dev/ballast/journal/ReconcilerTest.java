package dev.ballast.journal;

import static dev.ballast.journal.JournalFixtures.OTHER_VAULT;
import static dev.ballast.journal.JournalFixtures.SENDER;
import static dev.ballast.journal.JournalFixtures.VAULT;
import static dev.ballast.journal.JournalFixtures.hash;
import static dev.ballast.journal.JournalFixtures.intent;
import static dev.ballast.journal.JournalFixtures.receipt;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reconciliation against each journal engine. */
@org.junit.jupiter.params.ParameterizedClass
@org.junit.jupiter.params.provider.EnumSource(JournalEngine.class)
class ReconcilerTest {
    @org.junit.jupiter.params.Parameter
    JournalEngine engine;
    @TempDir
    Path dir;
    private Journal journal;
    private final FakeChain chain = new FakeChain();

    /** Receipts by hash and a mined-nonce count, recording the order of questions asked. */
    static final class FakeChain implements Reconciler.ChainView {
        final Map<String, TxReceipt> receipts = new HashMap<>();
        final Map<String, Reconciler.Known> known = new HashMap<>();
        long minedCount;
        final List<String> calls = new ArrayList<>();

        @Override
        public Optional<TxReceipt> receipt(String txHash) {
            calls.add("receipt " + txHash);
            return Optional.ofNullable(receipts.get(txHash));
        }

        @Override
        public Reconciler.Known known(String txHash) {
            calls.add("known " + txHash);
            return known.getOrDefault(txHash, Reconciler.Known.NO);
        }

        @Override
        public long minedNonceCount(String sender) {
            calls.add("nonce " + sender);
            return minedCount;
        }
    }

    @BeforeEach
    void open() {
        journal = Journal.open(engine.newTarget(dir), java.time.Clock.systemUTC());
    }

    @AfterEach
    void close() {
        journal.close();
    }

    @Test
    void nothingPendingNothingAsked() {
        assertThat(Reconciler.reconcile(journal, chain)).isEmpty();
        assertThat(chain.calls).isEmpty();
    }

    @Test
    void minedReplacementResolvesTheNonce() {
        journal.recordIntent(intent(null, VAULT, 4, 1, 30));
        journal.recordReplacement(hash(1), intent(null, VAULT, 4, 2, 34));
        chain.receipts.put(hash(2), receipt(500, true));
        chain.minedCount = 5;

        List<Reconciler.Outcome> out = Reconciler.reconcile(journal, chain);
        assertThat(out).singleElement().isInstanceOfSatisfying(Reconciler.Outcome.Mined.class, m -> {
            assertThat(m.attempt().txHash()).isEqualTo(hash(2));
            assertThat(m.receipt().blockNumber()).isEqualTo(500);
        });
        assertThat(chain.calls.getFirst()).as("nonce read before receipts").isEqualTo("nonce " + SENDER);
        assertThat(journal.attempt(hash(2)).orElseThrow().status()).isEqualTo(AttemptStatus.MINED);
        assertThat(journal.attempt(hash(1)).orElseThrow().status()).isEqualTo(AttemptStatus.DROPPED);
        assertThat(journal.pendingNonces()).isEmpty();
    }

    @Test
    void minedOriginalResolvesTheNonce() {
        journal.recordIntent(intent(null, VAULT, 4, 1, 30));
        journal.recordReplacement(hash(1), intent(null, VAULT, 4, 2, 34));
        chain.receipts.put(hash(1), receipt(500, false));
        chain.minedCount = 5;

        Reconciler.reconcile(journal, chain);
        assertThat(journal.attempt(hash(1)).orElseThrow().status()).isEqualTo(AttemptStatus.REVERTED);
        assertThat(journal.attempt(hash(2)).orElseThrow().status()).isEqualTo(AttemptStatus.DROPPED);
    }

    @Test
    void nonceUsedByAnUnknownTransactionDropsOurs() {
        journal.recordIntent(intent(null, VAULT, 4, 1, 30));
        chain.minedCount = 5;
        assertThat(Reconciler.reconcile(journal, chain)).singleElement()
                .isInstanceOf(Reconciler.Outcome.NonceUsedElsewhere.class);
        TxAttempt a = journal.attempt(hash(1)).orElseThrow();
        assertThat(a.status()).isEqualTo(AttemptStatus.DROPPED);
        assertThat(a.error()).contains("nonce 4 was used by a transaction not in the journal");
    }

    @Test
    void unminedNonceIsStillPendingWithTheNewestBytesToResend() {
        journal.recordIntent(intent(null, VAULT, 4, 1, 30));
        journal.recordReplacement(hash(1), intent(null, VAULT, 4, 2, 34));
        journal.recordIntent(intent(null, VAULT, 5, 3, 30));
        chain.minedCount = 4;

        List<Reconciler.Outcome> out = Reconciler.reconcile(journal, chain);
        assertThat(out).hasSize(2).allMatch(o -> o instanceof Reconciler.Outcome.StillPending);
        assertThat(out).extracting(o -> o.pending().nonce()).containsExactly(4L, 5L);
        assertThat(out.getFirst().pending().newest().rawTx()).isEqualTo("0x02f80002");
        assertThat(journal.pendingTransactions()).hasSize(3);
    }

    @Test
    void mixedOutcomesAcrossNonces() {
        journal.recordIntent(intent(null, VAULT, 4, 1, 30));
        journal.recordIntent(intent(null, VAULT, 5, 2, 30));
        chain.receipts.put(hash(1), receipt(10, true));
        chain.minedCount = 5;

        List<Reconciler.Outcome> out = Reconciler.reconcile(journal, chain);
        assertThat(out.get(0)).isInstanceOf(Reconciler.Outcome.Mined.class);
        assertThat(out.get(1)).isInstanceOf(Reconciler.Outcome.StillPending.class);
        assertThat(journal.pendingTransactions()).extracting(TxAttempt::txHash).containsExactly(hash(2));
    }

    @Test
    void aBroadcastJournaledRejectedIsStillFoundMinedByItsNonceSibling() {
        // the first bytes' answer was lost and journaled REJECTED (the old behaviour); a later decision signed the
        // same nonce again: the chain mined the first one, which must be found, not called foreign
        journal.recordIntent(intent(null, VAULT, 4, 1, 30));
        journal.markRejected(hash(1), "connection reset");
        journal.recordIntent(intent(null, VAULT, 4, 2, 30));
        chain.receipts.put(hash(1), receipt(77, true));
        chain.minedCount = 5;

        assertThat(Reconciler.reconcile(journal, chain)).singleElement().isInstanceOfSatisfying(Reconciler.Outcome.Mined.class,
                m -> assertThat(m.attempt().txHash()).isEqualTo(hash(1)));
        assertThat(journal.attempt(hash(1)).orElseThrow().status()).isEqualTo(AttemptStatus.MINED);
        assertThat(journal.attempt(hash(2)).orElseThrow().status()).isEqualTo(AttemptStatus.DROPPED);
    }

    @Test
    void aUsedNonceWhoseTransactionTheNodeKnowsInABlockWaitsForTheReceipt() {
        journal.recordIntent(intent(null, VAULT, 4, 1, 30));
        journal.markSent(hash(1));
        chain.minedCount = 5;
        chain.known.put(hash(1), Reconciler.Known.IN_BLOCK);

        assertThat(Reconciler.reconcile(journal, chain)).singleElement().isInstanceOf(Reconciler.Outcome.ReceiptTrailing.class);
        assertThat(journal.attempt(hash(1)).orElseThrow().status()).as("not dropped").isEqualTo(AttemptStatus.SENT);
    }

    @Test
    void aLostAnswerTheNodeKnowsBecomesSentAndOneItDoesNotStaysUnknown() {
        journal.recordIntent(intent(null, VAULT, 4, 1, 30));
        journal.markUnknown(hash(1), "broadcast answer lost: 502");
        journal.recordIntent(intent(null, OTHER_VAULT, 5, 2, 30));
        journal.markUnknown(hash(2), "broadcast answer lost: connection reset");
        chain.minedCount = 4;
        chain.known.put(hash(1), Reconciler.Known.IN_POOL);

        assertThat(Reconciler.reconcile(journal, chain)).hasSize(2).allMatch(o -> o instanceof Reconciler.Outcome.StillPending);
        assertThat(journal.attempt(hash(1)).orElseThrow().status()).isEqualTo(AttemptStatus.SENT);
        assertThat(journal.attempt(hash(2)).orElseThrow().status()).isEqualTo(AttemptStatus.PENDING_UNKNOWN);
        assertThat(journal.hasUnresolved(OTHER_VAULT)).as("an unknown outcome blocks the vault's next decision").isTrue();
    }
}
