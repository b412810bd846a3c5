package dev.ballast.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.web3j.crypto.Keys;

/** The smallest keeper-config.yaml a CLI test runs with: one endpoint, a key from the environment, one vault "demo". */
final class KeeperConfigFile {
    private KeeperConfigFile() {}

    /**
     * Writes {@code file} and returns it.
     *
     * @param extraYaml top-level keys appended as they are (e.g. {@code "pollInterval: 1s\n"}), or ""
     */
    static Path write(Path file, long chainId, String rpcUrl, String keyEnv, String vault, Path journal, String extraYaml)
            throws Exception {
        Files.writeString(file, """
                chainId: %d
                rpc:
                  endpoints:
                    - http: %s
                signer:
                  privateKeyEnv: %s
                policy:
                  band: 0.05
                vaults:
                  - address: "%s"
                    name: demo
                journal:
                  path: %s
                """.formatted(chainId, rpcUrl, keyEnv, vault.startsWith("0x") && vault.length() == 42
                ? Keys.toChecksumAddress(vault) : vault, journal) + extraYaml);
        return file;
    }
}
