package dev.ballast.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Start-up check of every pending nonce against the chain (see the protocol in {@link Journal}). Resolves what the
 * chain has settled and returns what is still open, so the keeper re-broadcasts before deciding anything new.
 */
public final class Reconciler {

    /** The two chain facts reconciliation needs; the chain package implements it over eth_* calls. */
    public interface ChainView {
        /** The receipt of a mined transaction, or empty if the node does not know it as mined. */
        Optional<TxReceipt> receipt(String txHash);

        /** eth_getTransactionCount(sender, "latest"): how many of the sender's transactions are mined. */
        long minedNonceCount(String sender);

        /**
         * eth_getTransactionByHash: whether the node knows the transaction at all (in its pool or in a block). A receipt
         * can trail this answer, and an answer lost at broadcast leaves it as the only proof the node took the bytes.
         */
        default Known known(String txHash) {
            return Known.NO;
        }
    }

    /** What eth_getTransactionByHash says about one hash. */
    public enum Known { NO, IN_POOL, IN_BLOCK }

    /** How one pending nonce ended up. */
    public sealed interface Outcome {
        PendingNonce pending();

        /** One of our attempts was mined (successfully or not); the others are now DROPPED. */
        record Mined(PendingNonce pending, TxAttempt attempt, TxReceipt receipt) implements Outcome {
        }

        /** The chain used the nonce for a transaction we never journaled; ours are DROPPED. */
        record NonceUsedElsewhere(PendingNonce pending) implements Outcome {
        }

        /** Not mined yet (or never reached a node): re-broadcast {@code pending().newest().rawTx()}. */
        record StillPending(PendingNonce pending) implements Outcome {
        }

        /**
         * The nonce is used and the node knows one of our hashes in a block, but has no receipt for it yet: settled at
         * the next look, never called "used elsewhere".
         */
        record ReceiptTrailing(PendingNonce pending, TxAttempt attempt) implements Outcome {
        }
    }

    private Reconciler() {
    }

    public static List<Outcome> reconcile(Journal journal, ChainView chain) {
        List<Outcome> outcomes = new ArrayList<>();
        for (PendingNonce p : journal.pendingNonces()) {
            outcomes.add(reconcile(journal, chain, p));
        }
        return outcomes;
    }

    private static Outcome reconcile(Journal journal, ChainView chain, PendingNonce p) {
        // the nonce is read before the receipts: if one of ours was mined before this read, its receipt is visible
        long minedCount = chain.minedNonceCount(p.sender());
        // every hash ever journaled at this nonce, not only the open ones: an attempt journaled REJECTED or DROPPED
        // (a lost broadcast answer, an earlier decision's replacement) may be the one the chain mined
        List<TxAttempt> all = journal.attemptsAtNonce(p.sender(), p.nonce());
        for (TxAttempt a : all.reversed()) {
            if (a.status() == AttemptStatus.MINED || a.status() == AttemptStatus.REVERTED) continue;
            Optional<TxReceipt> receipt = chain.receipt(a.txHash());
            if (receipt.isPresent()) {
                journal.recordReceipt(a.txHash(), receipt.get());
                return new Outcome.Mined(p, a, receipt.get());
            }
        }
        if (minedCount > p.nonce()) {
            for (TxAttempt a : all.reversed()) {
                if (chain.known(a.txHash()) == Known.IN_BLOCK) return new Outcome.ReceiptTrailing(p, a);
            }
            for (TxAttempt a : p.attempts()) {
                journal.markDropped(a.txHash(), "nonce " + p.nonce() + " was used by a transaction not in the journal");
            }
            return new Outcome.NonceUsedElsewhere(p);
        }
        for (TxAttempt a : p.attempts()) {
            // a broadcast whose answer was lost: the node's word settles it as sent
            if (a.status() == AttemptStatus.PENDING_UNKNOWN && chain.known(a.txHash()) != Known.NO) journal.markSent(a.txHash());
        }
        return new Outcome.StillPending(p);
    }
}
