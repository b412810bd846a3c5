package dev.ballast.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * The keeper's journal, opened read-only (SQLite's own read-only mode: a write through this connection fails in the
 * driver), beside the keeper that writes it (WAL lets readers and the writer run at once). Only the queries the
 * dashboard needs, each one bounded: a vault's newest row or its history through the (vault, id) index, rows after
 * an id, aggregates. Nothing reads the whole decisions table, so a 90-day journal of 1,000 vaults costs the page one
 * vault's rows at a time. One connection shared by the refresh thread, the history loader and page requests:
 * every method holds its lock (each query is short).
 */
final class JournalReader implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNRESOLVED = "('INTENT', 'PENDING_UNKNOWN', 'SENT', 'REPLACED')";

    private final Connection connection;

    private JournalReader(Connection connection) {
        this.connection = connection;
    }

    /** @throws IllegalArgumentException naming the file when it is missing or is not a journal */
    static JournalReader open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("journal.path: no journal at " + file + " (has the keeper run yet?)");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5000);
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT id FROM decisions LIMIT 1")) {
                rs.next();
            }
            return new JournalReader(c);
        } catch (SQLException e) {
            throw new IllegalArgumentException("journal.path: cannot read " + file + " as a keeper journal: "
                    + e.getMessage(), e);
        }
    }

    /** A decision's snapshot: the vault's assets at one read. Prices are 18-decimal numeraire; only ratios matter. */
    record Snapshot(long time, String[] ids, double[] values, double[] prices, double[] targets, long gasPriceWei,
            long nativePrice) {
        double nav() {
            double n = 0;
            for (double v : values) n += v;
            return n;
        }
    }

    /** A journaled decision with a snapshot: {@code recordedAt} epoch millis. */
    record Row(long id, String vault, long block, long recordedAt, Snapshot snapshot) {}

    /** A rebalance transaction the journal saw mined (or reverted). */
    record RebalanceRow(String vault, String txHash, boolean success, long block, long recordedAt, Snapshot snapshot,
            String reason, BigInteger gasUsed) {}

    /** The newest decision id (0 for an empty journal): history is loaded up to it, refreshes follow after it. */
    synchronized long maxId() throws SQLException {
        String max = single("SELECT COALESCE(MAX(id), 0) FROM decisions");
        return max == null ? 0 : Long.parseLong(max);
    }

    /**
     * The vault column's spellings per lower-cased address (the keeper journals the address as configured, so a
     * checksummed and a lower-case config can both occur). Read off the (vault, id) index, not the rows.
     */
    synchronized Map<String, List<String>> vaultSpellings() throws SQLException {
        Map<String, List<String>> out = new HashMap<>();
        try (var s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT DISTINCT vault FROM decisions")) {
            while (rs.next()) {
                String v = rs.getString(1);
                out.computeIfAbsent(v.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(v);
            }
        }
        return out;
    }

    /**
     * Every vault's newest decision at or before id {@code upToId}, in one pass over the (vault, id) index; a vault
     * whose newest row has no snapshot (or is older than {@code sinceMillis}) is left to {@link #latest}.
     */
    synchronized List<Row> newestPerVault(long sinceMillis, long upToId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT id, vault, block_number, recorded_at,"
                + " snapshot_json FROM decisions WHERE id IN (SELECT MAX(id) FROM decisions WHERE id <= ? GROUP BY vault)"
                + " AND recorded_at >= ? ORDER BY id")) {
            s.setLong(1, upToId);
            s.setLong(2, sinceMillis);
            return rows(s);
        }
    }

    /** A vault's newest decision with a snapshot at or before id {@code upToId}, recorded since {@code sinceMillis}. */
    synchronized Optional<Row> latest(List<String> spellings, long sinceMillis, long upToId) throws SQLException {
        Row best = null;
        for (String v : spellings) {
            try (PreparedStatement s = connection.prepareStatement("SELECT id, vault, block_number, recorded_at,"
                    + " snapshot_json FROM decisions WHERE vault = ? AND id <= ? AND recorded_at >= ?"
                    + " AND snapshot_json <> '{}' ORDER BY id DESC LIMIT 1")) {
                s.setString(1, v);
                s.setLong(2, upToId);
                s.setLong(3, sinceMillis);
                for (Row r : rows(s)) if (best == null || r.id() > best.id()) best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * A vault's decisions with a snapshot recorded since {@code sinceMillis} up to id {@code upToId}, in id order:
     * one vault's rows through the (vault, id) index, so the page can ask for any vault's charts at once.
     */
    synchronized List<Row> history(List<String> spellings, long sinceMillis, long upToId) throws SQLException {
        List<Row> out = new ArrayList<>();
        for (String v : spellings) {
            try (PreparedStatement s = connection.prepareStatement("SELECT id, vault, block_number, recorded_at,"
                    + " snapshot_json FROM decisions WHERE vault = ? AND id <= ? AND recorded_at >= ?"
                    + " AND snapshot_json <> '{}' ORDER BY id")) {
                s.setString(1, v);
                s.setLong(2, upToId);
                s.setLong(3, sinceMillis);
                out.addAll(rows(s));
            }
        }
        if (spellings.size() > 1) out.sort(Comparator.comparingLong(Row::id));
        return out;
    }

    /** Decisions with a snapshot after id {@code afterId} (at most {@code limit}), in id order. */
    synchronized List<Row> after(long afterId, int limit) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT id, vault, block_number, recorded_at, snapshot_json"
                + " FROM decisions WHERE id > ? AND snapshot_json <> '{}' ORDER BY id LIMIT ?")) {
            s.setLong(1, afterId);
            s.setInt(2, limit);
            return rows(s);
        }
    }

    private static List<Row> rows(PreparedStatement s) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                Snapshot snap = snapshot(rs.getString(5));
                if (snap != null) out.add(new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), snap));
            }
        }
        return out;
    }

    /** Mined and reverted rebalances created since {@code sinceMillis}, oldest first. */
    synchronized List<RebalanceRow> rebalances(long sinceMillis) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT a.vault, a.tx_hash, a.status, d.block_number,"
                + " d.recorded_at, d.snapshot_json, d.reason, r.gas_used FROM tx_attempts a"
                + " JOIN decisions d ON d.id = a.decision_id LEFT JOIN receipts r ON r.attempt_id = a.id"
                + " WHERE a.status IN ('MINED', 'REVERTED') AND a.created_at >= ? ORDER BY a.id")) {
            s.setLong(1, sinceMillis);
            List<RebalanceRow> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String gas = rs.getString(8);
                    out.add(new RebalanceRow(rs.getString(1), rs.getString(2), "MINED".equals(rs.getString(3)),
                            rs.getLong(4), rs.getLong(5), snapshot(rs.getString(6)), rs.getString(7),
                            gas == null ? null : new BigInteger(gas)));
                }
            }
            return out;
        }
    }

    /** Changes whenever an attempt is added or changes status: the cue to re-read {@link #rebalances}. */
    synchronized String attemptsVersion() throws SQLException {
        return single("SELECT COUNT(*) || ':' || COALESCE(MAX(updated_at), 0) FROM tx_attempts");
    }

    /** Broadcast and not final yet (one per nonce: a replacement is the same pending transaction). */
    record Pending(int count, long oldestCreatedAt) {}

    synchronized Pending pending() throws SQLException {
        try (var s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(DISTINCT sender || ':'"
                + " || nonce), COALESCE(MIN(created_at), 0) FROM tx_attempts WHERE status IN " + UNRESOLVED)) {
            rs.next();
            return new Pending(rs.getInt(1), rs.getLong(2));
        }
    }

    /** The address the keeper signs with, as journaled on its last transaction (the dashboard never sees a key). */
    synchronized Optional<String> signer() throws SQLException {
        return Optional.ofNullable(single("SELECT sender FROM tx_attempts ORDER BY id DESC LIMIT 1"));
    }

    /** Block and time (millis) of the keeper's last journaled decision. */
    record Last(long block, long recordedAt) {}

    synchronized Optional<Last> lastDecision() throws SQLException {
        try (var s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT block_number, recorded_at FROM decisions ORDER BY id DESC LIMIT 1")) {
            return rs.next() ? Optional.of(new Last(rs.getLong(1), rs.getLong(2))) : Optional.empty();
        }
    }

    private String single(String sql) throws SQLException {
        try (var s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The journaled snapshot JSON (keeper/SnapshotJson), or null for a row without one. */
    static Snapshot snapshot(String json) {
        if (json == null || json.length() < 3) return null;
        try {
            JsonNode root = JSON.readTree(json);
            JsonNode assets = root.path("assets");
            int n = assets.size();
            if (n == 0) return null;
            String[] ids = new String[n];
            double[] values = new double[n];
            double[] prices = new double[n];
            double[] targets = new double[n];
            for (int i = 0; i < n; i++) {
                JsonNode a = assets.get(i);
                ids[i] = a.path("id").asText();
                values[i] = a.path("value").asLong() / 1e8;
                String price = a.path("price").asText("null");
                // a value-only asset has no price: its value stands in (its "return" is then its value's change)
                prices[i] = "null".equals(price) ? Math.max(values[i], 1e-8) : Double.parseDouble(price);
                targets[i] = a.path("targetWeight").asLong() / 1e18;
            }
            return new Snapshot(root.path("time").asLong(), ids, values, prices, targets,
                    root.path("gasPriceWei").asLong(), root.path("nativePrice").asLong());
        } catch (IOException | RuntimeException e) {
            return null; // a row this version cannot read is left out of the charts, not fatal to the page
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a read-only connection loses nothing
        }
    }
}
