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
     * In one transaction: records {@code holder}'s heartbeat, renews or takes each of {@code keys} that is free,
     * expired or already ours (for {@code ttl}), and gives up {@code release}. Returns the fences now held, by key;
     * a key held by another live lease is absent.
     */
    public Map<String, Fence> renew(String holder, Collection<String> keys, Collection<String> release, Duration ttl) {
        return writer.write(c -> {
            long now = db.leaseNow(c);
            JournalStatements.update(c, HEARTBEAT_SEED, holder, now);
            for (String key : release) JournalStatements.update(c, LEASE_RELEASE, now, key, holder);
            Map<String, Fence> held = new LinkedHashMap<>();
            long until = now + ttl.toMillis();
            for (String key : keys) {
                JournalStatements.update(c, LEASE_SEED, key);
                if (JournalStatements.update(c, LEASE_TAKE, holder, now, holder, until, key, holder, now) == 1) {
                    held.put(key, new Fence(key, holder, JournalStatements.longs(c, LEASE_TOKEN, key, holder).getFirst()));
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
