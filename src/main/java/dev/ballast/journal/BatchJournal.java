package dev.ballast.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Batch transactions in the journal (migration V6): one attempt, many member vaults, each with the decision it carries
 * out. The write-ahead protocol of {@link Journal} holds for a batch exactly as for a lone transaction (the attempt is
 * journaled, members included, before it is signed-and-sent; reconciliation settles it by nonce like any attempt), and
 * {@link Journal#hasUnresolved} counts a vault as pending while any unresolved attempt lists it, so a member is never
 * decided or sent again until its batch is mined, replaced (the replacement lists the same members) or dropped.
 */
public final class BatchJournal {
    static final String INSERT_MEMBER = "INSERT INTO batch_members(attempt_id, vault, decision_id, outcome, reason)"
            + " VALUES (?, ?, ?, NULL, NULL)";
    /** A replacement carries out the same decisions: its attempt lists the same members. */
    static final String COPY_MEMBERS = "INSERT INTO batch_members(attempt_id, vault, decision_id, outcome, reason)"
            + " SELECT ?, vault, decision_id, NULL, NULL FROM batch_members WHERE attempt_id = ?";
    static final String MEMBERS = "SELECT m.vault, m.decision_id, m.outcome, m.reason FROM batch_members m"
            + " JOIN tx_attempts a ON a.id = m.attempt_id WHERE a.tx_hash = ? ORDER BY m.vault";
    static final String SET_OUTCOME = "UPDATE batch_members SET outcome = ?, reason = ? WHERE vault = ? AND attempt_id ="
            + " (SELECT id FROM tx_attempts WHERE tx_hash = ?)";
    /** A member vault of an unresolved attempt (see {@link Journal#hasUnresolved}). */
    static final String UNRESOLVED_MEMBER = " OR id IN (SELECT attempt_id FROM batch_members WHERE vault = lower(?))";

    /** What a mined batch did to one member. */
    public static final String REBALANCED = "REBALANCED";
    public static final String REFUSED = "REFUSED";

    /**
     * One vault of a batch attempt.
     *
     * @param outcome {@link #REBALANCED}, {@link #REFUSED} (its guards reverted inside the batch) or null (not mined, or
     *                its result not read yet)
     * @param reason  the vault's revert data (hex) when refused
     */
    public record Member(String vault, Long decisionId, String outcome, String reason) {
        public Member {
            vault = vault.toLowerCase(Locale.ROOT);
        }

        public Member(String vault, long decisionId) {
            this(vault, decisionId, null, null);
        }
    }

    private final JournalDatabase db;
    private final Journal writer;

    BatchJournal(JournalDatabase db, Journal writer) {
        this.db = db;
        this.writer = writer;
    }

    /**
     * Journals a signed batch (status INTENT) and its members in one transaction, only if every fence in {@code fences}
     * (one per member, several keepers on a shared journal; empty for the sole keeper) still holds, read under the same
     * lock as a lone intent's. Returns the attempt id.
     *
     * @throws LeaseLostException when any member's lease was lost: nothing was written and the batch must not be sent
     */
    public long recordIntent(TxIntent intent, List<Member> members, Collection<Fence> fences) {
        if (members.isEmpty()) throw new IllegalArgumentException("a batch intent needs at least one member");
        return writer.write(c -> {
            for (Fence f : fences) Leases.checkFence(db, c, f);
            long id = writer.insertAttempt(c, intent, null, null);
            for (Member m : members) JournalStatements.update(c, INSERT_MEMBER, id, m.vault(), m.decisionId());
            return id;
        });
    }

    /**
     * The fences of {@code fences} that still hold now (holder, token, not expired by the database's clock): checked
     * before a batch is simulated and signed, so a member whose lease was lost is left out of the batch rather than
     * making the whole batch's intent fail.
     */
    public List<Fence> stillHeld(Collection<Fence> fences) {
        if (fences.isEmpty()) return List.of();
        return writer.write(c -> {
            List<Fence> held = new ArrayList<>();
            for (Fence f : fences) {
                try {
                    Leases.checkFence(db, c, f);
                    held.add(f);
                } catch (LeaseLostException lost) {
                    // left out of the batch; the vault's new holder decides it
                }
            }
            return held;
        });
    }

    /** The members of the attempt {@code txHash} (empty: a lone transaction), by vault. */
    public List<Member> members(String txHash) {
        return writer.write(c -> members(c, txHash));
    }

    /** Records each member's outcome from the mined batch's VaultResult events: vault → revert data, null when it rebalanced. */
    public void recordResults(String txHash, Map<String, String> refusalsByVault, Collection<String> rebalanced) {
        writer.write(c -> {
            String hash = txHash.toLowerCase(Locale.ROOT);
            for (String v : rebalanced) JournalStatements.update(c, SET_OUTCOME, REBALANCED, null, v.toLowerCase(Locale.ROOT), hash);
            for (Map.Entry<String, String> e : refusalsByVault.entrySet()) {
                JournalStatements.update(c, SET_OUTCOME, REFUSED, e.getValue(), e.getKey().toLowerCase(Locale.ROOT), hash);
            }
            return null;
        });
    }

    static void copyMembers(Connection c, long fromAttempt, long toAttempt) throws SQLException {
        JournalStatements.update(c, COPY_MEMBERS, toAttempt, fromAttempt);
    }

    private static List<Member> members(Connection c, String txHash) throws SQLException {
        List<Member> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(MEMBERS)) {
            JournalStatements.bind(ps, txHash.toLowerCase(Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long d = rs.getLong(2);
                    out.add(new Member(rs.getString(1), rs.wasNull() ? null : d, rs.getString(3), rs.getString(4)));
                }
            }
        }
        return out;
    }
}
