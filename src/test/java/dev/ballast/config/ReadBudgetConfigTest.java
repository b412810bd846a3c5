package dev.ballast.config;

import static dev.ballast.config.ConfigTestSupport.parse;
import static dev.ballast.config.ConfigTestSupport.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.chain.VaultReaderOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rpc.callGasLimit and rpc.maxReadCallsPerBlock: the lens read's per-call gas and its ceiling on calls per block. */
class ReadBudgetConfigTest {
    @TempDir
    Path dir;

    private static String rpc(String keys) {
        return ConfigTestSupport.MINIMAL.replace("rpc:\n", "rpc:\n" + keys);
    }

    @Test
    void defaultsFitAThirtyMillionGasNodeAndAllowSixtyFourCalls() {
        RpcConfig r = parse(ConfigTestSupport.MINIMAL, dir, Map.of()).rpc();
        assertThat(r.callGasLimit()).isEqualTo(30_000_000L).isEqualTo(VaultReaderOptions.DEFAULT_CALL_GAS_LIMIT);
        assertThat(r.maxReadCallsPerBlock()).isEqualTo(64).isEqualTo(VaultReaderOptions.DEFAULT_MAX_CALLS_PER_BLOCK);
    }

    @Test
    void bothKeysAreReadAndOverridable() {
        RpcConfig r = parse(rpc("  callGasLimit: 50000000\n  maxReadCallsPerBlock: 12\n"), dir,
                Map.of("BALLAST_RPC_MAX_READ_CALLS_PER_BLOCK", "20")).rpc();
        assertThat(r.callGasLimit()).isEqualTo(50_000_000L);
        assertThat(r.maxReadCallsPerBlock()).isEqualTo(20);
    }

    @Test
    void badValuesNameTheirKey() {
        single(rpc("  callGasLimit: 999999\n"), dir, Map.of(), "rpc.callGasLimit", "999999", "1000000");
        single(rpc("  callGasLimit: 30M\n"), dir, Map.of(), "rpc.callGasLimit", "30M", "whole number");
        single(rpc("  maxReadCallsPerBlock: 0\n"), dir, Map.of(), "rpc.maxReadCallsPerBlock", "0");
        single(rpc("  maxReadCallsPerBlock: 1001\n"), dir, Map.of(), "rpc.maxReadCallsPerBlock", "1001");
        single(rpc("  maxReadCalls: 8\n"), dir, Map.of(), "rpc.maxReadCalls", "unknown");
    }

    @Test
    void oneFileListsTheTenThousandVaultsThatSeveralKeepersShareByLease() {
        StringBuilder y = new StringBuilder(ConfigTestSupport.MINIMAL.substring(0, ConfigTestSupport.MINIMAL.indexOf("vaults:")));
        y.append("vaults:\n");
        for (int i = 0; i < 10_001; i++) {
            String address = org.web3j.crypto.Keys.toChecksumAddress(String.format("0x%040x", i + 1));
            y.append("  - address: \"").append(address).append("\"\n    name: v").append(i).append('\n');
        }
        String all = y.toString();
        String tenThousand = all.substring(0, all.indexOf("  - address", all.indexOf("name: v9999\n")));
        long started = System.nanoTime();
        assertThat(parse(tenThousand, dir, Map.of()).vaults()).hasSize(10_000);
        assertThat((System.nanoTime() - started) / 1e9).as("seconds to load 10,000 vaults").isLessThan(30);
        single(all, dir, Map.of(), "vaults", "must have 1 to 10000 entries");
    }

    @Test
    void theExampleFileDocumentsTheKeys() throws Exception {
        assertThat(Files.readString(Path.of("keeper-config.yaml"))).contains("callGasLimit:", "maxReadCallsPerBlock:");
        RpcConfig r = ConfigLoader.load(Path.of("keeper-config.yaml"), Map.of()).rpc();
        assertThat(r.callGasLimit()).isEqualTo(30_000_000L);
        assertThat(r.maxReadCallsPerBlock()).isEqualTo(64);
    }
}
