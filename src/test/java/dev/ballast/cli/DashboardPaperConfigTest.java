package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.dashboard.PaperSource;
import dev.ballast.paper.PaperConfig;
import dev.ballast.paper.PaperConfigLoader;
import dev.ballast.paper.PaperLedger;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ballast dashboard --paper-config}: what the dashboard is given of a paper.yaml is the ledger's journal file,
 * the gas model and each vault's name and the policy it runs, nothing else; a missing file is a user error.
 */
class DashboardPaperConfigTest {
    @TempDir
    Path dir;

    @Test
    void theShippedPaperYamlGivesTheJournalGasAndEveryVaultsPolicy() {
        Path file = Path.of("keeper-config/paper.yaml");
        PaperConfig c = PaperConfigLoader.load(file);
        PaperSource s = DashboardCommand.paper(file);
        assertThat(s.journal()).isEqualTo(c.journal());
        assertThat(s.gas()).isEqualTo(c.gas());
        assertThat(s.vaults()).hasSize(c.vaults().size());
        for (int i = 0; i < c.vaults().size(); i++) {
            assertThat(s.vaults().get(i).name()).isEqualTo(c.vaults().get(i).name());
            assertThat(s.vaults().get(i).policy()).isEqualTo(PaperLedger.policy(c.vaults().get(i)));
        }
    }

    @Test
    void aMissingPaperYamlIsAUserError() {
        assertThatThrownBy(() -> DashboardCommand.paper(dir.resolve("nope.yaml"))).isInstanceOf(UserInputException.class);
    }
}
