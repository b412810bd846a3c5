package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.bench.ThrowawayPostgres;
import dev.ballast.deploy.DevStack;
import dev.ballast.journal.JournalTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.web3j.utils.Numeric;

/**
 * The set-up of the CLI tests on a shared PostgreSQL journal: the demo vault deployed on Anvil, a fresh database on
 * the throwaway PostgreSQL, and the CLI's environment holding two signers' keys (the keeper's, signer 1, and another
 * signer's, 2) and the database user. {@link #close()} gives the CLI the process environment back.
 */
final class SharedJournalFixture implements AutoCloseable {
    static final String KEY_ENV = "BALLAST_TEST_KEEPER_KEY";
    static final String OTHER_KEY_ENV = "BALLAST_TEST_OTHER_KEY";

    final AnvilChain chain;
    final DevStack stack;
    final JournalTarget.Postgres journal;
    private final Path dir;

    private SharedJournalFixture(AnvilChain chain, DevStack stack, JournalTarget.Postgres journal, Path dir) {
        this.chain = chain;
        this.stack = stack;
        this.journal = journal;
        this.dir = dir;
    }

    static SharedJournalFixture deploy(AnvilChain chain, Path dir, String database) throws Exception {
        DevStack stack = CliTestVault.deploy(chain);
        JournalTarget.Postgres journal = ThrowawayPostgres.shared().newDatabase(database);
        KeeperOptions.environment = Map.of(KEY_ENV, key(chain, 1), OTHER_KEY_ENV, key(chain, 2),
                JournalTarget.USER_VARIABLE, journal.user());
        return new SharedJournalFixture(chain, stack, journal, dir);
    }

    /** The approval scenario signed by the keeper's key, journaling to the shared database ({@code journalYaml} more). */
    ApprovalScenario scenario(String journalYaml) throws Exception {
        return new ApprovalScenario(chain, stack, dir, KEY_ENV, "", "",
                "url: " + journal.jdbcUrl().substring("jdbc:".length()) + journalYaml);
    }

    /** {@code config} signed by the other signer, who is none of the running keepers. */
    Path otherSigner(Path config) throws Exception {
        Path other = dir.resolve("keeper-other.yaml");
        Files.writeString(other, Files.readString(config).replace(KEY_ENV, OTHER_KEY_ENV));
        return other;
    }

    /** The lease token journaled with the attempt that sent {@code txHash}. */
    long leaseToken(String txHash) throws Exception {
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement("SELECT lease_token FROM tx_attempts WHERE tx_hash = ?")) {
            ps.setString(1, txHash.toLowerCase(Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("attempt " + txHash + " journaled").isTrue();
                return rs.getLong(1);
            }
        }
    }

    /** The lease tokens of every attempt in the shared journal. */
    List<Long> leaseTokens() throws Exception {
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement("SELECT lease_token FROM tx_attempts");
                ResultSet rs = ps.executeQuery()) {
            List<Long> tokens = new ArrayList<>();
            while (rs.next()) tokens.add(rs.getLong(1));
            return tokens;
        }
    }

    @Override
    public void close() {
        KeeperOptions.environment = System.getenv();
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(journal.jdbcUrl(), journal.user(), journal.password());
    }

    private static String key(AnvilChain chain, int account) {
        return Numeric.toHexStringWithPrefixZeroPadded(chain.account(account).getEcKeyPair().getPrivateKey(), 64);
    }
}
