package dev.ballast.keeper;

import dev.ballast.chain.BlockHead;
import dev.ballast.chain.VaultState;
import dev.ballast.policy.PortfolioSnapshot;
import dev.ballast.tx.SentTx;
import dev.ballast.tx.TxOutcome;

/**
 * Observers of the keeper (the demo's live view, metrics); the default does nothing. Called on the keeper's own
 * thread: an observer must return at once (record and hand off), never wait on I/O.
 */
public interface KeeperEvents {
    KeeperEvents NONE = new KeeperEvents() {};

    default void decided(Keeper.Outcome outcome) {}

    default void sent(ManagedVault vault, SentTx tx) {}

    default void confirmed(ManagedVault vault, TxOutcome.Confirmed confirmed) {}

    /** A head reached the keeper and its block is about to be handled. */
    default void headStarted(BlockHead head) {}

    /** The keeper finished handling {@code head} (every round of it), {@code nanos} after {@link #headStarted}. */
    default void headFinished(BlockHead head, long nanos) {}

    /** A vault read completely at {@code block}: its snapshot and the band the policy judged it with (18 decimals). */
    default void observed(ManagedVault vault, long block, VaultState state, PortfolioSnapshot snapshot, long band) {}

    /** A pending rebalance was replaced by a higher-fee one at the same nonce. */
    default void replaced(SentTx previous, SentTx replacement) {}

    /** A journal write on the keeper's path took {@code nanos}. */
    default void journalWritten(long nanos) {}

    /**
     * One stage of the head -> broadcast path took {@code nanos} (see {@link KeeperStage}): where a block's latency
     * goes, for the latency benchmarks and a debug breakdown.
     */
    default void stage(KeeperStage stage, long nanos) {}
}
