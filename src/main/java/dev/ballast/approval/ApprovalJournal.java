package dev.ballast.approval;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.journal.Journal;
import dev.ballast.journal.JournalException;
import dev.ballast.journal.JournalTarget;
import dev.ballast.journal.JournalWork;
import dev.ballast.policy.Leg;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Proposals, Safe signatures and vault holds, in the keeper's journal: its tables come from the journal's migrations
 * ({@code V4__approvals.sql}) and its statements run on the journal's own connection pool, so on a PostgreSQL journal
 * every keeper and every operator's command sees the same proposals and holds. Every statement is valid on SQLite and
 * PostgreSQL.
 */
public final class ApprovalJournal implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, vault, vault_name, block_number, legs_json, calldata, expected_out, oracle_out,"
            + " gas_limit, expires_block, expires_at, safe, safe_nonce, safe_tx_hash, status, status_reason, status_by,"
            + " tx_hash, created_at";

    private final Journal journal;
    private final boolean ownsJournal;
    private final Clock clock;

    private ApprovalJournal(Journal journal, boolean ownsJournal, Clock clock) {
        this.journal = journal;
        this.ownsJournal = ownsJournal;
        this.clock = clock;
    }

    /** Opens (creating and migrating if needed) the SQLite journal {@code file}; closing this closes it. */
    public static ApprovalJournal open(Path file) {
        return open(new JournalTarget.Sqlite(file), Clock.systemUTC());
    }

    public static ApprovalJournal open(Path file, Clock clock) {
        return open(new JournalTarget.Sqlite(file), clock);
    }

    /** Opens (creating and migrating if needed) the journal at {@code target}; closing this closes it. */
    public static ApprovalJournal open(JournalTarget target, Clock clock) {
        return new ApprovalJournal(Journal.open(target, clock), true, clock);
    }

    /** The approval tables of an already open journal (the keeper's own); closing this leaves the journal open. */
    public static ApprovalJournal on(Journal journal) {
        return new ApprovalJournal(journal, false, Clock.systemUTC());
    }

    /** The journal these tables live in (its receipts settle SENT proposals: {@link SentSettlement}). */
    public Journal journal() {
        return journal;
    }

    // ---- proposals ----

    /** Journals {@code p} as OPEN and returns its id; refused while the vault has another OPEN proposal. */
    public synchronized long propose(Proposal p) {
        return write(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO proposals(vault, vault_name, block_number,"
                    + " legs_json, calldata, expected_out, oracle_out, gas_limit, expires_block, expires_at, safe, safe_nonce,"
                    + " safe_tx_hash, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                long now = clock.millis();
                bind(ps, p.vault(), p.vaultName(), p.block(), JSON.writeValueAsString(p.legs()), p.calldata(), join(p.expectedOut()),
                        join(p.oracleOut()), p.gasLimit().toString(), p.expiresBlock(), p.expiresAt().toEpochMilli(),
                        p.safe().map(Proposal.SafePart::address).orElse(null),
                        p.safe().map(s -> s.nonce().toString()).orElse(null),
                        p.safe().map(Proposal.SafePart::safeTxHash).orElse(null), now, now);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    public synchronized Optional<Proposal> proposal(long id) {
        return read(connection -> proposals(connection, "WHERE id = ?", id).stream().findFirst());
    }

    /** The vault's OPEN proposal, if it has one (expired or not: see {@link Proposal#expiry}). */
    public synchronized Optional<Proposal> openProposal(String vault) {
        return read(connection -> proposals(connection, "WHERE lower(vault) = lower(?) AND status = 'OPEN'", vault)
                .stream().findFirst());
    }

    /** Every proposal in {@code status}, oldest first. */
    public synchronized List<Proposal> withStatus(ProposalStatus status) {
        return read(connection -> proposals(connection, "WHERE status = ? ORDER BY id", status.name()));
    }

    /** The newest {@code limit} proposals, newest first. */
    public synchronized List<Proposal> recent(int limit) {
        return read(connection -> proposals(connection, "ORDER BY id DESC LIMIT ?", limit));
    }

    /**
     * Moves a proposal on from {@code from} (OPEN, or SENT when its receipt arrives); returns false when it was not in
     * {@code from} any more (another command got there first), so two approvals can never both send it.
     */
    public synchronized boolean transition(long id, ProposalStatus from, ProposalStatus to, String reason, String by,
            String txHash) {
        return write(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE proposals SET status = ?, status_reason = ?,"
                    + " status_by = ?, tx_hash = COALESCE(?, tx_hash), updated_at = ? WHERE id = ? AND status = ?")) {
                bind(ps, to.name(), reason, by, txHash, clock.millis(), id, from.name());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Stores {@code owner}'s signature of the proposal's SafeTx (a second one by the same owner replaces the first). */
    public synchronized void addSignature(long id, String owner, String signature) {
        write(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO proposal_signatures(proposal_id, owner,"
                    + " signature, recorded_at) VALUES (?, ?, ?, ?) ON CONFLICT (proposal_id, owner) DO UPDATE"
                    + " SET signature = excluded.signature, recorded_at = excluded.recorded_at")) {
                bind(ps, id, owner.toLowerCase(Locale.ROOT), signature, clock.millis());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Owner (lower case) → 65-byte signature (0x hex), in the order they were stored. */
    public synchronized Map<String, String> signatures(long id) {
        return read(connection -> {
            Map<String, String> out = new LinkedHashMap<>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT owner, signature FROM proposal_signatures"
                    + " WHERE proposal_id = ? ORDER BY recorded_at, owner")) {
                bind(ps, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        });
    }

    // ---- holds ----

    /** Puts {@code vault} on hold (replacing an earlier hold's who/why) and journals the event. */
    public synchronized void hold(String vault, String who, String reason) {
        write(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO vault_holds(vault, held_by, reason,"
                    + " held_at) VALUES (?, ?, ?, ?) ON CONFLICT (vault) DO UPDATE SET held_by = excluded.held_by,"
                    + " reason = excluded.reason, held_at = excluded.held_at")) {
                bind(ps, vault.toLowerCase(Locale.ROOT), who, reason, clock.millis());
                ps.executeUpdate();
            }
            event(connection, vault, "HOLD", who, reason);
            return null;
        });
    }

    /** Lifts the hold; returns false (and journals nothing) when the vault was not held. */
    public synchronized boolean release(String vault, String who, String reason) {
        return write(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM vault_holds WHERE vault = ?")) {
                bind(ps, vault.toLowerCase(Locale.ROOT));
                if (ps.executeUpdate() == 0) return false;
            }
            event(connection, vault, "RELEASE", who, reason);
            return true;
        });
    }

    /** Vault address (lower case) → its hold; one query, read by the keeper at every block. */
    public synchronized Map<String, Hold> holds() {
        return read(connection -> {
            Map<String, Hold> out = new LinkedHashMap<>();
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery("SELECT vault, held_by, reason, held_at FROM vault_holds")) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Hold(rs.getString(1), rs.getString(2), rs.getString(3),
                            Instant.ofEpochMilli(rs.getLong(4))));
                }
            }
            return out;
        });
    }

    /** Every hold and release of {@code vault}, oldest first, as "ACTION by WHO: REASON". */
    public synchronized List<String> holdHistory(String vault) {
        return read(connection -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT action, who, reason FROM hold_events"
                    + " WHERE vault = ? ORDER BY id")) {
                bind(ps, vault.toLowerCase(Locale.ROOT));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1) + " by " + rs.getString(2) + ": " + rs.getString(3));
                }
            }
            return out;
        });
    }

    private void event(Connection connection, String vault, String action, String who, String reason) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO hold_events(vault, action, who, reason,"
                + " recorded_at) VALUES (?, ?, ?, ?, ?)")) {
            bind(ps, vault.toLowerCase(Locale.ROOT), action, who, reason, clock.millis());
            ps.executeUpdate();
        }
    }

    @Override
    public synchronized void close() {
        if (ownsJournal) journal.close();
    }

    // ---- plumbing ----

    private List<Proposal> proposals(Connection connection, String where, Object... args) throws Exception {
        List<Proposal> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS + " FROM proposals " + where)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(row(rs));
            }
        }
        return out;
    }

    private static Proposal row(ResultSet rs) throws Exception {
        List<Leg> legs = JSON.readValue(rs.getString("legs_json"), new TypeReference<List<Leg>>() {});
        String safe = rs.getString("safe");
        Optional<Proposal.SafePart> safePart = safe == null ? Optional.empty() : Optional.of(new Proposal.SafePart(safe,
                new BigInteger(rs.getString("safe_nonce")), rs.getString("safe_tx_hash")));
        return new Proposal(rs.getLong("id"), rs.getString("vault"), rs.getString("vault_name"), rs.getLong("block_number"),
                legs, rs.getString("calldata"), split(rs.getString("expected_out")), split(rs.getString("oracle_out")),
                new BigInteger(rs.getString("gas_limit")), rs.getLong("expires_block"),
                Instant.ofEpochMilli(rs.getLong("expires_at")), safePart, ProposalStatus.valueOf(rs.getString("status")),
                rs.getString("status_reason"), rs.getString("status_by"), rs.getString("tx_hash"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    private static String join(List<BigInteger> values) {
        return String.join(",", values.stream().map(BigInteger::toString).toList());
    }

    private static List<BigInteger> split(String text) {
        return text.isEmpty() ? List.of() : Arrays.stream(text.split(",")).map(BigInteger::new).toList();
    }

    private <T> T write(JournalWork<T> work) {
        return journal.inTransaction("approvals journal write", work);
    }

    private <T> T read(JournalWork<T> work) {
        return journal.inTransaction("approvals journal read", work);
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            // a typed null: PostgreSQL cannot infer the type of an untyped one in every position
            if (args[i] == null) ps.setNull(i + 1, Types.NULL);
            else ps.setObject(i + 1, args[i]);
        }
    }
}
