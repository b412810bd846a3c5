package dev.ballast.chain;

import java.time.Duration;

/**
 * @param pollInterval     how often eth_getBlockByNumber("latest") is asked when there is no live subscription
 * @param reconnectInitial first wait before re-opening a lost WebSocket; doubles per failed attempt
 * @param reconnectMax     cap on that wait
 * @param stallTimeout     a subscription silent for this long is treated as lost (some providers drop heads quietly)
 * @param history          blocks remembered for reorg detection; a deeper reorg restarts from the new head
 */
public record HeadWatcherOptions(
        Duration pollInterval, Duration reconnectInitial, Duration reconnectMax, Duration stallTimeout, int history) {
    public HeadWatcherOptions {
        for (Duration d : new Duration[] {pollInterval, reconnectInitial, reconnectMax, stallTimeout}) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("head watcher durations must be positive, got " + d);
            }
        }
        if (history < 2) throw new IllegalArgumentException("history must be >= 2 blocks, got " + history);
    }

    /** Mainnet-like: 12 s blocks, so a 4 s poll and a 60 s stall limit. */
    public static HeadWatcherOptions defaults() {
        return new HeadWatcherOptions(Duration.ofSeconds(4), Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofSeconds(60), 128);
    }
}
