package dev.ballast.journal;

import static dev.ballast.journal.JournalFixtures.VAULT;
import static dev.ballast.journal.JournalFixtures.hash;
import static dev.ballast.journal.JournalFixtures.intent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the SQLite journal has: the file, WAL mode, kill -9 durability, journals from before Flyway. */
class SqliteJournalTest {
    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
    @TempDir
    Path dir;
    private Path file;
    private Journal journal;

    @BeforeEach
    void open() {
        file = dir.resolve("journal.db");
        journal = Journal.open(file, Clock.fixed(T0, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        journal.close();
    }

    /**
     * The statements main's JournalSchema (before Flyway) ran for versions 1 and 2, verbatim, with its
     * {@code schema_version} table: the file every existing keeper has on disk.
     */
    private static final List<String> LEGACY_V2 = List.of(
            "CREATE TABLE schema_version (version INTEGER NOT NULL)",
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
              recorded_at INTEGER NOT NULL)""",
            "CREATE INDEX attempts_by_decision ON tx_attempts(decision_id)",
            "INSERT INTO schema_version(version) VALUES (2)",
            "INSERT INTO decisions(vault, block_number, snapshot_json, decision, reason, recorded_at)"
                    + " VALUES ('" + VAULT + "', 7, '{}', 'REBALANCE', 'drift 9%', 1764061200000)",
            "INSERT INTO tx_attempts(decision_id, vault, sender, nonce, tx_hash, raw_tx, max_fee_wei, priority_fee_wei,"
                    + " status, replaces_id, error, created_at, updated_at) VALUES (1, '" + VAULT + "', '"
                    + JournalFixtures.SENDER + "', 3, '" + hash(77) + "', '0x02f8', '1', '1', 'SENT', NULL, NULL, 1, 1)");

    private void writeLegacy(Path legacy, List<String> statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + legacy); Statement s = c.createStatement()) {
            for (String sql : statements) s.execute(sql);
        }
    }

    @Test
    void aJournalFromBeforeFlywayIsBaselinedKeepsItsRowsAndGainsTheLeaseTables() throws Exception {
        Path legacy = dir.resolve("legacy.db");
        writeLegacy(legacy, LEGACY_V2);
        try (Journal old = Journal.open(legacy, Clock.fixed(T0, ZoneOffset.UTC))) {
            assertThat(old.schemaVersion()).isEqualTo("6");
            assertThat(old.pendingTransactions()).singleElement().satisfies(a -> {
                assertThat(a.txHash()).isEqualTo(hash(77));
                assertThat(a.nonce()).isEqualTo(3);
            });
            assertThat(old.recentDecisions(5)).singleElement().satisfies(d -> assertThat(d.reason()).isEqualTo("drift 9%"));
            long next = old.recordDecision(VAULT, 8, "{}", "HOLD", "after upgrade");
            assertThat(next).isEqualTo(2);
            assertThat(old.leases().renew("k", List.of(VAULT.toLowerCase()), List.of(), java.time.Duration.ofSeconds(5)))
                    .containsKey(VAULT.toLowerCase());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + legacy); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version, type FROM flyway_schema_history ORDER BY installed_rank")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1) + " " + rs.getString(2)).isEqualTo("2 BASELINE");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("3");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("4");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("5");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("6");
            assertThat(rs.next()).isFalse();
        }
        try (Journal again = Journal.open(legacy)) { // reopening migrates nothing twice
            assertThat(again.recentDecisions(5)).hasSize(2);
        }
    }

    @Test
    void aVersionOneJournalFromBeforeFlywayGetsTheIndexOfVersionTwo() throws Exception {
        Path legacy = dir.resolve("legacy1.db");
        List<String> v1 = new java.util.ArrayList<>(LEGACY_V2.subList(0, 7));
        v1.add("INSERT INTO schema_version(version) VALUES (1)");
        writeLegacy(legacy, v1);
        try (Journal old = Journal.open(legacy)) {
            assertThat(old.schemaVersion()).isEqualTo("6");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + legacy); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE name = 'attempts_by_decision'")) {
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void aJournalMigratedByANewerBallastIsRefused() throws Exception {
        journal.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("INSERT INTO flyway_schema_history(installed_rank, version, description, type, script, checksum,"
                    + " installed_by, installed_on, execution_time, success) SELECT 99, '99', 'future', 'SQL',"
                    + " 'V99__future.sql', 0, installed_by, installed_on, 1, 1 FROM flyway_schema_history"
                    + " WHERE installed_rank = 1");
        }
        assertThatThrownBy(() -> Journal.open(file)).isInstanceOf(JournalException.class)
                .hasMessageContaining("cannot open journal").hasMessageContaining("99");
        journal = Journal.open(dir.resolve("fresh.db"));
    }

    @Test
    void createsSchemaInWalMode() throws Exception {
        assertThat(Files.exists(file)).isTrue();
        assertThat(journal.schemaVersion()).isEqualTo("6");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void intentSurvivesKillDashNine() throws Exception {
        journal.close();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                JournalCrashProbe.class.getName(), file.toString()).inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("the probe halts with 137").isEqualTo(137);

        journal = Journal.open(file, Clock.fixed(T0, ZoneOffset.UTC));
        assertThat(journal.pendingTransactions()).singleElement().satisfies(a -> {
            assertThat(a.nonce()).isEqualTo(5);
            assertThat(a.status()).isEqualTo(AttemptStatus.INTENT);
            assertThat(a.txHash()).isEqualTo(hash(55));
        });
        assertThat(journal.recentDecisions(1).getFirst().reason()).isEqualTo("drift 7%");
    }

    @Test
    void aLegacyJournalOfANewerVersionIsRefused() throws Exception {
        Path newer = dir.resolve("newer.db");
        writeLegacy(newer, List.of("CREATE TABLE schema_version (version INTEGER NOT NULL)",
                "INSERT INTO schema_version VALUES (99)"));
        assertThatThrownBy(() -> Journal.open(newer)).isInstanceOf(JournalException.class)
                .hasMessageContaining("schema version 99 is newer than this keeper's 2");
    }

    @Test
    void unopenablePathIsAJournalException() {
        assertThatThrownBy(() -> Journal.open(dir.resolve("no/such/dir/j.db")))
                .isInstanceOf(JournalException.class).hasMessageContaining("cannot open journal");
    }

}
