package dev.ballast.chain;

import java.util.List;

/**
 * Everything read for one block. All chunks were executed at {@code blockNumber} (checked against what each chunk
 * reports). {@code ethCalls} is how many eth_calls the read took; {@code lensGas} the gas the lens itself used.
 */
public record ChainSnapshot(
        long blockNumber, long timestamp, long chainId, List<VaultState> vaults, List<PoolState> pools, int ethCalls,
        long lensGas) {
    public ChainSnapshot {
        vaults = List.copyOf(vaults);
        pools = List.copyOf(pools);
    }
}
