package dev.ballast.paper;

import dev.ballast.journal.Journal;
import dev.ballast.journal.JournalException;
import dev.ballast.paper.PaperRows.FillRow;
import dev.ballast.paper.PaperRows.Gap;
import dev.ballast.paper.PaperRows.Observation;
import dev.ballast.paper.PaperRows.RebalanceRow;
import dev.ballast.paper.PaperRows.VaultRow;
import dev.ballast.policy.PolicyParams;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The paper ledger: tables beside the keeper's journal in the same SQLite file, every one named {@code paper_*} so
 * nothing in them can be taken for a real transaction. The tables come from the journal's migrations
 * ({@code V5__paper.sql}); the statements run on the journal's connection pool. A vault's holdings and the last block
 * it handled are written in the same transaction as that block's rows, so a restart resumes exactly where the last
 * commit ended.
 */
public final class PaperLedger implements AutoCloseable {
    private final Journal journal;
    private final DataSource database;
    private final Path file;

    private PaperLedger(Journal journal, Path file) {
        this.journal = journal;
        this.database = journal.dataSource();
        this.file = file;
    }

    /** Opens the journal file {@code file} (creating and migrating it if needed) for its paper tables. */
    public static PaperLedger open(Path file) {
        return new PaperLedger(Journal.open(file), file);
    }

    public Path file() {
        return file;
    }

    public synchronized Optional<VaultRow> vault(String name) {
        return query(PaperRows.VAULT, PaperRows.VAULT_ROW, name).stream().findFirst();
    }

    public synchronized List<String> vaultNames() {
        return query(PaperRows.VAULT_NAMES, rs -> rs.getString(1));
    }

    /** Work done for one block, written in one transaction. */
    public final class Batch {
        private final Connection connection;

        private Batch(Connection connection) {
            this.connection = connection;
        }

        public void saveVault(VaultRow v) throws SQLException {
            try (PreparedStatement p = connection.prepareStatement("INSERT INTO paper_vaults(name, tokens, decimals, targets,"
                    + " start_block, initial_balances, balances, last_rebalance, last_block) VALUES (?,?,?,?,?,?,?,?,?)"
                    + " ON CONFLICT(name) DO UPDATE SET balances = excluded.balances, last_rebalance = excluded.last_rebalance,"
                    + " last_block = excluded.last_block")) {
                bind(p, v.name(), PaperRows.join(v.tokens()), PaperRows.join(v.decimals()), PaperRows.join(v.targets()),
                        v.startBlock(), PaperRows.join(v.initialBalances()), PaperRows.join(v.balances()), v.lastRebalance(),
                        v.lastBlock());
                p.executeUpdate();
            }
        }

        public void observe(Observation o) throws SQLException {
            try (PreparedStatement p = connection.prepareStatement("INSERT INTO paper_observations(vault, block, time, base_fee_wei,"
                    + " prices, nav, max_drift, verdict) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (vault, block) DO UPDATE SET"
                    + " time = excluded.time, base_fee_wei = excluded.base_fee_wei, prices = excluded.prices,"
                    + " nav = excluded.nav, max_drift = excluded.max_drift, verdict = excluded.verdict")) {
                bind(p, o.vault(), o.block(), o.time(), o.baseFeeWei().toString(), PaperRows.join(o.prices()), o.nav(),
                        o.maxDrift(), o.verdict());
                p.executeUpdate();
            }
        }

        public long rebalance(RebalanceRow r, List<FillRow> fills) throws SQLException {
            long id;
            try (PreparedStatement p = connection.prepareStatement("INSERT INTO paper_rebalances(vault, block, time, status, reason,"
                    + " legs, traded_value, cost_value, fee_value, impact_value, gas_units, gas_price_wei, gas_value, nav_before,"
                    + " nav_after, drift_before, drift_after, fork_status, fork_gas_used, fork_diff_bps)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                bind(p, r.vault(), r.block(), r.time(), r.status(), r.reason(), r.legs(), r.tradedValue(), r.costValue(),
                        r.feeValue(), r.impactValue(), r.gasUnits(), r.gasPriceWei().toString(), r.gasValue(), r.navBefore(),
                        r.navAfter(), r.driftBefore(), r.driftAfter(), r.forkStatus(), r.forkGasUsed(), r.forkDiffBps());
                p.executeUpdate();
                try (ResultSet keys = p.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            for (FillRow f : fills) {
                try (PreparedStatement p = connection.prepareStatement("INSERT INTO paper_fills(rebalance_id, leg, token_in,"
                        + " token_out, amount_in, quoted_out, oracle_out, min_out, fee_bps, impact_bps, cost_bps, forked_out,"
                        + " fork_diff_bps) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                    bind(p, id, f.leg(), f.tokenIn(), f.tokenOut(), f.amountIn().toString(), f.quotedOut().toString(),
                            f.oracleOut().toString(), f.minOut().toString(), f.feeBps(), f.impactBps(), f.costBps(),
                            f.forkedOut() == null ? null : f.forkedOut().toString(), f.forkDiffBps());
                    p.executeUpdate();
                }
            }
            return id;
        }

        public void gap(Gap g) throws SQLException {
            try (PreparedStatement p = connection.prepareStatement("INSERT INTO paper_gaps(vault, from_block, to_block, reason)"
                    + " VALUES (?,?,?,?)")) {
                bind(p, g.vault(), g.fromBlock(), g.toBlock(), g.reason());
                p.executeUpdate();
            }
        }
    }

    /** A unit of work that writes through a {@link Batch}. */
    public interface Work {
        void run(Batch batch) throws SQLException;
    }

    /** Runs {@code work} in one transaction: all of it is committed, or none. */
    public synchronized void write(Work work) {
        journal.inTransaction("paper ledger write", connection -> {
            work.run(new Batch(connection));
            return null;
        });
    }

    public synchronized List<Observation> observations(String vault) {
        return query(PaperRows.OBSERVATIONS, PaperRows.OBSERVATION, vault);
    }

    public synchronized List<RebalanceRow> rebalances(String vault) {
        return query(PaperRows.REBALANCES, PaperRows.REBALANCE, vault);
    }

    /** Every leg's quoted-vs-forked difference (bps) of {@code vault}'s verified fills. */
    public synchronized List<Double> forkDiffsBps(String vault) {
        return query(PaperRows.FORK_DIFFS, PaperRows.FORK_DIFF, vault);
    }

    public synchronized List<Gap> gaps(String vault) {
        return query(PaperRows.GAPS, PaperRows.GAP, vault);
    }

    /** Everything the ledger holds for {@code vault}. @throws IllegalArgumentException when it has no rows yet */
    public synchronized PaperRows.Run run(String vault) {
        VaultRow row = vault(vault)
                .orElseThrow(() -> new IllegalArgumentException("paper vault " + vault + " has no ledger rows yet"));
        return new PaperRows.Run(row, observations(vault), rebalances(vault), gaps(vault), forkDiffsBps(vault));
    }

    /** The policy vault {@code v} runs with (the report's backtest comparison runs it too). */
    public static PolicyParams policy(PaperConfig.Vault v) {
        return VirtualVault.policyParams(v);
    }

    /** {@code ballast paper report}'s figures for vault {@code v} of the paper config. */
    public PaperReport report(PaperConfig.Gas gas, PaperConfig.Vault v) {
        return PaperReport.of(gas, VirtualVault.policyParams(v), run(v.name()));
    }

    /** Rows in the paper tables (the bench's journal-growth figure). */
    public synchronized long rows() {
        long total = 0;
        for (String table : List.of("paper_vaults", "paper_observations", "paper_rebalances", "paper_fills", "paper_gaps")) {
            total += query("SELECT COUNT(*) FROM " + table, rs -> rs.getLong(1)).getFirst();
        }
        return total;
    }

    /**
     * Bytes the pages of {@code tables} take in the file (SQLite's dbstat), after a checkpoint; -1 when this SQLite
     * build has no dbstat.
     */
    public synchronized long bytes(List<String> tables) {
        try (Connection connection = database.getConnection(); Statement s = connection.createStatement()) {
            // the pragma answers with a row: read and close it, or the commit fails with "statements in progress"
            try (ResultSet done = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                while (done.next()) {
                    // one row: busy flag, log frames, checkpointed frames
                }
            }
            if (!connection.getAutoCommit()) connection.commit();
        } catch (SQLException e) {
            throw new JournalException("paper ledger checkpoint failed: " + e.getMessage(), e);
        }
        String in = String.join(",", tables.stream().map(t -> "'" + t.replace("'", "") + "'").toList());
        try {
            return query("SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name IN (" + in + ")", rs -> rs.getLong(1)).getFirst();
        } catch (JournalException noDbstat) {
            return -1;
        }
    }

    /** Rows of one paper table. */
    public synchronized long rows(String table) {
        if (!table.matches("paper_[a-z]+")) throw new IllegalArgumentException("not a paper table: " + table);
        return query("SELECT COUNT(*) FROM " + table, rs -> rs.getLong(1)).getFirst();
    }

    @Override
    public synchronized void close() {
        journal.close();
    }

    private <T> List<T> query(String sql, PaperRows.Mapper<T> mapper, Object... args) {
        try (Connection connection = database.getConnection(); PreparedStatement p = connection.prepareStatement(sql)) {
            bind(p, args);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) out.add(mapper.map(rs));
            }
            connection.commit(); // ends the read transaction so a writer in another process is not held back
            return out;
        } catch (SQLException e) {
            throw new JournalException("paper ledger read failed: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement p, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) p.setNull(i + 1, Types.NULL);
            else p.setObject(i + 1, args[i]);
        }
    }
}
