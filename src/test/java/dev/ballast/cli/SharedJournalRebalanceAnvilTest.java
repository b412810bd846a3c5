package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.config.KeeperConfig;
import dev.ballast.keeper.Keeper;
import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.KeeperRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ballast rebalance} with {@code journal.url}: it journals to the shared PostgreSQL journal (not a local SQLite
 * file) and sends under the vault's lease like a keeper, refused for a signer that is none of the running keepers.
 */
@ExtendWith(AnvilExtension.class)
class SharedJournalRebalanceAnvilTest {
    private final AnvilChain chain;
    @TempDir
    Path dir;
    private SharedJournalFixture shared;

    SharedJournalRebalanceAnvilTest(AnvilChain chain) {
        this.chain = chain;
    }

    @BeforeEach
    void deploy() throws Exception {
        shared = SharedJournalFixture.deploy(chain, dir, "rebalance");
    }

    @AfterEach
    void restoreEnvironment() {
        shared.close();
    }

    @Test
    void aManualRebalanceUsesTheSharedJournalAndTheVaultsLease() throws Exception {
        ApprovalScenario market = shared.scenario("\nleaseTtl: 120s");
        Path config = dir.resolve("keeper-band.yaml");
        Files.writeString(config, Files.readString(market.config).replace("    mode: propose\n", ""));
        Path sqlite = dir.resolve("journal.db");

        Keeper.Outcome quiet = keeperBlock(config); // the keeper (signer 1) heartbeats and takes the vault's lease
        assertThat(quiet.kind()).as(quiet.message()).isEqualTo(Keeper.Outcome.Kind.SKIPPED);
        market.shockWeth();

        Path other = shared.otherSigner(config);
        CliRun refused = CliRun.run("rebalance", "demo", "--yes", "-c", other.toString());
        assertThat(refused.exit()).as(refused.out() + refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("VAULT: keepers").contains("are running on journal")
                .contains("holds the vault's lease");
        assertThat(market.rebalancedEvents()).as("nothing sent by a signer that is not a running keeper").isZero();

        CliRun sent = CliRun.run("rebalance", "demo", "--yes", "-c", config.toString());
        assertThat(sent.exit()).as(sent.out() + sent.err()).isZero();
        assertThat(sent.out()).contains("demo: rebalanced");
        assertThat(market.rebalancedEvents()).isEqualTo(1);
        assertThat(shared.leaseTokens()).as("the intent is in the shared journal, fenced by the vault's lease")
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
}
