package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ballast config check}: no RPC is contacted (the endpoint below does not exist), and each exit code is reachable. */
class ConfigCheckCommandTest {
    private static final String KEY_ENV = "CHECK_TEST_KEY";
    private static final String KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    private static final String ADDRESS = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final String VAULT = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    /** Nothing listens here: a check that tried to reach the node would fail or hang. */
    private static final String NO_NODE = "http://127.0.0.1:9";

    @TempDir
    Path dir;

    @AfterEach
    void restoreEnvironment() {
        KeeperOptions.environment = System.getenv();
    }

    @Test
    void validConfigInAReadyEnvironmentExitsZeroAndPrintsTheSignerAddressNotTheKey() throws Exception {
        KeeperOptions.environment = Map.of(KEY_ENV, KEY);
        Path file = config("metrics:\n  port: " + freePort() + "\n");

        CliRun r = CliRun.run("config", "check", "-c", file.toString());

        assertThat(r.exit()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("valid (chain 31337, 1 RPC endpoint(s), 1 vault(s)").containsIgnoringCase(ADDRESS);
        assertThat(r.out() + r.err()).doesNotContain(KEY.substring(2));
    }

    @Test
    void everyProblemInTheFileIsListedByKeyWithExitTwo() throws Exception {
        KeeperOptions.environment = Map.of(KEY_ENV, KEY);
        Path file = config("confirmations: -1\nmetrics:\n  prot: 9464\n");

        CliRun r = CliRun.run("config", "check", "-c", file.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("confirmations").contains("metrics.prot");
    }

    @Test
    void unsetSecretVariableIsAnEnvironmentProblemWithExitThree() throws Exception {
        KeeperOptions.environment = Map.of();
        Path file = config("metrics:\n  port: " + freePort() + "\n");

        CliRun r = CliRun.run("config", "check", "-c", file.toString());

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("signer:").contains(KEY_ENV);
    }

    @Test
    void fileOnlyCheckNeedsNoSecrets() throws Exception {
        KeeperOptions.environment = Map.of();
        Path file = config("");

        CliRun r = CliRun.run("config", "check", "-c", file.toString(), "--no-environment");

        assertThat(r.exit()).as(r.err()).isEqualTo(0);
    }

    @Test
    void busyMetricsPortIsAnEnvironmentProblem() throws Exception {
        KeeperOptions.environment = Map.of(KEY_ENV, KEY);
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Path file = KeeperConfigFile.write(dir.resolve("k.yaml"), 31337, NO_NODE, KEY_ENV, VAULT,
                    dir.resolve("journal.db"), "metrics:\n  port: " + busy.getLocalPort() + "\n");

            CliRun r = CliRun.run("config", "check", "-c", file.toString());

            assertThat(r.exit()).isEqualTo(3);
            assertThat(r.err()).contains("metrics.port: cannot listen on 127.0.0.1:" + busy.getLocalPort());
        }
    }

    @Test
    void missingJournalFolderIsAnInvalidFile() throws Exception {
        KeeperOptions.environment = Map.of(KEY_ENV, KEY);
        Path file = KeeperConfigFile.write(dir.resolve("k.yaml"), 31337, NO_NODE, KEY_ENV, VAULT,
                dir.resolve("missing/journal.db"), "");

        CliRun r = CliRun.run("config", "check", "-c", file.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("journal.path").contains("does not exist");
    }

    @Test
    void missingFileIsBadInput() {
        CliRun r = CliRun.run("config", "check", "-c", dir.resolve("nope.yaml").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--config: no such file");
    }

    private Path config(String extra) throws Exception {
        return KeeperConfigFile.write(dir.resolve("k.yaml"), 31337, NO_NODE, KEY_ENV, VAULT, dir.resolve("journal.db"), extra);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
