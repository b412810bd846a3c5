package dev.ballast.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Runs the journal's statements on a connection inside the caller's transaction. */
final class JournalStatements {
    private JournalStatements() {
    }

    /** Inserts a row; returns its generated id. */
    static long insert(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, args);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : -1; // the id is each table's first column
            }
        }
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    /** Binds of one row of a {@link #batch}. */
    interface Row<T> {
        Object[] args(T item);
    }

    /**
     * Runs {@code sql} once per item as one JDBC batch: the driver sends them together (pgjdbc pipelines a batch in
     * a few round trips, not one per row).
     */
    static <T> void batch(Connection c, String sql, Iterable<T> items, Row<T> row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            boolean any = false;
            for (T item : items) {
                bind(ps, row.args(item));
                ps.addBatch();
                any = true;
            }
            if (any) ps.executeBatch();
        }
    }

    /** The first column of every row, as longs. */
    static List<Long> longs(Connection c, String sql, Object... args) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getLong(1));
            }
        }
        return out;
    }

    static List<TxAttempt> attempts(Connection c, String where, Object... args) throws SQLException {
        List<TxAttempt> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + JournalSql.ATTEMPT_COLUMNS + " FROM tx_attempts "
                + where)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(JournalRows.attempt(rs));
            }
        }
        return out;
    }

    static List<Decision> decisions(Connection c, String sql, Object... args) throws SQLException {
        List<Decision> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(JournalRows.decision(rs));
            }
        }
        return out;
    }

    static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            // a typed null: PostgreSQL cannot infer the type of an untyped one in every position
            if (args[i] == null) ps.setNull(i + 1, Types.NULL);
            else ps.setObject(i + 1, args[i]);
        }
    }
}
