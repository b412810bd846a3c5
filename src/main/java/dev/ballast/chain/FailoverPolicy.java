package dev.ballast.chain;

import java.time.Duration;

/**
 * How {@link FailoverRpc} treats a failing or lagging node.
 *
 * @param callTimeout       one HTTP request's limit (connect + write + read) for a single call; a hung node costs this
 * @param initialBackoff    how long a node stays out after its first failure; doubles per consecutive failure
 * @param maxBackoff        the cap on that doubling, so a node that recovers is retried within this time
 * @param maxLagBlocks      a node more than this many blocks behind the best height seen is not used
 * @param batchCallTimeout  added to {@code callTimeout} for every call of a batch after the first: a node answers a
 *                          batch only when it has run every call, so a 28-call lens read needs more time than one
 *                          call, and timing it out as if it were one fails over a node that is merely busy
 * @param maxRequestTimeout the bound on any one request however many calls it carries, so a hung node still costs a
 *                          known time before the call moves on
 */
public record FailoverPolicy(Duration callTimeout, Duration initialBackoff, Duration maxBackoff, long maxLagBlocks,
        Duration batchCallTimeout, Duration maxRequestTimeout) {
    public FailoverPolicy {
        requirePositive("callTimeout", callTimeout);
        requirePositive("initialBackoff", initialBackoff);
        requirePositive("maxBackoff", maxBackoff);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is below initialBackoff " + initialBackoff);
        }
        if (maxLagBlocks < 0) throw new IllegalArgumentException("maxLagBlocks must be >= 0, got " + maxLagBlocks);
        if (batchCallTimeout == null || batchCallTimeout.isNegative()) {
            throw new IllegalArgumentException("batchCallTimeout must be >= 0, got " + batchCallTimeout);
        }
        requirePositive("maxRequestTimeout", maxRequestTimeout);
        if (maxRequestTimeout.compareTo(callTimeout) < 0) {
            throw new IllegalArgumentException("maxRequestTimeout " + maxRequestTimeout + " is below callTimeout " + callTimeout);
        }
    }

    /** Failover without extra time for batches (each request gets {@code callTimeout}), as before batches were sized. */
    public FailoverPolicy(Duration callTimeout, Duration initialBackoff, Duration maxBackoff, long maxLagBlocks) {
        this(callTimeout, initialBackoff, maxBackoff, maxLagBlocks, Duration.ZERO, callTimeout);
    }

    /**
     * 10 s for one call, +1 s per further call of a batch (a 30M-gas lens call takes well under a second on a node
     * that is not overloaded), at most 60 s for any request.
     */
    public static FailoverPolicy defaults() {
        return new FailoverPolicy(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(2), 3,
                Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    /** This policy with batches timed as {@code perFurtherCall} more per call after the first, up to {@code max}. */
    public FailoverPolicy withBatchTimeouts(Duration perFurtherCall, Duration max) {
        return new FailoverPolicy(callTimeout, initialBackoff, maxBackoff, maxLagBlocks, perFurtherCall, max);
    }

    /** The timeout of one HTTP request carrying {@code calls} JSON-RPC calls. */
    public Duration requestTimeout(int calls) {
        Duration sized = callTimeout.plus(batchCallTimeout.multipliedBy(Math.max(0, calls - 1)));
        return sized.compareTo(maxRequestTimeout) > 0 ? maxRequestTimeout : sized;
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
