package dev.ballast.tx;

import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** How a supervised transaction (with its replacements) ended. */
public sealed interface TxOutcome {
    /** Mined, with the requested confirmations, in a block that is still canonical. {@code status} may be a revert. */
    record Confirmed(SentTx tx, TransactionReceipt receipt) implements TxOutcome {
        public boolean succeeded() {
            return receipt.isStatusOK();
        }
    }

    /** It was mined, then its block was reorganised away before enough confirmations: re-evaluate. */
    record Reorged(SentTx tx, String lostBlockHash) implements TxOutcome {}

    /** The nonce was used by a transaction that is none of ours (another process with the same key). */
    record NonceTakenElsewhere(SentTx tx) implements TxOutcome {}

    /** Still not mined when the supervisor gave up; the transaction may still land. */
    record TimedOut(SentTx latest) implements TxOutcome {}
}
