package dev.ballast.journal;

import java.sql.Connection;

/** Work inside one database transaction of the journal ({@link Journal#inTransaction}); its result is returned. */
@FunctionalInterface
public interface JournalWork<T> {
    T run(Connection connection) throws Exception;
}
