package dev.ballast.journal;

import java.time.Duration;
import java.util.Objects;

/**
 * A PostgreSQL journal several keepers share ({@code journal.url}), and how long a keeper's lease on a vault lasts
 * without renewal ({@code journal.leaseTtl}): the longest a dead keeper's vaults wait for another keeper.
 */
public record SharedJournal(JournalTarget.Postgres target, Duration leaseTtl) {
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(60);

    public SharedJournal {
        Objects.requireNonNull(target, "target");
        if (leaseTtl.isNegative() || leaseTtl.isZero()) throw new IllegalArgumentException("leaseTtl must be positive");
    }
}
