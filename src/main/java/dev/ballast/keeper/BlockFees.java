package dev.ballast.keeper;

import dev.ballast.gas.FeeDecision;
import java.util.function.Supplier;

/**
 * The fee picture of the block being handled, fetched once for all of its vaults rather than one eth_feeHistory
 * per vault (1,000 vaults would otherwise spend seconds on identical answers).
 */
final class BlockFees implements Supplier<FeeDecision> {
    private final Supplier<FeeDecision> source;
    private FeeDecision current;

    BlockFees(Supplier<FeeDecision> source) {
        this.source = source;
    }

    @Override
    public FeeDecision get() {
        if (current == null) current = source.get();
        return current;
    }

    void forget() {
        current = null;
    }
}
