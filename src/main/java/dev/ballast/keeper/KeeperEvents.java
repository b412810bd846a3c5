package dev.ballast.keeper;

import dev.ballast.tx.SentTx;
import dev.ballast.tx.TxOutcome;

/** Observers of the keeper (the demo's live view, metrics); the default does nothing. */
public interface KeeperEvents {
    KeeperEvents NONE = new KeeperEvents() {};

    default void decided(Keeper.Outcome outcome) {}

    default void sent(ManagedVault vault, SentTx tx) {}

    default void confirmed(ManagedVault vault, TxOutcome.Confirmed confirmed) {}
}
