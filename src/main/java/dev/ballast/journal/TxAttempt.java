package dev.ballast.journal;

import java.math.BigInteger;
import java.time.Instant;

/**
 * One journaled transaction attempt.
 *
 * @param replacesId  the attempt this one replaced (same nonce), or null
 * @param error       why it was rejected or dropped, or null
 */
public record TxAttempt(long id, Long decisionId, String vault, String sender, long nonce, String txHash, String rawTx,
                        BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas, AttemptStatus status,
                        Long replacesId, String error, Instant createdAt, Instant updatedAt) {
}
