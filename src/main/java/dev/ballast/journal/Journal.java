package dev.ballast.journal;

import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The keeper's durable memory: an embedded SQLite file (WAL mode, synchronous=FULL, so a commit survives kill -9
 * and power loss) holding every decision, transaction attempt, replacement and receipt.
 *
 * <h2>Write-ahead protocol: no duplicate rebalance, whatever crashes when</h2>
 * <ol>
 *   <li>{@link #recordDecision} — the decision and the snapshot it came from.</li>
 *   <li>Sign the transaction with the account's next nonce, then {@link #recordIntent} — the raw signed bytes, hash,
 *       nonce and fees are committed <b>before</b> eth_sendRawTransaction. A transaction that is not journaled was
 *       never broadcast.</li>
 *   <li>Broadcast; then {@link #markSent} (node accepted) or {@link #markRejected} (node refused it).</li>
 *   <li>To speed it up, sign a same-nonce replacement and {@link #recordReplacement} before broadcasting it.</li>
 *   <li>{@link #recordReceipt} when mined: the attempt becomes MINED or REVERTED and its same-nonce siblings
 *       DROPPED, in one transaction.</li>
 * </ol>
 * Every attempt of one decision shares one nonce, so at most one of them can ever execute. The keeper must make no
 * new decision for a vault, nor sign with a new nonce, while {@link #pendingNonces()} is not empty. After a crash,
 * {@link Reconciler} checks each pending nonce against the chain: a receipt resolves it, a nonce the chain has
 * moved past without any of our hashes means they were dropped, anything else is re-broadcast from the journaled
 * bytes — identical bytes are the same transaction, so re-sending can never add a second rebalance. A crash
 * before step 2 commits leaves a signed transaction nobody ever sent.
 *
 * <p>Not thread-safe beyond its own synchronization: one keeper process owns one journal file.
 */
public final class Journal implements AutoCloseable {
    private static final String INSERT_DECISION = "INSERT INTO decisions(vault, block_number, snapshot_json, decision,"
            + " reason, recorded_at) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String ATTEMPT_COLUMNS = "id, decision_id, vault, sender, nonce, tx_hash, raw_tx, max_fee_wei,"
            + " priority_fee_wei, status, replaces_id, error, created_at, updated_at";
    /** The statuses of {@link AttemptStatus#unresolved()}, as an SQL list. */
    private static final String UNRESOLVED = "('INTENT', 'PENDING_UNKNOWN', 'SENT', 'REPLACED')";

    private final Connection connection;
    private final Clock clock;
    private final Path file;
    /** Highest decision id the retention walk has judged; decisions at or below it are not looked at again. */
    private long pruneCursor;

    private Journal(Connection connection, Clock clock, Path file) {
        this.connection = connection;
        this.clock = clock;
        this.file = file;
    }

    public static Journal open(Path file) {
        return open(file, Clock.systemUTC());
    }

    /** Opens (creating if needed) and migrates the journal at {@code file}. */
    public static Journal open(Path file, Clock clock) {
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=5000");
            }
            c.setAutoCommit(false);
            JournalSchema.migrate(c);
            return new Journal(c, clock, file);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new JournalException("cannot open journal " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    public int schemaVersion() {
        return read(() -> JournalSchema.version(connection));
    }

    // ---- writes ----

    /** Journals a decision; returns its id. */
    public long recordDecision(String vault, long blockNumber, String snapshotJson, String decision, String reason) {
        return write(() -> insert(INSERT_DECISION, vault, blockNumber, snapshotJson, decision, reason, now()));
    }

    /**
     * Journals many decisions in one commit, in order. A keeper with 1,000 quiet vaults would otherwise pay one fsync
     * per vault and block (~0.3 ms each on a local SSD, far more on network disks) before it could act on the one
     * vault that needs it.
     */
    public void recordDecisions(java.util.Collection<NewDecision> decisions) {
        if (decisions.isEmpty()) return;
        write(() -> {
            long now = now();
            try (PreparedStatement ps = connection.prepareStatement(INSERT_DECISION)) {
                for (NewDecision d : decisions) {
                    bind(ps, d.vault(), d.blockNumber(), d.snapshotJson(), d.decision(), d.reason(), now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** Journals a signed, not yet broadcast transaction (status INTENT); returns the attempt id. */
    public long recordIntent(TxIntent intent) {
        return write(() -> insertAttempt(intent, null));
    }

    /**
     * Journals a same-nonce replacement of {@code oldHash} (status INTENT, linked to the old one) and marks the old
     * one REPLACED, atomically. The old attempt must be unresolved and have the same sender and nonce.
     */
    public long recordReplacement(String oldHash, TxIntent replacement) {
        return write(() -> {
            TxAttempt old = attemptOrThrow(oldHash);
            if (!old.status().unresolved()) {
                throw new IllegalStateException("cannot replace " + oldHash + ": it is already " + old.status());
            }
            if (old.nonce() != replacement.nonce() || !old.sender().equalsIgnoreCase(replacement.sender())) {
                throw new IllegalArgumentException("a replacement must reuse sender and nonce: old " + old.sender()
                        + "/" + old.nonce() + ", new " + replacement.sender() + "/" + replacement.nonce());
            }
            setStatus(old.id(), AttemptStatus.REPLACED, null);
            return insertAttempt(replacement, old.id());
        });
    }

    /** The node accepted the transaction. */
    public void markSent(String txHash) {
        write(() -> transition(txHash, AttemptStatus.SENT, null));
    }

    /** The node refused the transaction at broadcast; {@code error} is the node's message. */
    public void markRejected(String txHash, String error) {
        write(() -> transition(txHash, AttemptStatus.REJECTED, error));
    }

    /** The transaction can never be mined (its nonce was used elsewhere, or it is known to be gone). */
    public void markDropped(String txHash, String why) {
        write(() -> transition(txHash, AttemptStatus.DROPPED, why));
    }

    /**
     * The broadcast's answer was lost (dropped connection, 5xx, timeout): the node may or may not hold the
     * transaction. It stays unresolved (PENDING_UNKNOWN) until a lookup by hash or nonce settles it.
     */
    public void markUnknown(String txHash, String why) {
        write(() -> transition(txHash, AttemptStatus.PENDING_UNKNOWN, why));
    }

    /**
     * Reopens a REJECTED attempt whose identical bytes are about to be broadcast again (the same decision signed at the
     * same nonce and fees gives the same hash): the journal keeps one row per transaction, never a second insert.
     */
    public void reopenRejected(String txHash) {
        write(() -> {
            TxAttempt a = attemptOrThrow(txHash);
            if (a.status() != AttemptStatus.REJECTED) {
                throw new IllegalStateException("attempt " + txHash + " is " + a.status() + ", not REJECTED");
            }
            setStatus(a.id(), AttemptStatus.INTENT, "re-broadcast after: " + a.error());
            return null;
        });
    }

    /** Records the receipt; the attempt becomes MINED/REVERTED and its unresolved same-nonce siblings DROPPED. */
    public void recordReceipt(String txHash, TxReceipt receipt) {
        write(() -> {
            TxAttempt a = attemptOrThrow(txHash);
            insert("INSERT INTO receipts(attempt_id, block_number, block_hash, success, gas_used, recorded_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)", a.id(), receipt.blockNumber(), receipt.blockHash(),
                    receipt.success() ? 1 : 0, receipt.gasUsed().toString(), now());
            setStatus(a.id(), receipt.success() ? AttemptStatus.MINED : AttemptStatus.REVERTED, null);
            try (PreparedStatement ps = connection.prepareStatement("UPDATE tx_attempts SET status = ?, error = ?,"
                    + " updated_at = ? WHERE sender = ? AND nonce = ? AND id <> ? AND status IN " + UNRESOLVED)) {
                bind(ps, AttemptStatus.DROPPED.name(), "nonce used by " + a.txHash(), now(), a.sender(), a.nonce(),
                        a.id());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Un-does what blocks that a reorg removed had settled: each receipt recorded in one of {@code lostBlockHashes} is
     * deleted, its attempt becomes SENT again and the same-nonce siblings it had dropped become REPLACED again, so the
     * next reconciliation asks the new chain what happened. Returns the attempts reopened.
     */
    public List<TxAttempt> reopenReorged(java.util.Collection<String> lostBlockHashes) {
        if (lostBlockHashes.isEmpty()) return List.of();
        return write(() -> {
            List<TxAttempt> reopened = new ArrayList<>();
            for (String hash : lostBlockHashes) {
                List<Long> ids = new ArrayList<>();
                try (PreparedStatement ps = connection.prepareStatement(
                        "SELECT attempt_id FROM receipts WHERE lower(block_hash) = lower(?)")) {
                    bind(ps, hash);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) ids.add(rs.getLong(1));
                    }
                }
                for (long id : ids) {
                    reopened.add(reopen(id, "its block " + hash + " was reorganised away"));
                }
            }
            return reopened;
        });
    }

    /**
     * Withdraws the receipt of {@code txHash} because its block is no longer canonical (found by comparing block
     * hashes, whether or not a reorg was reported): the attempt becomes SENT again and the siblings it had dropped
     * REPLACED, as in {@link #reopenReorged}. Returns the reopened attempt.
     */
    public TxAttempt withdrawReceipt(String txHash, String why) {
        return write(() -> reopen(attemptOrThrow(txHash).id(), why));
    }

    private TxAttempt reopen(long id, String why) throws SQLException {
        TxAttempt a = attempts("WHERE id = ?", id).getFirst();
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM receipts WHERE attempt_id = ?")) {
            bind(ps, id);
            ps.executeUpdate();
        }
        setStatus(id, AttemptStatus.SENT, why);
        try (PreparedStatement ps = connection.prepareStatement("UPDATE tx_attempts SET status = ?, error = NULL,"
                + " updated_at = ? WHERE sender = ? AND nonce = ? AND id <> ? AND status = 'DROPPED'"
                + " AND error = ?")) {
            bind(ps, AttemptStatus.REPLACED.name(), now(), a.sender(), a.nonce(), id, "nonce used by " + a.txHash());
            ps.executeUpdate();
        }
        return attempts("WHERE id = ?", id).getFirst();
    }

    // ---- retention ----

    /**
     * Deletes quiet decisions recorded before {@code cutoffMillis}: those whose kind is in {@code quietKinds} and that
     * no transaction attempt points at (every decision that traded, its attempts and receipts are kept forever). Each
     * call walks forward by id from where the previous one stopped and looks at no more than {@code maxRows} rows,
     * one primary-key range: the cost per call is bounded, never a scan of the table, so it can run every block.
     * SQLite reuses the freed pages, so the file stops growing once the oldest kept quiet decision is as old as the
     * retention. Returns how many rows were deleted.
     */
    public int pruneQuietDecisions(java.util.Set<String> quietKinds, long cutoffMillis, int maxRows) {
        if (quietKinds.isEmpty() || maxRows <= 0) return 0;
        return write(() -> {
            long from = pruneCursor;
            long to = from;
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT id, recorded_at FROM decisions WHERE id > ? ORDER BY id LIMIT ?")) {
                bind(ps, from, maxRows);
                try (ResultSet rs = ps.executeQuery()) {
                    // ids grow with time: the first row inside the retention window ends the walk
                    while (rs.next() && rs.getLong(2) < cutoffMillis) to = rs.getLong(1);
                }
            }
            if (to == from) return 0;
            String kinds = String.join(", ", java.util.Collections.nCopies(quietKinds.size(), "?"));
            List<Object> args = new ArrayList<>(List.of(from, to));
            args.addAll(quietKinds);
            int deleted;
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM decisions WHERE id > ? AND id <= ?"
                    + " AND decision IN (" + kinds + ") AND NOT EXISTS (SELECT 1 FROM tx_attempts a"
                    + " WHERE a.decision_id = decisions.id)")) {
                bind(ps, args.toArray());
                deleted = ps.executeUpdate();
            }
            pruneCursor = to; // a failed write rolls back and throws before this line: the walk is retried
            return deleted;
        });
    }

    /** How many decisions the journal holds (all kinds). */
    public long decisionCount() {
        return read(() -> {
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM decisions")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /**
     * How many decisions have a MINED attempt, and how many of those have more than one: each is one rebalance on
     * chain, so the first must equal the vault's Rebalanced events and the second must be 0.
     */
    public MinedDecisions minedDecisions() {
        return read(() -> {
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*),"
                    + " COALESCE(SUM(n > 1), 0) FROM (SELECT decision_id, COUNT(*) AS n FROM tx_attempts"
                    + " WHERE status = 'MINED' GROUP BY decision_id)")) {
                rs.next();
                return new MinedDecisions(rs.getLong(1), rs.getLong(2));
            }
        });
    }

    /** Decisions with a MINED attempt, and how many of them have more than one. */
    public record MinedDecisions(long decisions, long withSeveral) {}

    // ---- reads ----

    /**
     * Every attempt ever journaled at {@code sender}'s {@code nonce}, whatever its status or decision, oldest first:
     * before a nonce is called "used by someone else", each of these hashes is looked up.
     */
    public List<TxAttempt> attemptsAtNonce(String sender, long nonce) {
        return read(() -> attempts("WHERE lower(sender) = lower(?) AND nonce = ? ORDER BY id", sender, nonce));
    }

    /** {@code sender}'s attempts at {@code nonce} or above, oldest first (what the nonce guard compares the chain to). */
    public List<TxAttempt> attemptsFromNonce(String sender, long nonce) {
        return read(() -> attempts("WHERE lower(sender) = lower(?) AND nonce >= ? ORDER BY nonce, id", sender, nonce));
    }

    /** A receipt with the hash of the attempt it belongs to. */
    public record JournaledReceipt(String txHash, TxReceipt receipt) {}

    /** Receipts recorded for blocks at or above {@code fromBlock}: the ones a reorg could still take away. */
    public List<JournaledReceipt> receiptsFrom(long fromBlock) {
        return read(() -> {
            List<JournaledReceipt> out = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT a.tx_hash, r.block_number, r.block_hash,"
                    + " r.success, r.gas_used FROM receipts r JOIN tx_attempts a ON a.id = r.attempt_id"
                    + " WHERE r.block_number >= ? ORDER BY r.block_number")) {
                bind(ps, fromBlock);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new JournaledReceipt(rs.getString(1), new TxReceipt(rs.getLong(2), rs.getString(3),
                                rs.getInt(4) == 1, new BigInteger(rs.getString(5)))));
                    }
                }
            }
            return out;
        });
    }

    public Optional<TxAttempt> attempt(String txHash) {
        return read(() -> findAttempt(txHash));
    }

    /** The attempt with this id, e.g. the one a replacement's {@code replacesId} points to. */
    public Optional<TxAttempt> attempt(long id) {
        return read(() -> attempts("WHERE id = ?", id).stream().findFirst());
    }

    /** Every unresolved attempt (INTENT, SENT, REPLACED), oldest first. */
    public List<TxAttempt> pendingTransactions() {
        return read(() -> attempts("WHERE status IN " + UNRESOLVED + " ORDER BY id"));
    }

    /** Unresolved attempts grouped by sender nonce, lowest nonce first: what {@link Reconciler} checks on restart. */
    public List<PendingNonce> pendingNonces() {
        Map<String, List<TxAttempt>> groups = new LinkedHashMap<>();
        for (TxAttempt a : read(() -> attempts("WHERE status IN " + UNRESOLVED
                + " ORDER BY sender, nonce, id"))) {
            groups.computeIfAbsent(a.sender().toLowerCase(Locale.ROOT) + "/" + a.nonce(), k -> new ArrayList<>()).add(a);
        }
        return groups.values().stream()
                .map(g -> new PendingNonce(g.getFirst().sender(), g.getFirst().nonce(), g.getFirst().vault(), g))
                .toList();
    }

    /** Whether the vault has a transaction that might still execute: no new decision may act until it is resolved. */
    public boolean hasUnresolved(String vault) {
        return read(() -> !attempts("WHERE vault = ? AND status IN " + UNRESOLVED, vault).isEmpty());
    }

    /** The newest {@code n} decisions, newest first. */
    public List<Decision> recentDecisions(int n) {
        return read(() -> {
            List<Decision> out = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT id, vault, block_number, snapshot_json,"
                    + " decision, reason, recorded_at FROM decisions ORDER BY id DESC LIMIT ?")) {
                ps.setInt(1, n);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(JournalRows.decision(rs));
                    }
                }
            }
            return out;
        });
    }

    /** The vault's most recent rebalance that succeeded on chain (for cooldowns), if any. */
    public Optional<Rebalance> lastRebalance(String vault) {
        return read(() -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT a.id, a.decision_id, r.block_number,"
                    + " r.block_hash, r.success, r.gas_used FROM tx_attempts a JOIN receipts r ON r.attempt_id = a.id"
                    + " WHERE a.vault = ? AND a.status = 'MINED' AND a.decision_id IS NOT NULL"
                    + " ORDER BY r.block_number DESC, a.id DESC LIMIT 1")) {
                ps.setString(1, vault);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    long attemptId = rs.getLong(1);
                    long decisionId = rs.getLong(2);
                    TxReceipt receipt = new TxReceipt(rs.getLong(3), rs.getString(4), rs.getInt(5) == 1,
                            new BigInteger(rs.getString(6)));
                    TxAttempt attempt = attempts("WHERE id = ?", attemptId).getFirst();
                    return Optional.of(new Rebalance(decision(decisionId), attempt, receipt));
                }
            }
        });
    }

    public Optional<TxReceipt> receipt(String txHash) {
        return read(() -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT r.block_number, r.block_hash, r.success,"
                    + " r.gas_used FROM receipts r JOIN tx_attempts a ON a.id = r.attempt_id WHERE a.tx_hash = ?")) {
                ps.setString(1, txHash.toLowerCase(Locale.ROOT));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new TxReceipt(rs.getLong(1), rs.getString(2), rs.getInt(3) == 1,
                            new BigInteger(rs.getString(4)))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new JournalException("cannot close journal " + file + ": " + e.getMessage(), e);
        }
    }

    // ---- internals ----

    @FunctionalInterface
    private interface Sql<T> {
        T run() throws SQLException;
    }

    private synchronized <T> T write(Sql<T> work) {
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof SQLException sql) {
                throw new JournalException("journal write failed (" + file + "): " + sql.getMessage(), sql);
            }
            throw (RuntimeException) e;
        }
    }

    private synchronized <T> T read(Sql<T> work) {
        try {
            T result = work.run();
            connection.commit(); // ends the read transaction so WAL checkpoints are not held back
            return result;
        } catch (SQLException e) {
            throw new JournalException("journal read failed (" + file + "): " + e.getMessage(), e);
        }
    }

    private long insertAttempt(TxIntent i, Long replacesId) throws SQLException {
        long now = now();
        return insert("INSERT INTO tx_attempts(decision_id, vault, sender, nonce, tx_hash, raw_tx, max_fee_wei,"
                        + " priority_fee_wei, status, replaces_id, error, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)", i.decisionId(), i.vault(), i.sender(),
                i.nonce(), i.txHash(), i.rawTx(), i.maxFeePerGas().toString(), i.maxPriorityFeePerGas().toString(),
                AttemptStatus.INTENT.name(), replacesId, now, now);
    }

    /** Moves an unresolved attempt to {@code to}; resolved attempts are final. */
    private Void transition(String txHash, AttemptStatus to, String error) throws SQLException {
        TxAttempt a = attemptOrThrow(txHash);
        if (!a.status().unresolved()) {
            throw new IllegalStateException("attempt " + txHash + " is already " + a.status() + "; cannot mark " + to);
        }
        // a replacement journaled before the old one's broadcast was confirmed keeps the old one REPLACED
        setStatus(a.id(), a.status() == AttemptStatus.REPLACED && to == AttemptStatus.SENT ? a.status() : to, error);
        return null;
    }

    private void setStatus(long id, AttemptStatus status, String error) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE tx_attempts SET status = ?, error = ?, updated_at = ? WHERE id = ?")) {
            bind(ps, status.name(), error, now(), id);
            ps.executeUpdate();
        }
    }

    private TxAttempt attemptOrThrow(String txHash) throws SQLException {
        return findAttempt(txHash).orElseThrow(() -> new IllegalArgumentException("no journaled attempt " + txHash));
    }

    private Optional<TxAttempt> findAttempt(String txHash) throws SQLException {
        List<TxAttempt> found = attempts("WHERE tx_hash = ?", txHash.toLowerCase(Locale.ROOT));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    private List<TxAttempt> attempts(String where, Object... args) throws SQLException {
        List<TxAttempt> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + ATTEMPT_COLUMNS + " FROM tx_attempts "
                + where)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(JournalRows.attempt(rs));
                }
            }
        }
        return out;
    }

    private Decision decision(long id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT id, vault, block_number, snapshot_json,"
                + " decision, reason, recorded_at FROM decisions WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return JournalRows.decision(rs);
            }
        }
    }

    private long insert(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, args);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : -1;
            }
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    private long now() {
        return clock.millis();
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already failing; the open error is the one to report
            }
        }
    }
}
