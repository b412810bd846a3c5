package dev.ballast.keeper;

import dev.ballast.journal.Journal;
import dev.ballast.policy.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the journal's quiet decisions (the policy's "no rebalance" verdicts: not due, cooldown, below minimum trade,
 * ...) for a configured time and deletes older ones, a bounded batch after each decided block. Rebalance decisions,
 * refusals, simulation reverts, intents and receipts are never deleted. At 1 s blocks one vault journals ~86,000 quiet
 * decisions a day (~0.9 KB each); this is what keeps the file bounded.
 */
final class QuietRetention implements Runnable {
    private static final Logger log = LoggerFactory.getLogger("keeper");
    /** The policy's verdicts that lead to no transaction. */
    static final Set<String> QUIET_KINDS = Arrays.stream(Verdict.values()).filter(v -> !v.isRebalance())
            .map(Verdict::name).collect(Collectors.toUnmodifiableSet());

    private final Journal journal;
    private final Optional<Duration> retention;
    private final Clock clock;
    private final int batch;

    /**
     * @param retention how long quiet decisions are kept; empty keeps them forever
     * @param batch     rows looked at per call: above the decisions journaled per block, so pruning keeps pace
     */
    QuietRetention(Journal journal, Optional<Duration> retention, Clock clock, int batch) {
        this.journal = journal;
        this.retention = retention;
        this.clock = clock;
        this.batch = batch;
    }

    @Override
    public void run() {
        if (retention.isEmpty()) return;
        try {
            journal.pruneQuietDecisions(QUIET_KINDS, clock.millis() - retention.get().toMillis(), batch);
        } catch (RuntimeException e) {
            // upkeep, not safety: a failed prune is retried at the next block and never stops a decision
            log.warn("pruning quiet decisions from the journal failed: {}", e.getMessage());
        }
    }
}
