package dev.ballast.journal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The journal's database, whichever engine: a HikariCP pool, the schema brought up to date by Flyway (the migration
 * files under {@code db/journal/<engine>/}), and the few statements that differ between SQLite and PostgreSQL.
 */
final class JournalDatabase implements AutoCloseable {
    /** The last version of the hand-rolled {@code schema_version} table before Flyway took over. */
    static final int LEGACY_LATEST = 2;

    private final JournalTarget target;
    private final HikariDataSource pool;
    private final Clock clock;

    private JournalDatabase(JournalTarget target, HikariDataSource pool, Clock clock) {
        this.target = target;
        this.pool = pool;
        this.clock = clock;
    }

    static JournalDatabase open(JournalTarget target, Clock clock) {
        try {
            migrate(target);
        } catch (FlywayException e) {
            throw new JournalException("cannot open journal " + target.display() + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new JournalException("cannot open journal " + target.display() + ": " + e.getMessage(), e);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("journal");
        config.setAutoCommit(false);
        switch (target) {
            case JournalTarget.Sqlite s -> {
                config.setJdbcUrl(sqliteUrl(s));
                // WAL + synchronous=FULL: a commit survives kill -9 and power loss
                config.addDataSourceProperty("journal_mode", "WAL");
                config.addDataSourceProperty("synchronous", "FULL");
                config.addDataSourceProperty("foreign_keys", "true");
                config.addDataSourceProperty("busy_timeout", "5000");
                config.setMaximumPoolSize(1); // one writer per file; the journal serialises its calls anyway
            }
            case JournalTarget.Postgres p -> {
                config.setJdbcUrl(p.jdbcUrl());
                if (p.user() != null) config.setUsername(p.user());
                if (p.password() != null) config.setPassword(p.password());
                // a cut connection must fail a write within seconds, not hang the block loop on TCP retransmits
                config.addDataSourceProperty("connectTimeout", "5");
                config.addDataSourceProperty("socketTimeout", "15");
                config.addDataSourceProperty("tcpKeepAlive", "true");
                config.setMaximumPoolSize(4);
                config.setConnectionTimeout(5_000);
            }
        }
        config.setMinimumIdle(1);
        try {
            return new JournalDatabase(target, new HikariDataSource(config), clock);
        } catch (RuntimeException e) {
            throw new JournalException("cannot open journal " + target.display() + ": " + e.getMessage(), e);
        }
    }

    JournalTarget target() {
        return target;
    }

    boolean postgres() {
        return target instanceof JournalTarget.Postgres;
    }

    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    DataSource dataSource() {
        return pool;
    }

    /**
     * Runs {@code work} in one transaction on a pooled connection: committed, or rolled back and rethrown, a checked
     * failure as a {@link JournalException} naming {@code what} and the journal. A read commits too: that ends its
     * transaction, so SQLite's WAL checkpoints are not held back. A busy SQLite file is waited for by the driver
     * ({@code busy_timeout}), as for every statement.
     */
    <T> T inTransaction(String what, JournalWork<T> work) {
        try (Connection c = connection()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Exception e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new JournalException(what + " failed (" + target.display() + "): " + e.getMessage(), e);
        }
    }

    /**
     * Now, in milliseconds, by the clock that lease expiries are compared with. On PostgreSQL it is the server's clock,
     * so keepers on machines whose clocks disagree still agree on who holds a lease; a SQLite journal has one host.
     */
    long leaseNow(Connection c) throws SQLException {
        if (!postgres()) return clock.millis();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Row lock suffix for a read that must block a concurrent lease takeover until this transaction ends. */
    String lockForShare() {
        return postgres() ? " FOR SHARE" : ""; // SQLite: a write transaction already excludes every other writer
    }

    /** The applied schema version. */
    String schemaVersion() {
        Flyway flyway = flyway(target, null).load();
        return flyway.info().current() == null ? "0" : flyway.info().current().getVersion().getVersion();
    }

    @Override
    public void close() {
        pool.close();
    }

    private static String sqliteUrl(JournalTarget.Sqlite s) {
        return "jdbc:sqlite:" + s.file().toAbsolutePath();
    }

    private static void migrate(JournalTarget target) throws SQLException {
        Integer legacy = target instanceof JournalTarget.Sqlite s ? legacyVersion(s) : null;
        if (legacy != null && legacy > LEGACY_LATEST) {
            throw new SQLException("journal schema version " + legacy + " is newer than this keeper's " + LEGACY_LATEST
                    + "; upgrade Ballast or use another journal file");
        }
        flyway(target, legacy).load().migrate();
    }

    private static FluentConfiguration flyway(JournalTarget target,
            Integer legacyVersion) {
        var config = Flyway.configure(JournalDatabase.class.getClassLoader())
                .locations("classpath:db/journal/" + (target instanceof JournalTarget.Postgres ? "postgresql" : "sqlite"))
                // a journal migrated by a newer Ballast is refused, not half-understood
                .ignoreMigrationPatterns(new String[0]);
        switch (target) {
            case JournalTarget.Sqlite s -> config.dataSource(sqliteUrl(s), null, null);
            case JournalTarget.Postgres p -> config.dataSource(p.jdbcUrl(), p.user(), p.password());
        }
        if (legacyVersion != null) {
            config.baselineOnMigrate(true).baselineVersion(MigrationVersion.fromVersion(legacyVersion.toString()))
                    .baselineDescription("schema_version " + legacyVersion + " (before Flyway)");
        }
        return config;
    }

    /** The version in a pre-Flyway journal's {@code schema_version} table, or null if the file has none. */
    private static Integer legacyVersion(JournalTarget.Sqlite s) throws SQLException {
        if (!Files.exists(s.file())) return null;
        try (Connection c = DriverManager.getConnection(sqliteUrl(s)); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
                    + " AND name IN ('schema_version', 'flyway_schema_history')")) {
                boolean legacyTable = false;
                boolean flywayTable = false;
                while (rs.next()) {
                    legacyTable |= rs.getString(1).equals("schema_version");
                    flywayTable |= rs.getString(1).equals("flyway_schema_history");
                }
                if (!legacyTable || flywayTable) return null;
            }
            try (ResultSet rs = st.executeQuery("SELECT MAX(version) FROM schema_version")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }
}
