package dev.ballast.keeper;

import dev.ballast.journal.Fence;
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

    @Override
    public Optional<Fence> fence(String vault) {
        return coordinator.fence(vault);
    }
}
