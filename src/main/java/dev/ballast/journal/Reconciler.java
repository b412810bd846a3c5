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
    }

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
        for (TxAttempt a : p.attempts().reversed()) {
            Optional<TxReceipt> receipt = chain.receipt(a.txHash());
            if (receipt.isPresent()) {
                journal.recordReceipt(a.txHash(), receipt.get());
                return new Outcome.Mined(p, a, receipt.get());
            }
        }
        if (minedCount > p.nonce()) {
            for (TxAttempt a : p.attempts()) {
                journal.markDropped(a.txHash(), "nonce " + p.nonce() + " was used by a transaction not in the journal");
            }
            return new Outcome.NonceUsedElsewhere(p);
        }
        return new Outcome.StillPending(p);
    }
}
