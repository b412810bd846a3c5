package dev.ballast.config;

import static dev.ballast.config.ConfigTestSupport.MINIMAL;
import static dev.ballast.config.ConfigTestSupport.parse;
import static dev.ballast.config.ConfigTestSupport.problems;
import static dev.ballast.config.ConfigTestSupport.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.journal.SharedJournal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** journal.url and journal.leaseTtl: a shared PostgreSQL journal, its credentials only from the environment. */
class JournalUrlConfigTest {
    @TempDir
    Path dir;

    private static String withJournal(String journalYaml) {
        return MINIMAL + "journal:\n" + journalYaml;
    }

    @Test
    void sqliteStaysTheDefault() {
        assertThat(parse(MINIMAL, dir, Map.of()).sharedJournal()).isEmpty();
    }

    @Test
    void aPostgresqlUrlTakesItsCredentialsFromTheEnvironment() {
        KeeperConfig c = parse(withJournal("  url: postgresql://db.internal:5433/ballast?sslmode=require\n  leaseTtl: 12s\n"),
                dir, Map.of("BALLAST_JOURNAL_USER", "keeper", "BALLAST_JOURNAL_PASSWORD", "s3cret"));
        SharedJournal j = c.sharedJournal().orElseThrow();
        assertThat(j.target().jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/ballast?sslmode=require");
        assertThat(j.target().user()).isEqualTo("keeper");
        assertThat(j.target().password()).isEqualTo("s3cret");
        assertThat(j.target().toString()).doesNotContain("s3cret");
        assertThat(j.leaseTtl()).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void pgpasswordIsTheFallbackAndTheTtlHasADefault() {
        SharedJournal j = parse(withJournal("  url: postgresql://localhost/ballast\n"), dir,
                Map.of("PGUSER", "pg", "PGPASSWORD", "pw")).sharedJournal().orElseThrow();
        assertThat(j.target().user()).isEqualTo("pg");
        assertThat(j.target().password()).isEqualTo("pw");
        assertThat(j.leaseTtl()).isEqualTo(SharedJournal.DEFAULT_LEASE_TTL);
    }

    @Test
    void aPasswordInTheUrlIsRefusedNamingTheField() {
        var ps = problems(withJournal("  url: postgresql://keeper:hunter2@db:5432/ballast\n"), dir, Map.of());
        assertThat(ps).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo("journal.url");
            assertThat(p.message()).contains("must not carry a user or password").contains("BALLAST_JOURNAL_PASSWORD");
        });
        assertThat(ps.toString()).doesNotContain("hunter2");
        single(withJournal("  url: postgresql://db:5432/ballast?password=x\n"), dir, Map.of(), "journal.url",
                "must not carry a user or password");
    }

    @Test
    void otherSchemesAndMissingDatabaseAreRefused() {
        single(withJournal("  url: mysql://db/ballast\n"), dir, Map.of(), "journal.url", "only postgresql://");
        single(withJournal("  url: postgresql://db:5432\n"), dir, Map.of(), "journal.url", "no database name");
        single(withJournal("  url: postgresql://db/b\n  leaseTtl: 10ms\n"), dir, Map.of(), "journal.leaseTtl", "1s");
    }

    @Test
    void theCredentialVariablesAreNotMistakenForOverrides() {
        assertThat(parse(MINIMAL, dir, Map.of("BALLAST_JOURNAL_USER", "u", "BALLAST_JOURNAL_PASSWORD", "p"))
                .sharedJournal()).isEmpty();
    }
}
