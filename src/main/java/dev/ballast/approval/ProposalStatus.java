package dev.ballast.approval;

/** Where a proposal stands; only OPEN ones can be signed, approved or rejected. */
public enum ProposalStatus {
    /** Waiting for approval (and, for a Safe, signatures). */
    OPEN,
    /** Approved and handed to the keeper's send pipeline; its transaction is {@code tx_hash}. */
    SENT,
    /** Its transaction was mined successfully. */
    EXECUTED,
    /** Its transaction was mined and reverted: the nonce is used, the rebalance did not happen. */
    FAILED,
    /** Refused by an operator ({@code ballast reject}). */
    REJECTED,
    /** Past its block or time limit: never sent. */
    EXPIRED
}
