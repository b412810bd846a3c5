package dev.ballast.journal;

import java.util.List;

/**
 * All unresolved attempts that share one sender nonce: at most one of them can ever be mined.
 *
 * @param attempts  oldest first; the last is the newest replacement, the one to re-broadcast
 */
public record PendingNonce(String sender, long nonce, String vault, List<TxAttempt> attempts) {
    public PendingNonce {
        attempts = List.copyOf(attempts);
    }

    public TxAttempt newest() {
        return attempts.getLast();
    }
}
