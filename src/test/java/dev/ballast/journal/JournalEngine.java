package dev.ballast.journal;

import dev.ballast.bench.ThrowawayPostgres;
import java.nio.file.Path;

/** The two engines the journal suite runs against: each test gets its own SQLite file or PostgreSQL database. */
public enum JournalEngine {
    SQLITE {
        @Override
        public JournalTarget newTarget(Path dir) {
            return new JournalTarget.Sqlite(dir.resolve("journal.db"));
        }
    },
    POSTGRESQL {
        @Override
        public JournalTarget newTarget(Path dir) {
            return ThrowawayPostgres.shared().newDatabase("journal");
        }
    };

    /** A fresh, empty journal location. */
    public abstract JournalTarget newTarget(Path dir);
}
