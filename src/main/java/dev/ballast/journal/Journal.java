package dev.ballast.journal;

import static dev.ballast.journal.JournalSql.*;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The keeper's durable memory: every decision, transaction attempt, replacement and receipt, in an embedded SQLite
 * file (WAL mode, synchronous=FULL, so a commit survives kill -9 and power loss) or in a PostgreSQL database shared
 * by several keepers ({@link JournalTarget}). The schema is Flyway's ({@code db/journal/<engine>/}).
 *
 * <h2>Write-ahead protocol: no duplicate rebalance, whatever crashes when</h2>
 * <ol>
 *   <li>{@link #recordDecision} — the decision and the snapshot it came from.</li>
 *   <li>Sign the transaction with the account's next nonce, then {@link #recordIntent} — the raw signed bytes, hash,
 *       nonce and fees are committed <b>before</b> eth_sendRawTransaction. A transaction that is not journaled was
 *       never broadcast. With several keepers the intent carries a {@link Fence}: it commits only while the lease is
 *       still ours, in the same database transaction.</li>
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
 * <p>Calls are serialised within one process; several processes may share a PostgreSQL journal.
 */
public final class Journal implements AutoCloseable {
    private final JournalDatabase db;
    private final Clock clock;
    /** Highest decision id the retention walk has judged; decisions at or below it are not looked at again. */
    private long pruneCursor;

    private Journal(JournalDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public static Journal open(Path file) {
        return open(file, Clock.systemUTC());
    }

    /** Opens (creating if needed) and migrates the SQLite journal at {@code file}. */
    public static Journal open(Path file, Clock clock) {
        return open(new JournalTarget.Sqlite(file), clock);
    }

    /** Opens (creating the tables if needed) and migrates the journal at {@code target}. */
    public static Journal open(JournalTarget target, Clock clock) {
        return new Journal(JournalDatabase.open(target, clock), clock);
    }

    /** The SQLite file, or null for a PostgreSQL journal. */
    public Path file() {
        return db.target() instanceof JournalTarget.Sqlite s ? s.file() : null;
    }

    public JournalTarget target() {
        return db.target();
    }

    /** Flyway's applied schema version. */
    public String schemaVersion() {
        return db.schemaVersion();
    }

    /**
     * The journal's connection pool, for the tables its migrations create beside the journal's own (approvals, paper
     * ledger): they share the journal's database, engine and schema version, and never open the database a second way.
     * Connections come with auto-commit off; each user commits its own transactions.
     */
    public DataSource dataSource() {
        return db.dataSource();
    }

    /**
     * Runs {@code work} in one transaction of the journal's database (the approval and paper tables beside the
     * journal's own): committed, or rolled back; a failure is rethrown as a {@link JournalException} naming
     * {@code what} and the journal.
     */
    public <T> T inTransaction(String what, JournalWork<T> work) {
        return db.inTransaction(what, work);
    }

    /** The leases of this journal's database (several keepers on one PostgreSQL journal). */
    public Leases leases() {
        return new Leases(db, this);
    }

    /** Batch attempts and their member vaults (one transaction, many vaults; issue 16 §3). */
    public BatchJournal batches() {
        return new BatchJournal(db, this);
    }

    // ---- writes ----

    /** Journals a decision; returns its id. */
    public long recordDecision(String vault, long blockNumber, String snapshotJson, String decision, String reason) {
        return write(c -> JournalStatements.insert(c, INSERT_DECISION, vault, blockNumber, snapshotJson, decision,
                reason, now()));
    }

    /**
     * Journals many decisions in one commit, in order. A keeper with 1,000 quiet vaults would otherwise pay one fsync
     * per vault and block (~0.3 ms each on a local SSD, far more on network disks) before it could act on the one
     * vault that needs it.
     */
    public void recordDecisions(Collection<NewDecision> decisions) {
        if (decisions.isEmpty()) return;
        write(c -> {
            long now = now();
            try (PreparedStatement ps = c.prepareStatement(INSERT_DECISION)) {
                for (NewDecision d : decisions) {
                    JournalStatements.bind(ps, d.vault(), d.blockNumber(), d.snapshotJson(), d.decision(), d.reason(), now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /**
     * Journals many decisions in one commit, in order, and returns their ids in the same order: the decisions a round's
     * batch members carry out, written together before any batch is signed (one fsync for the round instead of one per
     * vault: 1,000 vaults spent ~9 s here under load, one commit apiece).
     */
    public List<Long> recordDecisionsWithIds(List<NewDecision> decisions) {
        if (decisions.isEmpty()) return List.of();
        return write(c -> {
            long now = now();
            List<Long> ids = new ArrayList<>();
            for (NewDecision d : decisions) {
                ids.add(JournalStatements.insert(c, INSERT_DECISION, d.vault(), d.blockNumber(), d.snapshotJson(),
                        d.decision(), d.reason(), now));
            }
            return ids;
        });
    }

    /** Journals a signed, not yet broadcast transaction (status INTENT); returns the attempt id. */
    public long recordIntent(TxIntent intent) {
        return write(c -> insertAttempt(c, intent, null, null));
    }

    /**
     * Journals the intent only if {@code fence} still holds: same holder, same token, not expired by the database's
     * clock. The lease row is read with a share lock, so a takeover waits for this transaction and then sees the
     * intent (and leaves the vault alone until it is resolved).
     *
     * @throws LeaseLostException when the lease was lost: nothing was written and the transaction must not be sent
     */
    public long recordIntent(TxIntent intent, Fence fence) {
        return write(c -> {
            Leases.checkFence(db, c, fence);
            return insertAttempt(c, intent, null, fence.token());
        });
    }

    /**
     * Journals a same-nonce replacement of {@code oldHash} (status INTENT, linked to the old one) and marks the old
     * one REPLACED, atomically. The old attempt must be unresolved and have the same sender and nonce.
     */
    public long recordReplacement(String oldHash, TxIntent replacement) {
        return write(c -> {
            TxAttempt old = attemptOrThrow(c, oldHash);
            if (!old.status().unresolved()) {
                throw new IllegalStateException("cannot replace " + oldHash + ": it is already " + old.status());
            }
            if (old.nonce() != replacement.nonce() || !old.sender().equalsIgnoreCase(replacement.sender())) {
                throw new IllegalArgumentException("a replacement must reuse sender and nonce: old " + old.sender()
                        + "/" + old.nonce() + ", new " + replacement.sender() + "/" + replacement.nonce());
            }
            setStatus(c, old.id(), AttemptStatus.REPLACED, null);
            long id = insertAttempt(c, replacement, old.id(), null);
            BatchJournal.copyMembers(c, old.id(), id); // a batch's replacement carries out the same members' decisions
            return id;
        });
    }

    /** The node accepted the transaction. */
    public void markSent(String txHash) {
        write(c -> transition(c, txHash, AttemptStatus.SENT, null));
    }

    /** The node refused the transaction at broadcast; {@code error} is the node's message. */
    public void markRejected(String txHash, String error) {
        write(c -> transition(c, txHash, AttemptStatus.REJECTED, error));
    }

    /** The transaction can never be mined (its nonce was used elsewhere, or it is known to be gone). */
    public void markDropped(String txHash, String why) {
        write(c -> transition(c, txHash, AttemptStatus.DROPPED, why));
    }

    /**
     * The broadcast's answer was lost (dropped connection, 5xx, timeout): the node may or may not hold the
     * transaction. It stays unresolved (PENDING_UNKNOWN) until a lookup by hash or nonce settles it.
     */
    public void markUnknown(String txHash, String why) {
        write(c -> transition(c, txHash, AttemptStatus.PENDING_UNKNOWN, why));
    }

    /**
     * Reopens a REJECTED attempt whose identical bytes are about to be broadcast again (the same decision signed at the
     * same nonce and fees gives the same hash): the journal keeps one row per transaction, never a second insert. Like
     * a fenced {@link #recordIntent(TxIntent, Fence)}, it commits only while each of {@code fences} still holds (none
     * for a lone keeper): a REJECTED attempt is resolved, so the vault's next holder may have acted on it since.
     *
     * @throws LeaseLostException when a lease was lost: nothing was written and the bytes must not be sent again
     */
    public void reopenRejected(String txHash, Collection<Fence> fences) {
        write(c -> {
            for (Fence f : fences) Leases.checkFence(db, c, f);
            TxAttempt a = attemptOrThrow(c, txHash);
            if (a.status() != AttemptStatus.REJECTED) {
                throw new IllegalStateException("attempt " + txHash + " is " + a.status() + ", not REJECTED");
            }
            setStatus(c, a.id(), AttemptStatus.INTENT, "re-broadcast after: " + a.error());
            return null;
        });
    }

    /**
     * Throws {@link LeaseLostException} unless each of {@code fences} still holds (same holder and token, not expired by
     * the database's clock): asked before identical bytes that are journaled and still open are broadcast again.
     */
    public void checkFences(Collection<Fence> fences) {
        if (fences.isEmpty()) return;
        write(c -> {
            for (Fence f : fences) Leases.checkFence(db, c, f);
            return null;
        });
    }

    /**
     * Records the receipt; the attempt becomes MINED/REVERTED and its unresolved same-nonce siblings DROPPED. Recording
     * a receipt that another keeper sharing the journal recorded first changes nothing.
     */
    public void recordReceipt(String txHash, TxReceipt receipt) {
        write(c -> {
            TxAttempt a = attemptOrThrow(c, txHash);
            JournalStatements.update(c, INSERT_RECEIPT, a.id(), receipt.blockNumber(), receipt.blockHash(),
                    receipt.success() ? 1 : 0, receipt.gasUsed().toString(), now());
            setStatus(c, a.id(), receipt.success() ? AttemptStatus.MINED : AttemptStatus.REVERTED, null);
            JournalStatements.update(c, DROP_SIBLINGS, AttemptStatus.DROPPED.name(), "nonce used by " + a.txHash(),
                    now(), a.sender(), a.nonce(), a.id());
            return null;
        });
    }

    /**
     * Un-does what blocks that a reorg removed had settled: each receipt recorded in one of {@code lostBlockHashes} is
     * deleted, its attempt becomes SENT again and the same-nonce siblings it had dropped become REPLACED again, so the
     * next reconciliation asks the new chain what happened. Returns the attempts reopened.
     */
    public List<TxAttempt> reopenReorged(Collection<String> lostBlockHashes) {
        if (lostBlockHashes.isEmpty()) return List.of();
        return write(c -> {
            List<TxAttempt> reopened = new ArrayList<>();
            for (String hash : lostBlockHashes) {
                for (long id : JournalStatements.longs(c, RECEIPTS_IN_BLOCK, hash)) {
                    reopened.add(reopen(c, id, "its block " + hash + " was reorganised away"));
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
        return write(c -> reopen(c, attemptOrThrow(c, txHash).id(), why));
    }

    private TxAttempt reopen(Connection c, long id, String why) throws SQLException {
        TxAttempt a = JournalStatements.attempts(c, "WHERE id = ?", id).getFirst();
        JournalStatements.update(c, DELETE_RECEIPT, id);
        setStatus(c, id, AttemptStatus.SENT, why);
        JournalStatements.update(c, RESTORE_SIBLINGS, AttemptStatus.REPLACED.name(), now(), a.sender(), a.nonce(), id,
                "nonce used by " + a.txHash());
        return JournalStatements.attempts(c, "WHERE id = ?", id).getFirst();
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
    public int pruneQuietDecisions(Set<String> quietKinds, long cutoffMillis, int maxRows) {
        if (quietKinds.isEmpty() || maxRows <= 0) return 0;
        return write(c -> {
            long from = pruneCursor;
            long to = from;
            try (PreparedStatement ps = c.prepareStatement(PRUNE_WINDOW)) {
                JournalStatements.bind(ps, from, maxRows);
                try (ResultSet rs = ps.executeQuery()) {
                    // ids grow with time: the first row inside the retention window ends the walk
                    while (rs.next() && rs.getLong(2) < cutoffMillis) to = rs.getLong(1);
                }
            }
            if (to == from) return 0;
            List<Object> args = new ArrayList<>(List.of(from, to));
            args.addAll(quietKinds);
            int deleted = JournalStatements.update(c, PRUNE_DELETE
                    + String.join(", ", Collections.nCopies(quietKinds.size(), "?")) + ")", args.toArray());
            pruneCursor = to; // a failed write rolls back and throws before this line: the walk is retried
            return deleted;
        });
    }

    /** How many decisions the journal holds (all kinds). */
    public long decisionCount() {
        return read(c -> JournalStatements.longs(c, COUNT_DECISIONS).getFirst());
    }

    /**
     * How many decisions have a MINED attempt, and how many of those have more than one: each is one rebalance on
     * chain, so the first must equal the vault's Rebalanced events and the second must be 0.
     */
    public MinedDecisions minedDecisions() {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(MINED_DECISIONS); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new MinedDecisions(rs.getLong(1), rs.getLong(2));
            }
        });
    }

    /** Attempts mined but reverted: a second send the vault's guards refused would show here. */
    public long revertedAttempts() {
        return read(c -> JournalStatements.longs(c, COUNT_REVERTED).getFirst());
    }

    /** Decisions with a MINED attempt, and how many of them have more than one. */
    public record MinedDecisions(long decisions, long withSeveral) {}

    // ---- reads ----

    /**
     * Every attempt ever journaled at {@code sender}'s {@code nonce}, whatever its status or decision, oldest first:
     * before a nonce is called "used by someone else", each of these hashes is looked up.
     */
    public List<TxAttempt> attemptsAtNonce(String sender, long nonce) {
        return read(c -> JournalStatements.attempts(c, "WHERE lower(sender) = lower(?) AND nonce = ? ORDER BY id",
                sender, nonce));
    }

    /** {@code sender}'s attempts at {@code nonce} or above, oldest first (what the nonce guard compares the chain to). */
    public List<TxAttempt> attemptsFromNonce(String sender, long nonce) {
        return read(c -> JournalStatements.attempts(c, "WHERE lower(sender) = lower(?) AND nonce >= ?"
                + " ORDER BY nonce, id", sender, nonce));
    }

    /** A receipt with the hash of the attempt it belongs to. */
    public record JournaledReceipt(String txHash, TxReceipt receipt) {}

    /** Receipts recorded for blocks at or above {@code fromBlock}: the ones a reorg could still take away. */
    public List<JournaledReceipt> receiptsFrom(long fromBlock) {
        return read(c -> {
            List<JournaledReceipt> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(RECEIPTS_FROM)) {
                JournalStatements.bind(ps, fromBlock);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new JournaledReceipt(rs.getString(1), JournalRows.receipt(rs, 2)));
                }
            }
            return out;
        });
    }

    public Optional<TxAttempt> attempt(String txHash) {
        return read(c -> findAttempt(c, txHash));
    }

    /** The attempt with this id, e.g. the one a replacement's {@code replacesId} points to. */
    public Optional<TxAttempt> attempt(long id) {
        return read(c -> JournalStatements.attempts(c, "WHERE id = ?", id).stream().findFirst());
    }

    /** Every unresolved attempt (INTENT, SENT, REPLACED), oldest first. */
    public List<TxAttempt> pendingTransactions() {
        return read(c -> JournalStatements.attempts(c, "WHERE status IN " + UNRESOLVED + " ORDER BY id"));
    }

    /** Unresolved attempts grouped by sender nonce, lowest nonce first: what {@link Reconciler} checks on restart. */
    public List<PendingNonce> pendingNonces() {
        Map<String, List<TxAttempt>> groups = new LinkedHashMap<>();
        for (TxAttempt a : read(c -> JournalStatements.attempts(c, "WHERE status IN " + UNRESOLVED
                + " ORDER BY sender, nonce, id"))) {
            groups.computeIfAbsent(a.sender().toLowerCase(Locale.ROOT) + "/" + a.nonce(), k -> new ArrayList<>()).add(a);
        }
        return groups.values().stream()
                .map(g -> new PendingNonce(g.getFirst().sender(), g.getFirst().nonce(), g.getFirst().vault(), g))
                .toList();
    }

    /**
     * Whether the vault has a transaction that might still execute, its own or a batch listing it: no new decision may
     * act until it is resolved.
     */
    public boolean hasUnresolved(String vault) {
        return read(c -> !JournalStatements.attempts(c, "WHERE (vault = ?" + BatchJournal.UNRESOLVED_MEMBER
                + ") AND status IN " + UNRESOLVED, vault, vault).isEmpty());
    }

    /**
     * The vaults {@link #hasUnresolved} may answer true for, lower case, in one read: the keeper reads it once per
     * round instead of once per vault (1,000 reads, each its own transaction, were ~0.3 s of a 1,000-vault head). A
     * superset, so a vault in it is asked {@link #hasUnresolved} again; a vault not in it has nothing unresolved.
     */
    public Set<String> unresolvedVaults() {
        return read(c -> {
            Set<String> out = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT vault FROM tx_attempts WHERE status IN " + UNRESOLVED
                    + " UNION SELECT vault FROM batch_members WHERE attempt_id IN (SELECT id FROM tx_attempts WHERE status IN "
                    + UNRESOLVED + ")"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1).toLowerCase(Locale.ROOT));
            }
            return out;
        });
    }

    /** The newest {@code n} decisions, newest first. */
    public List<Decision> recentDecisions(int n) {
        return read(c -> JournalStatements.decisions(c, RECENT_DECISIONS, n));
    }

    /** The vault's most recent rebalance that succeeded on chain (for cooldowns), if any. */
    public Optional<Rebalance> lastRebalance(String vault) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(LAST_REBALANCE)) {
                ps.setString(1, vault);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    long attemptId = rs.getLong(1);
                    long decisionId = rs.getLong(2);
                    TxReceipt receipt = JournalRows.receipt(rs, 3);
                    TxAttempt attempt = JournalStatements.attempts(c, "WHERE id = ?", attemptId).getFirst();
                    Decision decision = JournalStatements.decisions(c, DECISION_BY_ID, decisionId).getFirst();
                    return Optional.of(new Rebalance(decision, attempt, receipt));
                }
            }
        });
    }

    public Optional<TxReceipt> receipt(String txHash) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(RECEIPT_BY_HASH)) {
                ps.setString(1, txHash.toLowerCase(Locale.ROOT));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(JournalRows.receipt(rs, 1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public synchronized void close() {
        db.close();
    }

    // ---- internals ----

    /** Runs {@code work} in one transaction, committed, or rolled back and rethrown as a {@link JournalException}. */
    synchronized <T> T write(JournalWork<T> work) {
        return db.inTransaction("journal write", work);
    }

    private synchronized <T> T read(JournalWork<T> work) {
        return db.inTransaction("journal read", work);
    }

    long insertAttempt(Connection c, TxIntent i, Long replacesId, Long leaseToken) throws SQLException {
        long now = now();
        return JournalStatements.insert(c, INSERT_ATTEMPT, i.decisionId(), i.vault(), i.sender(), i.nonce(), i.txHash(),
                i.rawTx(), i.maxFeePerGas().toString(), i.maxPriorityFeePerGas().toString(),
                AttemptStatus.INTENT.name(), replacesId, now, now, leaseToken);
    }

    /** Moves an unresolved attempt to {@code to}; resolved attempts are final. */
    private Void transition(Connection c, String txHash, AttemptStatus to, String error) throws SQLException {
        TxAttempt a = attemptOrThrow(c, txHash);
        if (!a.status().unresolved()) {
            throw new IllegalStateException("attempt " + txHash + " is already " + a.status() + "; cannot mark " + to);
        }
        // a replacement journaled before the old one's broadcast was confirmed keeps the old one REPLACED
        setStatus(c, a.id(), a.status() == AttemptStatus.REPLACED && to == AttemptStatus.SENT ? a.status() : to, error);
        return null;
    }

    private void setStatus(Connection c, long id, AttemptStatus status, String error) throws SQLException {
        JournalStatements.update(c, SET_STATUS, status.name(), error, now(), id);
    }

    private static TxAttempt attemptOrThrow(Connection c, String txHash) throws SQLException {
        return findAttempt(c, txHash).orElseThrow(() -> new IllegalArgumentException("no journaled attempt " + txHash));
    }

    private static Optional<TxAttempt> findAttempt(Connection c, String txHash) throws SQLException {
        return JournalStatements.attempts(c, "WHERE tx_hash = ?", txHash.toLowerCase(Locale.ROOT)).stream().findFirst();
    }

    private long now() {
        return clock.millis();
    }
}
