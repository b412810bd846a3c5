package dev.ballast.journal;

import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Row → record mapping, in column order of the queries in {@link JournalSql}. */
final class JournalRows {
    private JournalRows() {
    }

    static Decision decision(ResultSet rs) throws SQLException {
        return new Decision(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)));
    }

    static TxAttempt attempt(ResultSet rs) throws SQLException {
        return new TxAttempt(rs.getLong(1), nullableLong(rs, 2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getString(6), rs.getString(7), new BigInteger(rs.getString(8)), new BigInteger(rs.getString(9)),
                AttemptStatus.valueOf(rs.getString(10)), nullableLong(rs, 11), rs.getString(12),
                Instant.ofEpochMilli(rs.getLong(13)), Instant.ofEpochMilli(rs.getLong(14)));
    }

    /** A receipt from four columns starting at {@code from}: block number, block hash, success, gas used. */
    static TxReceipt receipt(ResultSet rs, int from) throws SQLException {
        return new TxReceipt(rs.getLong(from), rs.getString(from + 1), rs.getInt(from + 2) == 1,
                new BigInteger(rs.getString(from + 3)));
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
