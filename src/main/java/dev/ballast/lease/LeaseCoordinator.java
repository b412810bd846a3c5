package dev.ballast.lease;

import dev.ballast.journal.Fence;
import dev.ballast.journal.Journal;
import dev.ballast.journal.JournalException;
import dev.ballast.journal.Leases;
import dev.ballast.journal.TxIntent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of the configured vaults this keeper may act on, renewed at every block. Keepers sharing a PostgreSQL journal
 * heartbeat into it; each vault belongs to the live keeper that rendezvous hashing picks, which takes the vault's lease
 * (free or expired) and renews it each block. A keeper that sees a vault it holds now belonging to another live keeper
 * (it joined, or came back) releases the lease so the owner takes it at once; a keeper that dies simply stops renewing,
 * and its vaults are taken once the lease expires. Safety does not rest on this bookkeeping: the journal refuses an
 * intent whose fence is stale ({@link Journal#recordIntent(TxIntent, Fence)}).
 */
public final class LeaseCoordinator {
    private static final Logger log = LoggerFactory.getLogger("lease");

    private final Leases leases;
    private final String keeperId;
    private final List<String> vaults;
    private final Duration ttl;
    private Map<String, Fence> held = Map.of();
    private Set<String> live = Set.of();
    /** When the last renewal started ({@link System#nanoTime}); its leases run out {@code ttl} after it at the latest. */
    private long renewedAt;

    /**
     * @param keeperId this keeper's id in the journal (its signer address: one signer per keeper)
     * @param vaults   every vault in this keeper's config (all keepers sharing a journal should list the same ones)
     * @param ttl      how long a lease lasts unless renewed; also how long a silent keeper still counts as live
     */
    public LeaseCoordinator(Leases leases, String keeperId, List<String> vaults, Duration ttl) {
        this.leases = leases;
        this.keeperId = keeperId.toLowerCase(Locale.ROOT);
        this.vaults = vaults.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
        this.ttl = ttl;
    }

    /**
     * Heartbeat, then take or renew the vaults this keeper owns and release the others; returns the vaults held. When
     * the journal cannot be reached this keeper holds nothing until it can: it could not journal an intent anyway.
     */
    public synchronized Set<String> renew() {
        try {
            return tryRenew();
        } catch (JournalException e) {
            if (!held.isEmpty()) log.warn("lease: journal unreachable, acting on no vault until it is back: {}", e.getMessage());
            held = Map.of();
            return Set.of();
        }
    }

    private Set<String> tryRenew() {
        renewedAt = System.nanoTime();
        Set<String> keepers = new TreeSet<>(leases.liveKeepers(ttl));
        keepers.add(keeperId);
        List<String> mine = new ArrayList<>();
        for (String v : vaults) {
            if (Rendezvous.owner(v, keepers).equals(keeperId)) mine.add(v);
        }
        Set<String> release = new HashSet<>(held.keySet());
        release.removeAll(mine);
        Map<String, Fence> now = leases.renew(keeperId, mine, release, ttl);
        if (!keepers.equals(live) || !now.keySet().equals(held.keySet())) {
            log.info("lease: {} live keeper(s) {}; holding {} of {} vault(s) (owner of {}), released {}", keepers.size(),
                    keepers, now.size(), vaults.size(), mine.size(), release.size());
        }
        live = keepers;
        held = Map.copyOf(now);
        return held.keySet();
    }

    /**
     * The fence to journal an intent for {@code vault} under, if this keeper holds its lease. Renewed once a block, a
     * lease can run out inside a long block (at 10,000 vaults a keeper's block took over its 30 s lease, and the journal
     * then refused its late intents as fenced out): past half the lease since the last renewal, this renews first. The
     * fence is given only if the renewal kept its token: a kept token means the lease never lapsed, so no other keeper
     * can have held the vault (and acted on it) since this keeper decided; a lapsed and re-taken lease gets a new token,
     * and the vault waits for the next block to be decided afresh.
     */
    public synchronized Optional<Fence> fence(String vault) {
        String key = vault.toLowerCase(Locale.ROOT);
        Fence before = held.get(key);
        if (before == null || System.nanoTime() - renewedAt <= ttl.toNanos() / 2) return Optional.ofNullable(before);
        renew();
        return before.equals(held.get(key)) ? Optional.of(before) : Optional.empty();
    }

    public String keeperId() {
        return keeperId;
    }
}
