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
    void theExampleFileDocumentsTheKeys() throws Exception {
        assertThat(Files.readString(Path.of("keeper-config.yaml"))).contains("callGasLimit:", "maxReadCallsPerBlock:");
        RpcConfig r = ConfigLoader.load(Path.of("keeper-config.yaml"), Map.of()).rpc();
        assertThat(r.callGasLimit()).isEqualTo(30_000_000L);
        assertThat(r.maxReadCallsPerBlock()).isEqualTo(64);
    }
}
