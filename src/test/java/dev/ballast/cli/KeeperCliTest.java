package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.contracts.RebalancingVault;
import dev.ballast.deploy.DevStack;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/** The keeper commands through the real CLI entry point against a vault on Anvil, including their start-up refusals. */
@ExtendWith(AnvilExtension.class)
class KeeperCliTest {
    static final String KEY_ENV = "BALLAST_TEST_KEEPER_KEY";

    private final AnvilChain chain;
    @TempDir
    Path dir;
    private DevStack stack;

    KeeperCliTest(AnvilChain chain) {
        this.chain = chain;
    }

    @BeforeEach
    void deploy() throws Exception {
        stack = CliTestVault.deploy(chain);
        // account 0 deployed the vault and is its guardian; it signs in these tests
        Credentials signer = chain.account(0);
        KeeperOptions.environment = Map.of(KEY_ENV, Numeric.toHexStringWithPrefixZeroPadded(signer.getEcKeyPair().getPrivateKey(), 64));
    }

    @AfterEach
    void restoreEnvironment() {
        KeeperOptions.environment = System.getenv();
    }

    @Test
    void planAndStatusDescribeTheVault() throws Exception {
        CliRun plan = run("plan", "-c", config(31337, chain.rpcUrl(), stack.vault().getContractAddress()).toString());
        assertThat(plan.exit()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("demo (block").contains("skipped");
        CliRun status = run("status", "-c", config(31337, chain.rpcUrl(), stack.vault().getContractAddress()).toString());
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).contains("max drift").contains("50.00%").contains("pending changes: none")
                .contains("deposit cap: none (uncapped)")
                .contains("pending transactions: none");
    }

    @Test
    void statusShowsTheTimelocksPendingChangesDecodedWithTheirEta() throws Exception {
        RebalancingVault vault = stack.vault();
        String router = stack.router().getContractAddress();
        String eve = chain.account(5).getAddress();
        var keeper = RebalancingVault.getChangeProposedEvents(vault.propose(vault.getContractAddress(),
                DevStack.call("setKeeper", new Address(eve), new Bool(true))).send()).getFirst();
        List<String> sources = stack.sources().get(1);
        vault.propose(router, DevStack.call("setSources", new Address(stack.asset(1)), new DynamicArray<>(Address.class,
                List.of(new Address(sources.get(1)), new Address(sources.get(0)))), new Uint8(2),
                new Uint256(new BigInteger("30000000000000000")))).send();
        // a cancelled proposal is no longer pending
        var cancelled = RebalancingVault.getChangeProposedEvents(vault.propose(vault.getContractAddress(),
                DevStack.call("setTimelockDelay", new Uint256(7200))).send()).getFirst();
        vault.cancel(cancelled.id).send();
        var cap = RebalancingVault.getChangeProposedEvents(vault.propose(vault.getContractAddress(),
                DevStack.call("setDepositCap", new Uint256(new BigInteger("100000000000000000000000")))).send()).getFirst();

        CliRun status = run("status", "-c", config(31337, chain.rpcUrl(), vault.getContractAddress()).toString());

        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).contains("pending change #" + keeper.nonce + " on vault: setKeeper(keeper="
                        + eve.toLowerCase() + ", allowed=true), executable from " + Instant.ofEpochSecond(keeper.eta.longValueExact())
                        + " (in ")
                .contains("on router " + Keys.toChecksumAddress(router) + ": setSources(asset=" + stack.asset(1).toLowerCase()
                        + ", sources=[" + sources.get(1).toLowerCase() + ", " + sources.get(0).toLowerCase()
                        + "], quorum=2, maxDeviation=30000000000000000)")
                .contains("pending change #" + cap.nonce + " on vault: setDepositCap(cap=100000000000000000000000)")
                .doesNotContain("setTimelockDelay");
        assertThat(status.out().lines().filter(l -> l.contains("pending change #"))).hasSize(3);
    }

    @Test
    void planLeavesTheJournalUnchangedRowForRow() throws Exception {
        Path config = config(31337, chain.rpcUrl(), stack.vault().getContractAddress());
        Path journal = dir.resolve("journal.db");
        try (dev.ballast.journal.Journal j = dev.ballast.journal.Journal.open(journal)) {
            j.recordDecision(stack.vault().getContractAddress(), 1, "{}", "NOT_DUE", "an earlier run");
        }
        List<String> before = rows(journal);
        CliRun plan = run("plan", "-c", config.toString());
        assertThat(plan.exit()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("demo (block");
        assertThat(rows(journal)).as("the journal is the audit trail of what ran; plan ran nothing").isEqualTo(before);
    }

    /** Every row of every journal table, in order, as text. */
    private static List<String> rows(Path journal) throws Exception {
        List<String> rows = new java.util.ArrayList<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + journal);
                java.sql.Statement s = c.createStatement()) {
            for (String table : List.of("decisions", "tx_attempts", "receipts", "flyway_schema_history")) {
                try (java.sql.ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder(table);
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) row.append('|').append(rs.getString(i));
                        rows.add(row.toString());
                    }
                }
            }
        }
        return rows;
    }

    @Test
    void theGuardianPausesAndTheKeeperThenSkips() throws Exception {
        Path config = config(31337, chain.rpcUrl(), stack.vault().getContractAddress());
        CliRun refused = run("pause", "demo", "-c", config.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("pass --yes");
        assertThat(stack.vault().paused().send()).isFalse();

        CliRun paused = run("pause", "demo", "--yes", "-c", config.toString());
        assertThat(paused.exit()).as(paused.err()).isZero();
        assertThat(stack.vault().paused().send()).isTrue();
        assertThat(run("plan", "-c", config.toString()).out()).contains("vault is paused");
        assertThat(run("unpause", "demo", "--yes", "-c", config.toString()).exit()).isZero();
        assertThat(stack.vault().paused().send()).isFalse();
    }

    @Test
    void aWrongChainIdIsRefusedBeforeAnythingHappens() throws Exception {
        CliRun r = run("plan", "-c", config(1, chain.rpcUrl(), stack.vault().getContractAddress()).toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("chainId: the config says 1 but the RPC serves chain 31337");
    }

    @Test
    void aVaultAddressWithoutCodeIsRefused() throws Exception {
        String empty = "0x000000000000000000000000000000000000dEaD";
        CliRun r = run("run", "-c", config(31337, chain.rpcUrl(), empty).toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no contract code at " + empty);
    }

    @Test
    void anUnreachableRpcIsAClearFailure() throws Exception {
        CliRun r = run("run", "-c", config(31337, "http://127.0.0.1:9", stack.vault().getContractAddress()).toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("error:").contains("rpc[0]");
    }

    @Test
    void aMissingKeyVariableIsNamedWithoutPrintingAnySecret() throws Exception {
        KeeperOptions.environment = Map.of();
        CliRun r = run("run", "-c", config(31337, chain.rpcUrl(), stack.vault().getContractAddress()).toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("signer").contains(KEY_ENV);
    }

    @Test
    void aBadConfigValueNamesTheKey() throws Exception {
        Path config = config(31337, chain.rpcUrl(), stack.vault().getContractAddress());
        Files.writeString(config, Files.readString(config).replace("band: 0.05", "band: 7"));
        CliRun r = run("run", "-c", config.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("policy.band");
    }

    private Path config(long chainId, String rpc, String vault) throws Exception {
        return KeeperConfigFile.write(dir.resolve("keeper-" + chainId + ".yaml"), chainId, rpc, KEY_ENV, vault,
                dir.resolve("journal.db"), "");
    }


    private static CliRun run(String... args) {
        return CliRun.run(args);
    }
}
