package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.anvil.DevAccounts;
import dev.ballast.journal.AttemptStatus;
import dev.ballast.journal.Journal;
import dev.ballast.journal.TxAttempt;
import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.KeeperFixture;
import dev.ballast.keeper.KeeperRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.utils.Numeric;

/** `ballast run` as a real process, stopped the way service managers stop it: SIGTERM while a rebalance is in flight. */
@ExtendWith(AnvilExtension.class)
class KeeperStopProcessTest {
    private static final String KEY_ENV = "BALLAST_TEST_KEEPER_KEY";
    private final AnvilChain chain;
    @TempDir
    Path dir;

    KeeperStopProcessTest(AnvilChain chain) {
        this.chain = chain;
    }

    @Test
    void sigtermStopsCleanlyWithExitZeroAndTheInFlightRebalanceJournaled() throws Exception {
        KeeperFixture f = KeeperFixture.deploy(chain.web3j(), chain.rpc(), chain.rpcUrl());
        f.shockWeth("4800");
        Path journal = dir.resolve("journal.db");
        Path config = KeeperConfigFile.write(dir.resolve("keeper.yaml"), 31337, chain.rpcUrl(), KEY_ENV,
                f.stack.vault().getContractAddress(), journal, """
                pollInterval: 1s
                confirmations: 1
                metrics:
                  port: 0
                """);
        chain.rpc().setAutomine(false); // the rebalance stays pending: SIGTERM arrives while the keeper follows it
        Path output = dir.resolve("keeper.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BallastCli.class.getName(), "run", "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put(KEY_ENV, Numeric.toHexStringWithPrefixZeroPadded(
                DevAccounts.get(1).getEcKeyPair().getPrivateKey(), 64));
        Process keeper = builder.start();
        try {
            KeeperFixture.await("the keeper broadcasts its rebalance", Duration.ofSeconds(60), () -> sentAttempts(journal) > 0);
            keeper.destroy(); // SIGTERM
            assertThat(keeper.waitFor(60, TimeUnit.SECONDS)).as("stopped within the grace").isTrue();
        } finally {
            keeper.destroyForcibly();
            chain.rpc().setAutomine(true);
        }
        String log = Files.readString(output);
        assertThat(keeper.exitValue()).as(log).isZero();
        assertThat(log).as("no ERROR line").doesNotContain(" ERROR ").contains("SIGTERM received")
                .contains("keeper stopped").contains("1 transaction(s) pending in the journal");

        // the journal holds the signed rebalance, unresolved: the next start settles it instead of deciding again
        try (Journal j = Journal.open(journal)) {
            List<TxAttempt> pending = j.pendingTransactions();
            assertThat(pending).singleElement().satisfies(a -> {
                assertThat(a.status()).isEqualTo(AttemptStatus.SENT);
                assertThat(a.rawTx()).startsWith("0x02");
            });
            assertThat(j.recentDecisions(100)).anyMatch(d -> d.decision().equals("REBALANCE")
                    && d.id() == pending.getFirst().decisionId());
        }
        chain.rpc().mine(1);
        try (KeeperFixture.KeeperLog lines = new KeeperFixture.KeeperLog();
                KeeperRuntime next = KeeperRuntime.create(f.settings(journal), KeeperEvents.NONE)) {
            assertThat(lines.at(ch.qos.logback.classic.Level.INFO)).as("said at start-up, where it is true")
                    .anyMatch(l -> l.contains("had not been recorded before the keeper stopped"))
                    .noneMatch(l -> l.contains("while the keeper was down"));
            assertThat(next.journal().pendingTransactions()).as("settled at the next start").isEmpty();
            assertThat(next.journal().attempt(1L)).hasValueSatisfying(a ->
                    assertThat(a.status()).as("the journaled transaction, mined").isEqualTo(AttemptStatus.MINED));
        }
        assertThat(f.rebalancedEvents()).isEqualTo(1);
    }

    private static long sentAttempts(Path journal) {
        if (!Files.exists(journal)) return 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + journal); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM tx_attempts WHERE status = 'SENT'")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (java.sql.SQLException notYetCreated) {
            return 0;
        }
    }
}
