package dev.ballast.keeper;

/**
 * The stages of the keeper's path from a head to a broadcast, in order, each timed on its own
 * ({@link KeeperEvents#stage}): the figure a latency target is about is their sum, and which one grew says why.
 */
public enum KeeperStage {
    /** Journaled receipts checked against canonical block hashes, holds read, leases renewed. */
    PREPARE,
    /** The one lens read of every vault (and its pool) at the block. */
    READ,
    /** Snapshot of the read and the pure policy's decision. */
    DECIDE,
    /** The venues' quoteExactIn ladders (one eth_call per vault about to trade). */
    QUOTE,
    /** The pure router's venue choice and split over the quoted and modelled curves. */
    ROUTE,
    /** The decision journaled, price checks, the approval gate and the call's encoding. */
    CHECK,
    /** eth_call + eth_estimateGas + the signer's balance, one batch. */
    SIMULATE,
    /** The nonce read and checked against the journal, and the signature. */
    SIGN,
    /** The signed transaction journaled as an intent before it leaves. */
    INTENT,
    /** eth_sendRawTransaction. */
    BROADCAST;

    /** Reports this stage as the time since {@code since}; returns now, the next stage's start. */
    long lap(KeeperEvents events, long since) {
        long now = System.nanoTime();
        events.stage(this, now - since);
        return now;
    }
}
