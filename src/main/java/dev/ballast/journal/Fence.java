package dev.ballast.journal;

import java.util.Objects;

/**
 * The lease an intent is journaled under: the intent commits only if {@code holder} still holds {@code key} with
 * {@code token} and the lease has not expired, checked in the same database transaction as the insert.
 *
 * @param key    the lease's key (a vault address, lower case)
 * @param holder the keeper that took the lease
 * @param token  the fencing token it got; a later holder always has a larger one
 */
public record Fence(String key, String holder, long token) {
    public Fence {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(holder, "holder");
    }
}
