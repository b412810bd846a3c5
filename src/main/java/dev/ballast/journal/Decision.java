package dev.ballast.journal;

import java.time.Instant;

/**
 * One keeper decision as journaled.
 *
 * @param snapshotJson  the snapshot the decision was made from, as JSON (so the decision can be replayed)
 * @param decision      what was decided, e.g. REBALANCE, HOLD, REFUSE
 * @param reason        why, in one line
 */
public record Decision(long id, String vault, long blockNumber, String snapshotJson, String decision, String reason,
                       Instant recordedAt) {
}
