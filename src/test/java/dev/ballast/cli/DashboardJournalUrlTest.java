package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.config.ConfigLoader;
import dev.ballast.config.KeeperConfig;
import dev.ballast.dashboard.DashboardSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard reads SQLite only: a config with a PostgreSQL journal (journal.url) is refused naming the key. */
class DashboardJournalUrlTest {
    private static final String CONFIG = """
            chainId: 31337
            rpc:
              endpoints:
                - http: http://127.0.0.1:8545
            signer:
              privateKeyEnv: KEEPER_KEY
            vaults:
              - address: "0x5FbDB2315678afecb367f032d93F642f64180aa3"
                name: main
            """;
    @TempDir
    Path dir;

    @Test
    void aSharedPostgresqlJournalIsRefusedNamingJournalUrl() {
        KeeperConfig shared = ConfigLoader.parse(CONFIG + "journal:\n  url: postgresql://127.0.0.1:5432/ballast\n", dir,
                "test.yaml", Map.of("BALLAST_JOURNAL_USER", "keeper", "BALLAST_JOURNAL_PASSWORD", "pw"));
        assertThatThrownBy(() -> DashboardCommand.settings(shared, shared.monitoring().dashboard(),
                DashboardSettings.DEFAULT_HISTORY, Map.of()))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("journal.url:")
                .hasMessageContaining("SQLite journal (journal.path)")
                .hasMessageNotContaining("pw");

        KeeperConfig sqlite = ConfigLoader.parse(CONFIG, dir, "test.yaml", Map.of());
        DashboardSettings s = DashboardCommand.settings(sqlite, sqlite.monitoring().dashboard(),
                DashboardSettings.DEFAULT_HISTORY, Map.of());
        assertThat(s.journal()).isEqualTo(sqlite.journalPath());
    }
}
