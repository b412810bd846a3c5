package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.bench.ThrowawayPostgres;
import dev.ballast.config.KeeperConfig;
import dev.ballast.deploy.DevStack;
import dev.ballast.journal.JournalTarget;
import dev.ballast.keeper.Keeper;
import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.KeeperRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.utils.Numeric;

/**
 * {@code ballast rebalance} with {@code journal.url}: it journals to the shared PostgreSQL journal (not a local SQLite
 * file) and sends under the vault's lease like a keeper, refused for a signer that is none of the running keepers.
 */
@ExtendWith(AnvilExtension.class)
class SharedJournalRebalanceAnvilTest {
    private static final String KEY_ENV = "BALLAST_TEST_KEEPER_KEY";
    private static final String OTHER_KEY_ENV = "BALLAST_TEST_OTHER_KEY";

    private final AnvilChain chain;
    @TempDir
    Path dir;
    private DevStack stack;
    private JournalTarget.Postgres journal;

    SharedJournalRebalanceAnvilTest(AnvilChain chain) {
        this.chain = chain;
    }

    @BeforeEach
    void deploy() throws Exception {
        stack = CliTestVault.deploy(chain);
        journal = ThrowawayPostgres.shared().newDatabase("rebalance");
        KeeperOptions.environment = Map.of(KEY_ENV, key(1), OTHER_KEY_ENV, key(2),
                JournalTarget.USER_VARIABLE, journal.user());
    }

    @AfterEach
    void restoreEnvironment() {
        KeeperOptions.environment = System.getenv();
    }

    @Test
    void aManualRebalanceUsesTheSharedJournalAndTheVaultsLease() throws Exception {
        ApprovalScenario market = new ApprovalScenario(chain, stack, dir, KEY_ENV, "", "",
                "url: " + journal.jdbcUrl().substring("jdbc:".length()) + "\nleaseTtl: 120s");
        Path config = dir.resolve("keeper-band.yaml");
        Files.writeString(config, Files.readString(market.config).replace("    mode: propose\n", ""));
        Path sqlite = dir.resolve("journal.db");

        Keeper.Outcome quiet = keeperBlock(config); // the keeper (signer 1) heartbeats and takes the vault's lease
        assertThat(quiet.kind()).as(quiet.message()).isEqualTo(Keeper.Outcome.Kind.SKIPPED);
        market.shockWeth();

        Path other = dir.resolve("keeper-other.yaml");
        Files.writeString(other, Files.readString(config).replace(KEY_ENV, OTHER_KEY_ENV));
        CliRun refused = CliRun.run("rebalance", "demo", "--yes", "-c", other.toString());
        assertThat(refused.exit()).as(refused.out() + refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("VAULT: keepers").contains("are running on journal")
                .contains("holds the vault's lease");
        assertThat(market.rebalancedEvents()).as("nothing sent by a signer that is not a running keeper").isZero();

        CliRun sent = CliRun.run("rebalance", "demo", "--yes", "-c", config.toString());
        assertThat(sent.exit()).as(sent.out() + sent.err()).isZero();
        assertThat(sent.out()).contains("demo: rebalanced");
        assertThat(market.rebalancedEvents()).isEqualTo(1);
        assertThat(leaseTokens()).as("the intent is in the shared journal, fenced by the vault's lease")
                .singleElement().satisfies(token -> assertThat(token).isPositive());
        assertThat(Files.exists(sqlite)).as("no local SQLite journal beside the shared one").isFalse();
    }

    private Keeper.Outcome keeperBlock(Path config) throws Exception {
        KeeperOptions options = new KeeperOptions();
        options.config = config;
        KeeperConfig c = options.load();
        try (KeeperRuntime runtime = KeeperRuntime.create(options.settings(c, new PolicyOptions()), KeeperEvents.NONE)) {
            long block = chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
            return runtime.keeper().tick(block).getFirst();
        }
    }

    private List<Long> leaseTokens() throws Exception {
        try (Connection c = DriverManager.getConnection(journal.jdbcUrl(), journal.user(), journal.password());
                PreparedStatement ps = c.prepareStatement("SELECT lease_token FROM tx_attempts");
                ResultSet rs = ps.executeQuery()) {
            List<Long> tokens = new ArrayList<>();
            while (rs.next()) tokens.add(rs.getLong(1));
            return tokens;
        }
    }

    private String key(int account) {
        return Numeric.toHexStringWithPrefixZeroPadded(chain.account(account).getEcKeyPair().getPrivateKey(), 64);
    }
}
