package dev.ballast.journal;

/** A rebalance that happened on chain: the decision, the attempt that was mined and its receipt. */
public record Rebalance(Decision decision, TxAttempt attempt, TxReceipt receipt) {
}
