package dev.ballast.approval;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The journal tables of issue 19 §2 (proposals, their Safe signatures, vault holds), in ONE place: the journal's own
 * migrations are moving to Flyway (h/pg), and these statements are meant to be folded into a migration as they are.
 * Until then they are applied idempotently ({@code IF NOT EXISTS}) when an {@link ApprovalJournal} opens the file.
 */
final class ApprovalSchema {
    static final List<String> DDL = List.of(
            """
            CREATE TABLE IF NOT EXISTS proposals (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              vault TEXT NOT NULL,
              vault_name TEXT NOT NULL,
              decision_id INTEGER,
              block_number INTEGER NOT NULL,
              legs_json TEXT NOT NULL,
              calldata TEXT NOT NULL,
              expected_out TEXT NOT NULL,
              oracle_out TEXT NOT NULL,
              gas_limit TEXT NOT NULL,
              expires_block INTEGER NOT NULL,
              expires_at INTEGER NOT NULL,
              safe TEXT,
              safe_nonce TEXT,
              safe_tx_hash TEXT,
              status TEXT NOT NULL,
              status_reason TEXT,
              status_by TEXT,
              tx_hash TEXT,
              created_at INTEGER NOT NULL,
              updated_at INTEGER NOT NULL)""",
            // at most one OPEN proposal per vault: the keeper's suppression rule, enforced by the file itself
            "CREATE UNIQUE INDEX IF NOT EXISTS proposals_one_open ON proposals(vault) WHERE status = 'OPEN'",
            """
            CREATE TABLE IF NOT EXISTS proposal_signatures (
              proposal_id INTEGER NOT NULL REFERENCES proposals(id),
              owner TEXT NOT NULL,
              signature TEXT NOT NULL,
              recorded_at INTEGER NOT NULL,
              PRIMARY KEY (proposal_id, owner))""",
            """
            CREATE TABLE IF NOT EXISTS vault_holds (
              vault TEXT PRIMARY KEY,
              held_by TEXT NOT NULL,
              reason TEXT NOT NULL,
              held_at INTEGER NOT NULL)""",
            // every hold and release, kept forever: who stopped the keeper for a vault, when and why
            """
            CREATE TABLE IF NOT EXISTS hold_events (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              vault TEXT NOT NULL,
              action TEXT NOT NULL,
              who TEXT NOT NULL,
              reason TEXT NOT NULL,
              recorded_at INTEGER NOT NULL)""");

    private ApprovalSchema() {}

    static void apply(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : DDL) s.execute(sql);
        }
        c.commit();
    }
}
