package dev.ballast.chain;

/**
 * @param callGasLimit       gas given to each eth_call (Anvil's and geth's default cap is around 30-50M)
 * @param usableGasFraction  share of that limit a chunk is planned to use, leaving room for estimate error (0..1]
 * @param maxCallsPerBlock   the budget: a read never sends more eth_calls than this
 * @param maxInitcodeBytes   EIP-3860 limit on creation code (nodes apply it to eth_call without `to` too)
 * @param initialGasPerItem  gas assumed per vault or pool before the first read measured it
 */
public record VaultReaderOptions(
        long callGasLimit, double usableGasFraction, int maxCallsPerBlock, int maxInitcodeBytes, long initialGasPerItem) {
    public VaultReaderOptions {
        if (callGasLimit < 1_000_000) throw new IllegalArgumentException("callGasLimit must be >= 1M, got " + callGasLimit);
        if (!(usableGasFraction > 0 && usableGasFraction <= 1)) {
            throw new IllegalArgumentException("usableGasFraction must be in (0, 1], got " + usableGasFraction);
        }
        if (maxCallsPerBlock < 1) throw new IllegalArgumentException("maxCallsPerBlock must be >= 1, got " + maxCallsPerBlock);
        if (maxInitcodeBytes < 1024) throw new IllegalArgumentException("maxInitcodeBytes too small: " + maxInitcodeBytes);
        if (initialGasPerItem < 1) throw new IllegalArgumentException("initialGasPerItem must be >= 1");
    }

    public static VaultReaderOptions defaults() {
        return new VaultReaderOptions(30_000_000, 0.85, 4, 49_152, 300_000);
    }
}
