package dev.ballast.journal;

/** Every statement the journal runs, in one place; each one is valid on SQLite and on PostgreSQL. */
final class JournalSql {
    private JournalSql() {
    }

    /** The statuses of {@link AttemptStatus#unresolved()}, as an SQL list. */
    static final String UNRESOLVED = "('INTENT', 'PENDING_UNKNOWN', 'SENT', 'REPLACED')";

    static final String INSERT_DECISION = "INSERT INTO decisions(vault, block_number, snapshot_json, decision,"
            + " reason, recorded_at) VALUES (?, ?, ?, ?, ?, ?)";
    static final String DECISION_COLUMNS = "id, vault, block_number, snapshot_json, decision, reason, recorded_at";
    static final String DECISION_BY_ID = "SELECT " + DECISION_COLUMNS + " FROM decisions WHERE id = ?";
    static final String RECENT_DECISIONS = "SELECT " + DECISION_COLUMNS + " FROM decisions ORDER BY id DESC LIMIT ?";
    static final String COUNT_DECISIONS = "SELECT COUNT(*) FROM decisions";

    static final String ATTEMPT_COLUMNS = "id, decision_id, vault, sender, nonce, tx_hash, raw_tx, max_fee_wei,"
            + " priority_fee_wei, status, replaces_id, error, created_at, updated_at";
    static final String INSERT_ATTEMPT = "INSERT INTO tx_attempts(decision_id, vault, sender, nonce, tx_hash, raw_tx,"
            + " max_fee_wei, priority_fee_wei, status, replaces_id, error, created_at, updated_at, lease_token)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)";
    static final String SET_STATUS = "UPDATE tx_attempts SET status = ?, error = ?, updated_at = ? WHERE id = ?";
    static final String DROP_SIBLINGS = "UPDATE tx_attempts SET status = ?, error = ?, updated_at = ? WHERE sender = ?"
            + " AND nonce = ? AND id <> ? AND status IN " + UNRESOLVED;
    static final String RESTORE_SIBLINGS = "UPDATE tx_attempts SET status = ?, error = NULL, updated_at = ?"
            + " WHERE sender = ? AND nonce = ? AND id <> ? AND status = 'DROPPED' AND error = ?";

    /** Idempotent: two keepers settling the same transaction record its receipt once. */
    static final String INSERT_RECEIPT = "INSERT INTO receipts(attempt_id, block_number, block_hash, success, gas_used,"
            + " recorded_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (attempt_id) DO NOTHING";
    static final String RECEIPTS_IN_BLOCK = "SELECT attempt_id FROM receipts WHERE lower(block_hash) = lower(?)";
    static final String DELETE_RECEIPT = "DELETE FROM receipts WHERE attempt_id = ?";
    static final String RECEIPTS_FROM = "SELECT a.tx_hash, r.block_number, r.block_hash, r.success, r.gas_used"
            + " FROM receipts r JOIN tx_attempts a ON a.id = r.attempt_id WHERE r.block_number >= ? ORDER BY r.block_number";
    static final String RECEIPT_BY_HASH = "SELECT r.block_number, r.block_hash, r.success, r.gas_used FROM receipts r"
            + " JOIN tx_attempts a ON a.id = r.attempt_id WHERE a.tx_hash = ?";
    static final String LAST_REBALANCE = "SELECT a.id, a.decision_id, r.block_number, r.block_hash, r.success,"
            + " r.gas_used FROM tx_attempts a JOIN receipts r ON r.attempt_id = a.id WHERE a.vault = ?"
            + " AND a.status = 'MINED' AND a.decision_id IS NOT NULL ORDER BY r.block_number DESC, a.id DESC LIMIT 1";
    static final String MINED_DECISIONS = "SELECT COUNT(*), COALESCE(SUM(CASE WHEN n > 1 THEN 1 ELSE 0 END), 0)"
            + " FROM (SELECT decision_id, COUNT(*) AS n FROM tx_attempts WHERE status = 'MINED' GROUP BY decision_id) m";

    static final String COUNT_REVERTED = "SELECT COUNT(*) FROM tx_attempts WHERE status = 'REVERTED'";

    static final String PRUNE_WINDOW = "SELECT id, recorded_at FROM decisions WHERE id > ? ORDER BY id LIMIT ?";
    /** Followed by the quiet kinds' placeholders and a closing parenthesis. */
    static final String PRUNE_DELETE = "DELETE FROM decisions WHERE id > ? AND id <= ? AND NOT EXISTS (SELECT 1"
            + " FROM tx_attempts a WHERE a.decision_id = decisions.id) AND NOT EXISTS (SELECT 1 FROM batch_members m"
            + " WHERE m.decision_id = decisions.id) AND decision IN (";

    // ---- leases (see Leases) ----
    static final String LEASE_SEED = "INSERT INTO leases(lease_key, holder, token, expires_at) VALUES (?, '', 0, 0)"
            + " ON CONFLICT (lease_key) DO NOTHING";
    /** Renews our unexpired lease (same token) or takes an expired one (token + 1); every SET reads the old row. */
    static final String LEASE_TAKE = "UPDATE leases SET token = CASE WHEN holder = ? AND expires_at > ? THEN token"
            + " ELSE token + 1 END, holder = ?, expires_at = ? WHERE lease_key = ? AND (holder = ? OR expires_at <= ?)";
    /** The leases a renewal just took or renewed: each got the renewal's own expiry. */
    static final String LEASES_TAKEN = "SELECT lease_key, token FROM leases WHERE holder = ? AND expires_at = ?";
    static final String LEASE_RELEASE = "UPDATE leases SET expires_at = ? WHERE lease_key = ? AND holder = ?";
    static final String LEASE_ROW = "SELECT holder, token, expires_at FROM leases WHERE lease_key = ?";
    static final String LEASES_HELD = "SELECT lease_key, token FROM leases WHERE holder = ? AND expires_at > ?";
    static final String HEARTBEAT_SEED = "INSERT INTO keepers(keeper_id, heartbeat_at) VALUES (?, ?)"
            + " ON CONFLICT (keeper_id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at";
    static final String LIVE_KEEPERS = "SELECT keeper_id FROM keepers WHERE heartbeat_at > ? ORDER BY keeper_id";
}
