package dev.ballast.journal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Creates and migrates the journal's tables. Migration i (0-based) takes the schema from version i to i + 1; the
 * version is stored in {@code schema_version}. Add migrations at the end; never edit a released one.
 */
final class JournalSchema {
    static final List<List<String>> MIGRATIONS = List.of(List.of(
            """
            CREATE TABLE decisions (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              vault TEXT NOT NULL,
              block_number INTEGER NOT NULL,
              snapshot_json TEXT NOT NULL,
              decision TEXT NOT NULL,
              reason TEXT NOT NULL,
              recorded_at INTEGER NOT NULL)""",
            "CREATE INDEX decisions_by_vault ON decisions(vault, id)",
            """
            CREATE TABLE tx_attempts (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              decision_id INTEGER REFERENCES decisions(id),
              vault TEXT NOT NULL,
              sender TEXT NOT NULL,
              nonce INTEGER NOT NULL,
              tx_hash TEXT NOT NULL UNIQUE,
              raw_tx TEXT NOT NULL,
              max_fee_wei TEXT NOT NULL,
              priority_fee_wei TEXT NOT NULL,
              status TEXT NOT NULL,
              replaces_id INTEGER REFERENCES tx_attempts(id),
              error TEXT,
              created_at INTEGER NOT NULL,
              updated_at INTEGER NOT NULL)""",
            "CREATE INDEX attempts_by_status ON tx_attempts(status)",
            "CREATE INDEX attempts_by_nonce ON tx_attempts(sender, nonce)",
            """
            CREATE TABLE receipts (
              attempt_id INTEGER PRIMARY KEY REFERENCES tx_attempts(id),
              block_number INTEGER NOT NULL,
              block_hash TEXT NOT NULL,
              success INTEGER NOT NULL,
              gas_used TEXT NOT NULL,
              recorded_at INTEGER NOT NULL)"""),
            // retention deletes a decision only if no attempt points at it: answered by this index, not a table scan
            List.of("CREATE INDEX attempts_by_decision ON tx_attempts(decision_id)"));

    static final int LATEST = MIGRATIONS.size();

    private JournalSchema() {
    }

    /** Brings the schema to {@link #LATEST}; refuses a journal written by a newer version. */
    static void migrate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        }
        int current = version(c);
        if (current > LATEST) {
            throw new SQLException("journal schema version " + current + " is newer than this keeper's " + LATEST
                    + "; upgrade Ballast or use another journal file");
        }
        for (int v = current; v < LATEST; v++) {
            try (Statement s = c.createStatement()) {
                for (String sql : MIGRATIONS.get(v)) {
                    s.execute(sql);
                }
                s.execute("DELETE FROM schema_version");
                s.execute("INSERT INTO schema_version(version) VALUES (" + (v + 1) + ")");
            }
            c.commit();
        }
    }

    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
