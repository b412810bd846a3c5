package dev.ballast.journal;

/**
 * Life of one signed transaction. INTENT, PENDING_UNKNOWN, SENT and REPLACED are unresolved: the nonce may still be
 * mined.
 */
public enum AttemptStatus {
    /** Signed and journaled; broadcast not (yet) confirmed. It may or may not have reached a node. */
    INTENT,
    /**
     * The broadcast's outcome is unknown: the answer to eth_sendRawTransaction was lost (connection dropped, 5xx,
     * timeout), so the node may hold it, may have mined it, or may never have seen it. Looked up by hash (and the
     * nonce) before anything else is decided; re-broadcast from the journaled bytes while the node does not know it.
     */
    PENDING_UNKNOWN,
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
    /** A node answered the broadcast with an error (a JSON-RPC refusal, not a lost answer): never entered a mempool. */
    REJECTED;

    public boolean unresolved() {
        return this == INTENT || this == PENDING_UNKNOWN || this == SENT || this == REPLACED;
    }
}
