package dev.ballast.keeper;

import dev.ballast.policy.Decision;
import dev.ballast.tx.SentTx;

/** What handling a vault came to: an outcome now, a broadcast transaction to follow to its receipt, or a batch part. */
sealed interface Step permits Keeper.Outcome, Step.Sent, Step.Batchable {

    /** A rebalance that joins this round's batch instead of going out alone. */
    record Batchable(BatchSend.Member member) implements Step {}

    /** A broadcast rebalance, to be followed once every vault of its round has been sent. */
    record Sent(ManagedVault vault, long block, Decision decision, SentTx tx) implements Step {}
}
