package dev.ballast.chain;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;

/**
 * A vault at the snapshot block. {@code unreadable} names each view that reverted or returned the wrong length
 * ("assets", "params", "balances", "targetWeights", "lastRebalance", "totalSupply", "priceRouter"); the fields it
 * feeds are zero/null then. A vault without code has {@code hasCode == false} and nothing else.
 */
public record VaultState(
        String address,
        boolean hasCode,
        boolean paused,
        BigInteger lastRebalance,
        String priceRouter,
        BigInteger totalSupply,
        VaultParams params,
        List<AssetState> assets,
        Set<String> unreadable) {
    public VaultState {
        assets = List.copyOf(assets);
        unreadable = Set.copyOf(unreadable);
    }

    /** Everything read: the keeper may act on this vault. */
    public boolean complete() {
        return hasCode && unreadable.isEmpty();
    }
}
