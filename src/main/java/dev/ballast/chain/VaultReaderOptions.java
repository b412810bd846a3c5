package dev.ballast.chain;

/**
 * How {@link VaultReader} splits one block's read into lens eth_calls. The number of calls is not fixed: it is sized
 * each read from the gas per vault the previous read measured and {@code callGasLimit}; {@code maxCallsPerBlock} is
 * only a ceiling against a runaway plan (a misconfigured cap, a lens that suddenly costs far more).
 *
 * @param callGasLimit       gas given to each eth_call: at most the node's eth_call gas cap (geth's --rpc.gascap,
 *                           50M by default; Anvil's block gas limit, 30M by default; some providers cap lower)
 * @param usableGasFraction  share of that limit, less each call's fixed overhead, that a chunk's vaults and pools are
 *                           planned to use, leaving room for estimate error (0..1]
 * @param maxCallsPerBlock   ceiling: a read never sends more eth_calls than this
 * @param maxInitcodeBytes   EIP-3860 limit on creation code (nodes apply it to eth_call without `to` too)
 * @param initialGasPerItem  gas assumed per vault or pool before the first read measured it
 */
public record VaultReaderOptions(
        long callGasLimit, double usableGasFraction, int maxCallsPerBlock, int maxInitcodeBytes, long initialGasPerItem) {
    /** rpc.callGasLimit when the config does not set it. */
    public static final long DEFAULT_CALL_GAS_LIMIT = 30_000_000;
    /** rpc.maxReadCallsPerBlock when the config does not set it: room for ~5,000 four-asset vaults at 30M gas. */
    public static final int DEFAULT_MAX_CALLS_PER_BLOCK = 64;

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
        return forNode(DEFAULT_CALL_GAS_LIMIT, DEFAULT_MAX_CALLS_PER_BLOCK);
    }

    /** The defaults for a node whose eth_call cap is {@code callGasLimit}, with at most {@code maxCallsPerBlock} calls. */
    public static VaultReaderOptions forNode(long callGasLimit, int maxCallsPerBlock) {
        return new VaultReaderOptions(callGasLimit, 0.85, maxCallsPerBlock, 49_152, 300_000);
    }
}
