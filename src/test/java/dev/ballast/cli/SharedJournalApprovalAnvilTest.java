package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.approval.ApprovalJournal;
import dev.ballast.approval.Proposal;
import dev.ballast.approval.ProposalStatus;
import dev.ballast.bench.ThrowawayPostgres;
import dev.ballast.deploy.DevStack;
import dev.ballast.journal.JournalTarget;
import dev.ballast.keeper.Keeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.utils.Numeric;

/**
 * Issue 19 §2 with several keepers: {@code mode: propose} on a shared PostgreSQL journal. The keeper's proposal is seen
 * from another connection pool (another machine), and {@code approve} sends only under the vault's lease: refused for a
 * signer that is not one of the running keepers, sent (with the lease's fencing token on its intent) for the keeper's
 * own signer.
 */
@ExtendWith(AnvilExtension.class)
class SharedJournalApprovalAnvilTest {
    private static final String KEY_ENV = "BALLAST_TEST_KEEPER_KEY";
    private static final String OTHER_KEY_ENV = "BALLAST_TEST_OTHER_KEY";

    private final AnvilChain chain;
    @TempDir
    Path dir;
    private DevStack stack;
    private JournalTarget.Postgres journal;

    SharedJournalApprovalAnvilTest(AnvilChain chain) {
        this.chain = chain;
    }

    @BeforeEach
    void deploy() throws Exception {
        stack = CliTestVault.deploy(chain);
        journal = ThrowawayPostgres.shared().newDatabase("approvals");
        KeeperOptions.environment = Map.of(KEY_ENV, key(1), OTHER_KEY_ENV, key(2),
                JournalTarget.USER_VARIABLE, journal.user());
    }

    @AfterEach
    void restoreEnvironment() {
        KeeperOptions.environment = System.getenv();
    }

    @Test
    void aProposalOnTheSharedJournalIsApprovedOnlyUnderTheVaultsLease() throws Exception {
        ApprovalScenario s = new ApprovalScenario(chain, stack, dir, KEY_ENV, "", "",
                "url: " + journal.jdbcUrl().substring("jdbc:".length()));
        s.shockWeth();
        Keeper.Outcome proposed = s.keeperBlock(); // the keeper (signer 1) heartbeats, takes the lease, proposes
        assertThat(proposed.kind()).as(proposed.message()).isEqualTo(Keeper.Outcome.Kind.PROPOSED);

        try (ApprovalJournal elsewhere = ApprovalJournal.open(journal, Clock.systemUTC())) {
            assertThat(elsewhere.withStatus(ProposalStatus.OPEN)).singleElement()
                    .satisfies(p -> assertThat(p.vaultName()).isEqualTo("demo"));
        }
        CliRun listed = CliRun.run("proposals", "-c", s.config.toString());
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out()).containsPattern("(?m)^1\\s+demo\\s+\\d+\\s+OPEN");

        Path other = dir.resolve("keeper-other.yaml");
        Files.writeString(other, Files.readString(s.config).replace(KEY_ENV, OTHER_KEY_ENV));
        CliRun refused = CliRun.run("approve", "1", "-c", other.toString());
        assertThat(refused.exit()).as(refused.out() + refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("are running on journal").contains("holds the vault's lease");
        assertThat(s.rebalancedEvents()).isZero();

        CliRun approved = CliRun.run("approve", "1", "-c", s.config.toString());
        assertThat(approved.exit()).as(approved.out() + approved.err()).isZero();
        assertThat(s.rebalancedEvents()).isEqualTo(1);
        try (ApprovalJournal aj = s.journal()) {
            Proposal p = aj.proposal(1).orElseThrow();
            assertThat(p.status()).isEqualTo(ProposalStatus.EXECUTED);
            assertThat(leaseToken(p.txHash())).as("the intent was fenced by the vault's lease").isPositive();
        }
    }

    private long leaseToken(String txHash) throws Exception {
        try (Connection c = DriverManager.getConnection(journal.jdbcUrl(), journal.user(), journal.password());
                PreparedStatement ps = c.prepareStatement("SELECT lease_token FROM tx_attempts WHERE tx_hash = ?")) {
            ps.setString(1, txHash.toLowerCase(java.util.Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("attempt " + txHash + " journaled").isTrue();
                return rs.getLong(1);
            }
        }
    }

    private String key(int account) {
        return Numeric.toHexStringWithPrefixZeroPadded(chain.account(account).getEcKeyPair().getPrivateKey(), 64);
    }
}
