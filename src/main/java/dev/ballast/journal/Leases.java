package dev.ballast.journal;

import static dev.ballast.journal.JournalSql.*;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Leases over the journal's database, the few statements several keepers coordinate with: a keeper's heartbeat, and
 * per key (a vault) a holder, an expiry by the database's clock and a fencing token that grows each time the lease
 * changes hands (or is taken again after it lapsed). {@link Journal#recordIntent(TxIntent, Fence)} checks the token in
 * the intent's own transaction, so a keeper that was paused past its lease cannot journal, hence cannot send.
 */
public final class Leases {
    private final JournalDatabase db;
    /** Runs the transactions, serialised with the journal's own writes. */
    private final Journal writer;

    Leases(JournalDatabase db, Journal writer) {
        this.db = db;
        this.writer = writer;
    }

    /**
     * Records {@code holder}'s heartbeat, gives up {@code release}, then renews or takes each of {@code keys} that is
     * free, expired or already ours (for {@code ttl}). Returns the fences now held, by key; a key held by another live
     * lease is absent.
     *
     * <p>A bounded number of statements however many keys: the seeds and the takes each go out as one JDBC batch (one
     * round trip on PostgreSQL, not one per key), and one query reads back the tokens. At 10,000 vaults the per-key
     * round trips (three per vault per block) were what made four keepers take minutes to share the fleet. Releases
     * commit in their own transaction first, and each transaction locks its rows in key order, so two keepers swapping
     * vaults (one releasing what the other takes) cannot deadlock.
     */
    public Map<String, Fence> renew(String holder, Collection<String> keys, Collection<String> release, Duration ttl) {
        if (!release.isEmpty()) {
            writer.write(c -> {
                long now = db.leaseNow(c);
                JournalStatements.batch(c, LEASE_RELEASE, new TreeSet<>(release), key -> new Object[] {now, key, holder});
                return null;
            });
        }
        return writer.write(c -> {
            long now = db.leaseNow(c);
            JournalStatements.update(c, HEARTBEAT_SEED, holder, now);
            SortedSet<String> sorted = new TreeSet<>(keys);
            long until = now + ttl.toMillis();
            JournalStatements.batch(c, LEASE_SEED, sorted, key -> new Object[] {key});
            JournalStatements.batch(c, LEASE_TAKE, sorted, key -> new Object[] {holder, now, holder, until, key, holder, now});
            // what we renewed or took now expires exactly at `until`; a key we hold but did not ask for cannot (a
            // renewal in another millisecond set another expiry, and a release set it to the past)
            Map<String, Fence> held = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(LEASES_TAKEN)) {
                JournalStatements.bind(ps, holder, until);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (sorted.contains(rs.getString(1))) {
                            held.put(rs.getString(1), new Fence(rs.getString(1), holder, rs.getLong(2)));
                        }
                    }
                }
            }
            return held;
        });
    }

    /** Keepers whose last heartbeat is younger than {@code within}, by id. */
    public List<String> liveKeepers(Duration within) {
        return writer.write(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(LIVE_KEEPERS)) {
                JournalStatements.bind(ps, db.leaseNow(c) - within.toMillis());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** The unexpired leases {@code holder} has, by key. */
    public Map<String, Fence> held(String holder) {
        return writer.write(c -> {
            Map<String, Fence> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(LEASES_HELD)) {
                JournalStatements.bind(ps, holder, db.leaseNow(c));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.put(rs.getString(1), new Fence(rs.getString(1), holder, rs.getLong(2)));
                }
            }
            return out;
        });
    }

    /** Inside an intent's transaction: throws unless {@code fence} is still the live lease. */
    static void checkFence(JournalDatabase db, Connection c, Fence fence) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LEASE_ROW + db.lockForShare())) {
            JournalStatements.bind(ps, fence.key());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new LeaseLostException("no lease on " + fence.key() + "; not journaling the intent");
                String holder = rs.getString(1);
                long token = rs.getLong(2);
                long expiresAt = rs.getLong(3);
                long now = db.leaseNow(c); // read after the lock: a wait for it cannot make an expired lease look live
                if (!holder.equals(fence.holder()) || token != fence.token()) {
                    throw new LeaseLostException("lease on " + fence.key() + " is now " + holder + "'s (token " + token
                            + "), not " + fence.holder() + "'s token " + fence.token() + "; not journaling the intent");
                }
                if (expiresAt <= now) {
                    throw new LeaseLostException("lease on " + fence.key() + " (token " + token + ") expired "
                            + (now - expiresAt) + " ms ago; not journaling the intent");
                }
            }
        }
    }
}
