package dev.ballast.journal;

/** Life of one signed transaction. INTENT, SENT and REPLACED are unresolved: the nonce may still be mined. */
public enum AttemptStatus {
    /** Signed and journaled; broadcast not (yet) confirmed. It may or may not have reached a node. */
    INTENT,
    /** A node accepted it into its mempool. */
    SENT,
    /** A same-nonce replacement was journaled; this one can still be mined until the nonce is used. */
    REPLACED,
    /** Included with status 1. */
    MINED,
    /** Included with status 0: the nonce is used, the rebalance did not happen. */
    REVERTED,
    /** Will never be mined: its nonce was used by another transaction. */
    DROPPED,
    /** A node refused it outright at broadcast (never entered a mempool). */
    REJECTED;

    public boolean unresolved() {
        return this == INTENT || this == SENT || this == REPLACED;
    }
}
