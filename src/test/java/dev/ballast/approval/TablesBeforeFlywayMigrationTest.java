package dev.ballast.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.journal.Journal;
import dev.ballast.paper.PaperLedger;
import dev.ballast.paper.PaperRows;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SQLite journal written by the keeper before the approval and paper tables moved into Flyway: migrations V1..V3,
 * then the tables created by the keeper's own {@code CREATE TABLE IF NOT EXISTS} (the statements below are that old
 * code's, verbatim). Opening it with this code runs V4 and V5 over them and keeps every row.
 */
class TablesBeforeFlywayMigrationTest {
    /** The DDL the approval and paper code applied itself until V4/V5 (ApprovalSchema and PaperLedger.SCHEMA). */
    private static final List<String> OLD_DDL = List.of(
            """
            CREATE TABLE IF NOT EXISTS proposals (
              id INTEGER PRIMARY KEY AUTOINCREMENT, vault TEXT NOT NULL, vault_name TEXT NOT NULL, decision_id INTEGER,
              block_number INTEGER NOT NULL, legs_json TEXT NOT NULL, calldata TEXT NOT NULL, expected_out TEXT NOT NULL,
              oracle_out TEXT NOT NULL, gas_limit TEXT NOT NULL, expires_block INTEGER NOT NULL, expires_at INTEGER NOT NULL,
              safe TEXT, safe_nonce TEXT, safe_tx_hash TEXT, status TEXT NOT NULL, status_reason TEXT, status_by TEXT,
              tx_hash TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)""",
            "CREATE UNIQUE INDEX IF NOT EXISTS proposals_one_open ON proposals(vault) WHERE status = 'OPEN'",
            """
            CREATE TABLE IF NOT EXISTS proposal_signatures (proposal_id INTEGER NOT NULL REFERENCES proposals(id),
              owner TEXT NOT NULL, signature TEXT NOT NULL, recorded_at INTEGER NOT NULL, PRIMARY KEY (proposal_id, owner))""",
            """
            CREATE TABLE IF NOT EXISTS vault_holds (vault TEXT PRIMARY KEY, held_by TEXT NOT NULL, reason TEXT NOT NULL,
              held_at INTEGER NOT NULL)""",
            """
            CREATE TABLE IF NOT EXISTS hold_events (id INTEGER PRIMARY KEY AUTOINCREMENT, vault TEXT NOT NULL,
              action TEXT NOT NULL, who TEXT NOT NULL, reason TEXT NOT NULL, recorded_at INTEGER NOT NULL)""",
            "CREATE TABLE IF NOT EXISTS paper_vaults(name TEXT PRIMARY KEY, tokens TEXT NOT NULL, decimals TEXT NOT NULL,"
                    + " targets TEXT NOT NULL, start_block INTEGER NOT NULL, initial_balances TEXT NOT NULL,"
                    + " balances TEXT NOT NULL, last_rebalance INTEGER NOT NULL, last_block INTEGER NOT NULL)",
            "CREATE TABLE IF NOT EXISTS paper_observations(vault TEXT NOT NULL, block INTEGER NOT NULL, time INTEGER NOT NULL,"
                    + " base_fee_wei TEXT NOT NULL, prices TEXT NOT NULL, nav REAL NOT NULL, max_drift REAL NOT NULL,"
                    + " verdict TEXT NOT NULL, PRIMARY KEY(vault, block))",
            "CREATE TABLE IF NOT EXISTS paper_rebalances(id INTEGER PRIMARY KEY AUTOINCREMENT, vault TEXT NOT NULL,"
                    + " block INTEGER NOT NULL, time INTEGER NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL,"
                    + " legs INTEGER NOT NULL, traded_value REAL NOT NULL, cost_value REAL NOT NULL, fee_value REAL NOT NULL,"
                    + " impact_value REAL NOT NULL, gas_units INTEGER NOT NULL, gas_price_wei TEXT NOT NULL,"
                    + " gas_value REAL NOT NULL, nav_before REAL NOT NULL, nav_after REAL NOT NULL, drift_before REAL NOT NULL,"
                    + " drift_after REAL NOT NULL, fork_status TEXT, fork_gas_used INTEGER, fork_diff_bps REAL)",
            "CREATE TABLE IF NOT EXISTS paper_fills(rebalance_id INTEGER NOT NULL REFERENCES paper_rebalances(id),"
                    + " leg INTEGER NOT NULL, token_in TEXT NOT NULL, token_out TEXT NOT NULL, amount_in TEXT NOT NULL,"
                    + " quoted_out TEXT NOT NULL, oracle_out TEXT NOT NULL, min_out TEXT NOT NULL, fee_bps REAL NOT NULL,"
                    + " impact_bps REAL NOT NULL, cost_bps REAL NOT NULL, forked_out TEXT, fork_diff_bps REAL,"
                    + " PRIMARY KEY(rebalance_id, leg))",
            "CREATE TABLE IF NOT EXISTS paper_gaps(id INTEGER PRIMARY KEY AUTOINCREMENT, vault TEXT NOT NULL,"
                    + " from_block INTEGER NOT NULL, to_block INTEGER NOT NULL, reason TEXT NOT NULL)");

    private static final List<String> OLD_ROWS = List.of(
            "INSERT INTO proposals(vault, vault_name, block_number, legs_json, calldata, expected_out, oracle_out, gas_limit,"
                    + " expires_block, expires_at, safe, safe_nonce, safe_tx_hash, status, created_at, updated_at) VALUES"
                    + " ('0xaaaa', 'core', 100, '[]', '0xfeed', '990', '1000', '500000', 150, 1800000000000,"
                    + " '0x5afe', '7', '0x" + "ab".repeat(32) + "', 'OPEN', 1700000000000, 1700000000000)",
            "INSERT INTO proposal_signatures(proposal_id, owner, signature, recorded_at) VALUES (1, '0xowner1', '0x11', 1)",
            "INSERT INTO vault_holds(vault, held_by, reason, held_at) VALUES ('0xbbbb', 'OS user alice', 'audit', 1700000000000)",
            "INSERT INTO hold_events(vault, action, who, reason, recorded_at) VALUES ('0xbbbb', 'HOLD', 'OS user alice', 'audit', 1)",
            "INSERT INTO paper_vaults VALUES ('paper-1', '0x1,0x2', '18,6', '5,5', 10, '100,200', '110,190', 12, 40)",
            "INSERT INTO paper_observations VALUES ('paper-1', 40, 1700000000, '1000000000', '1.0,2.0', 510.5, 0.01, 'HOLD')",
            "INSERT INTO paper_rebalances(vault, block, time, status, reason, legs, traded_value, cost_value, fee_value,"
                    + " impact_value, gas_units, gas_price_wei, gas_value, nav_before, nav_after, drift_before, drift_after)"
                    + " VALUES ('paper-1', 12, 1700000000, 'FILLED', 'drift', 1, 50, 0.2, 0.15, 0.05, 443000, '1000000000',"
                    + " 0.4, 500, 499.6, 0.08, 0.01)",
            "INSERT INTO paper_fills VALUES (1, 0, '0x1', '0x2', '10', '19', '20', '18', 30, 20, 50, NULL, NULL)",
            "INSERT INTO paper_gaps(vault, from_block, to_block, reason) VALUES ('paper-1', 20, 29, 'RPC down')");

    @TempDir
    Path dir;

    @Test
    void aJournalWhoseKeeperCreatedTheseTablesItselfMigratesToFiveKeepingEveryRow() throws Exception {
        Path file = dir.resolve("journal.db");
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        Flyway.configure().locations("classpath:db/journal/sqlite").target("3").dataSource(url, null, null).load().migrate();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String sql : OLD_DDL) s.execute(sql);
            for (String sql : OLD_ROWS) s.execute(sql);
        }

        try (Journal journal = Journal.open(file)) {
            assertThat(journal.schemaVersion()).isEqualTo("6");
        }
        try (ApprovalJournal approvals = ApprovalJournal.open(file)) {
            Proposal p = approvals.proposal(1).orElseThrow();
            assertThat(p.vaultName()).isEqualTo("core");
            assertThat(p.expectedOut()).containsExactly(BigInteger.valueOf(990));
            assertThat(p.safe().orElseThrow().nonce()).isEqualTo(BigInteger.valueOf(7));
            assertThat(approvals.openProposal("0xAAAA")).isPresent();
            assertThat(approvals.signatures(1)).containsExactly(java.util.Map.entry("0xowner1", "0x11"));
            assertThat(approvals.holds()).containsOnlyKeys("0xbbbb");
            assertThat(approvals.holdHistory("0xbbbb")).containsExactly("HOLD by OS user alice: audit");
            // the adopted tables keep working: ids continue, the one-open-per-vault index still holds
            assertThat(approvals.transition(1, ProposalStatus.OPEN, ProposalStatus.REJECTED, "old", "bob", null)).isTrue();
            assertThat(approvals.propose(new Proposal(0, "0xaaaa", "core", 200, List.of(), "0x", List.of(), List.of(),
                    BigInteger.ONE, 300, java.time.Instant.now().plusSeconds(60), java.util.Optional.empty(),
                    ProposalStatus.OPEN, null, null, null, java.time.Instant.now()))).isEqualTo(2);
        }
        try (PaperLedger ledger = PaperLedger.open(file)) {
            PaperRows.VaultRow v = ledger.vault("paper-1").orElseThrow();
            assertThat(v.balances()).containsExactly(BigInteger.valueOf(110), BigInteger.valueOf(190));
            assertThat(v.lastBlock()).isEqualTo(40);
            assertThat(ledger.observations("paper-1")).singleElement().satisfies(o -> assertThat(o.nav()).isEqualTo(510.5));
            assertThat(ledger.rebalances("paper-1")).singleElement().satisfies(r -> assertThat(r.gasUnits()).isEqualTo(443_000));
            assertThat(ledger.gaps("paper-1")).containsExactly(new PaperRows.Gap("paper-1", 20, 29, "RPC down"));
            assertThat(ledger.rows()).isEqualTo(5);
        }
    }
}
