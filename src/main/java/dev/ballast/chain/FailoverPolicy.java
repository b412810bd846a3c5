package dev.ballast.chain;

import java.time.Duration;

/**
 * How {@link FailoverRpc} treats a failing or lagging node.
 *
 * @param callTimeout    one HTTP request's limit (connect + write + read); a hung node costs at most this
 * @param initialBackoff how long a node stays out after its first failure; doubles per consecutive failure
 * @param maxBackoff     the cap on that doubling, so a node that recovers is retried within this time
 * @param maxLagBlocks   a node more than this many blocks behind the best height seen is not used
 */
public record FailoverPolicy(Duration callTimeout, Duration initialBackoff, Duration maxBackoff, long maxLagBlocks) {
    public FailoverPolicy {
        requirePositive("callTimeout", callTimeout);
        requirePositive("initialBackoff", initialBackoff);
        requirePositive("maxBackoff", maxBackoff);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is below initialBackoff " + initialBackoff);
        }
        if (maxLagBlocks < 0) throw new IllegalArgumentException("maxLagBlocks must be >= 0, got " + maxLagBlocks);
    }

    public static FailoverPolicy defaults() {
        return new FailoverPolicy(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(2), 3);
    }

    /** Backoff after {@code failures} consecutive failures (1 = first): initial * 2^(failures-1), capped. */
    Duration backoffAfter(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        Duration backoff = initialBackoff.multipliedBy(1L << doublings);
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }

    private static void requirePositive(String field, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(field + " must be a positive duration, got " + value);
        }
    }
}
