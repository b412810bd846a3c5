package dev.ballast.config;

import static dev.ballast.config.ConfigTestSupport.parse;
import static dev.ballast.config.ConfigTestSupport.single;
import static dev.ballast.config.ConfigTestSupport.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch: section of keeper-config.yaml (batching in the running keeper, issue 16 §3). */
class BatchConfigTest {
    private static final String BATCH = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";
    private static final String OTHER = "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9";

    @TempDir
    Path dir;

    @Test
    void batchingIsOffByDefault() {
        BatchConfig b = parse(ConfigTestSupport.MINIMAL, dir, Map.of()).batch();
        assertThat(b).isEqualTo(BatchConfig.DISABLED);
        assertThat(b.enabled()).isFalse();
    }

    @Test
    void oneContractOrAListAndTheLimitAreRead() {
        BatchConfig one = parse(with("batch:\n  enabled: true\n  contract: \"" + BATCH + "\"\n  maxVaults: 25\n"), dir, Map.of()).batch();
        assertThat(one).isEqualTo(new BatchConfig(true, List.of(BATCH), 25));
        BatchConfig many = parse(with("batch:\n  enabled: true\n  contracts:\n    - \"" + BATCH + "\"\n    - \"" + OTHER + "\"\n"),
                dir, Map.of("BALLAST_BATCH_MAX_VAULTS", "12")).batch();
        assertThat(many).isEqualTo(new BatchConfig(true, List.of(BATCH, OTHER), 12));
        BatchConfig off = parse(with("batch:\n  enabled: false\n  contract: \"" + BATCH + "\"\n"), dir, Map.of()).batch();
        assertThat(off.enabled()).as("a contract alone does not turn batching on").isFalse();
    }

    @Test
    void badValuesNameTheirKey() {
        single(with("batch:\n  enabled: true\n"), dir, Map.of(), "batch.contract", "required");
        single(with("batch:\n  enabled: maybe\n  contract: \"" + BATCH + "\"\n"), dir, Map.of(), "batch.enabled", "maybe");
        single(with("batch:\n  enabled: true\n  contract: \"0x1234\"\n"), dir, Map.of(), "batch.contract", "0x1234");
        single(with("batch:\n  enabled: true\n  contract: \"" + BATCH + "\"\n  maxVaults: 0\n"), dir, Map.of(), "batch.maxVaults", "0");
        single(with("batch:\n  enabled: true\n  contract: \"" + BATCH + "\"\n  maxVaults: 201\n"), dir, Map.of(), "batch.maxVaults", "201");
        single(with("batch:\n  enabled: true\n  contracts:\n    - \"" + BATCH + "\"\n    - \"nope\"\n"), dir, Map.of(),
                "batch.contracts[1]", "nope");
        single(with("batch:\n  enabled: true\n  contract: \"" + BATCH + "\"\n  contracts:\n    - \"" + OTHER + "\"\n"), dir,
                Map.of(), "batch.contracts", "not both");
        single(with("batch:\n  enabled: true\n  contracts:\n    - \"" + BATCH + "\"\n    - \"" + BATCH.toLowerCase() + "\"\n"),
                dir, Map.of(), "batch.contracts", "twice");
        single(with("batch:\n  maxVault: 5\n"), dir, Map.of(), "batch.maxVault", "unknown");
    }

    @Test
    void theExampleFileDocumentsTheKeysAndLeavesBatchingOff() throws Exception {
        String example = java.nio.file.Files.readString(Path.of("keeper-config.yaml"));
        assertThat(example).contains("batch:", "enabled:", "maxVaults:", "setKeeper");
        KeeperConfig c = ConfigLoader.load(Path.of("keeper-config.yaml"), Map.of());
        assertThat(c.batch().enabled()).isFalse();
    }
}
