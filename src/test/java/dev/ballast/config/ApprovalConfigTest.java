package dev.ballast.config;

import static dev.ballast.config.ConfigTestSupport.MINIMAL;
import static dev.ballast.config.ConfigTestSupport.parse;
import static dev.ballast.config.ConfigTestSupport.single;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 19 §2 keys: vaults[i].mode, vaults[i].safe and the approvals section. */
class ApprovalConfigTest {
    private static final Map<String, String> NO_ENV = Map.of("KEEPER_KEY", "x");
    private static final String SAFE = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";
    @TempDir
    Path dir;

    @Test
    void aVaultSendsByDefaultAndTheRulesHaveDocumentedDefaults() {
        KeeperConfig c = parse(MINIMAL, dir, NO_ENV);
        assertThat(c.vaults().getFirst().approval()).isEqualTo(ApprovalConfig.SEND);
        assertThat(c.approvals()).isEqualTo(new ApprovalConfig.Rules(50, Duration.ofMinutes(10), new BigDecimal("0.005")));
    }

    @Test
    void proposeModeWithASafeAndRulesAreRead() {
        KeeperConfig c = parse(MINIMAL + "    mode: propose\n    safe:\n      address: \"" + SAFE + "\"\n"
                + "      signAsOwner: true\napprovals:\n  expiryBlocks: 5\n  expiry: 90s\n  tolerance: 0.01\n", dir, NO_ENV);
        ApprovalConfig a = c.vaults().getFirst().approval();
        assertThat(a.mode()).isEqualTo(ApprovalConfig.Mode.PROPOSE);
        assertThat(a.safe()).contains(new ApprovalConfig.SafeConfig(SAFE, true));
        assertThat(c.approvals()).isEqualTo(new ApprovalConfig.Rules(5, Duration.ofSeconds(90), new BigDecimal("0.01")));
    }

    @Test
    void aSafeWithoutProposeModeAndBadValuesAreRefusedNamingTheKey() {
        single(MINIMAL + "    safe:\n      address: \"" + SAFE + "\"\n", dir, NO_ENV, "vaults[0].mode", "must be propose when safe is set");
        single(MINIMAL + "    mode: approve\n", dir, NO_ENV, "vaults[0].mode", "send, propose");
        single(MINIMAL + "    mode: propose\n    safe:\n      signAsOwner: true\n", dir, NO_ENV, "vaults[0].safe.address", "required");
        single(MINIMAL + "approvals:\n  tolerance: 0.5\n", dir, NO_ENV, "approvals.tolerance", "0.1");
        single(MINIMAL + "approvals:\n  expiryBlock: 5\n", dir, NO_ENV, "approvals.expiryBlock", "expiryBlocks");
    }

    @Test
    void proposeModeWithASharedJournalKeepsItsProposalsInThatJournal() {
        KeeperConfig c = parse(MINIMAL + "    mode: propose\njournal:\n  url: postgresql://127.0.0.1:5432/ballast\n", dir, NO_ENV);
        assertThat(c.vaults().getFirst().approval().mode()).isEqualTo(ApprovalConfig.Mode.PROPOSE);
        // proposals and holds live in the journal every command opens: the shared database, not a local file
        assertThat(c.journalTarget()).isInstanceOf(dev.ballast.journal.JournalTarget.Postgres.class);
        assertThat(c.journalTarget().display()).startsWith("jdbc:postgresql://127.0.0.1:5432/ballast");
    }
}
