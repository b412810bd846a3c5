package dev.ballast.keeper;

import dev.ballast.journal.Fence;
import dev.ballast.journal.LeaseLostException;
import java.util.Optional;

/**
 * Which vaults this keeper may act on at the current block. A lone keeper ({@link #SOLE}) acts on all of them and
 * journals its intents unfenced; keepers sharing a PostgreSQL journal hold per-vault leases and journal each intent
 * under its lease's fencing token.
 */
public interface VaultLeases {
    /** One keeper, every vault its own. */
    VaultLeases SOLE = new VaultLeases() {
        @Override
        public void renew() {
        }

        @Override
        public boolean holds(String vault) {
            return true;
        }

        @Override
        public Optional<Fence> fence(String vault) {
            return Optional.empty();
        }
    };

    /** Called once at the start of each block, before any vault is decided. */
    void renew();

    /** Whether this keeper may decide and act on {@code vault} at this block. */
    boolean holds(String vault);

    /**
     * The fence an intent for {@code vault} must be journaled under; empty only for a lone keeper, whose intents need
     * none. A lease that is gone is not "no fence": an intent journaled unfenced would be broadcast on a simulation of a
     * vault that another keeper may have rebalanced since, and revert on chain.
     *
     * @throws LeaseLostException when keepers share the vaults and this one no longer holds the lease it decided under
     *                            (it lapsed while the keeper was paused, or passed to another keeper): nothing may be
     *                            journaled or sent for the vault
     */
    Optional<Fence> fence(String vault);
}
