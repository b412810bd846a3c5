package dev.ballast.keeper;

import dev.ballast.journal.Fence;
import dev.ballast.journal.LeaseLostException;
import dev.ballast.lease.LeaseCoordinator;
import java.util.Optional;

/** {@link VaultLeases} over the journal's leases: the vaults this keeper holds at the last renewal. */
final class LeasedVaults implements VaultLeases {
    private final LeaseCoordinator coordinator;

    LeasedVaults(LeaseCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public void renew() {
        coordinator.renew();
    }

    @Override
    public boolean holds(String vault) {
        return coordinator.fence(vault).isPresent();
    }

    /** The lease's fence; a lease this keeper no longer holds (or took back under a new token) throws. */
    @Override
    public Optional<Fence> fence(String vault) {
        return Optional.of(coordinator.fence(vault).orElseThrow(() -> new LeaseLostException("this keeper no longer"
                + " holds the lease on " + vault + " it decided under (it lapsed, or another keeper holds it); not"
                + " journaling the intent")));
    }
}
