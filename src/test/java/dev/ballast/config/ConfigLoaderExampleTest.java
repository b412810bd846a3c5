package dev.ballast.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.config.PolicyConfig.Mode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The documented keeper-config.yaml at the project's top level must load and mean what its comments say. */
class ConfigLoaderExampleTest {
    private static final Path EXAMPLE = Path.of("keeper-config.yaml");

    @Test
    void exampleLoadsAndValidates() {
        assertThat(Files.isRegularFile(EXAMPLE)).as("run from the project folder").isTrue();
        KeeperConfig c = ConfigLoader.load(EXAMPLE, Map.of());

        assertThat(c.chainId()).isEqualTo(1);
        assertThat(c.rpc().endpoints()).hasSize(2);
        assertThat(c.rpc().endpoints().get(0).ws()).contains(URI.create("wss://eth-mainnet.example.org/ws"));
        assertThat(c.rpc().endpoints().get(1).ws()).isEmpty();
        assertThat(c.rpc().privateSubmissionUrl()).contains(URI.create("https://rpc.flashbots.net"));
        assertThat(c.signer()).isEqualTo(new SignerConfig.PrivateKeyEnv("BALLAST_PRIVATE_KEY"));

        assertThat(c.vaults()).extracting(VaultConfig::name).containsExactly("eth-btc-60-40", "stables-defensive");
        PolicyConfig first = c.vaults().get(0).policy();
        assertThat(first).isEqualTo(new PolicyConfig(Mode.BAND, new BigDecimal("0.05"), Duration.ofDays(7),
                Duration.ofHours(6), new BigDecimal("500"), new BigDecimal("0.005"), new BigDecimal("0.25"),
                new BigDecimal("40")));
        PolicyConfig second = c.vaults().get(1).policy();
        assertThat(second.mode()).isEqualTo(Mode.BOTH);
        assertThat(second.band()).isEqualByComparingTo("0.02");
        assertThat(second.calendarInterval()).isEqualTo(Duration.ofDays(30));
        assertThat(second.cooldown()).as("inherited from policy:").isEqualTo(Duration.ofHours(6));

        assertThat(c.prices()).hasSize(2);
        AssetPriceConfig weth = c.prices().get(0);
        assertThat(weth.sourceCount()).isEqualTo(3);
        assertThat(weth.http().get(1).path()).isEqualTo("lastPrice");
        assertThat(c.prices().get(1).maxAge()).as("default").isEqualTo(Duration.ofMinutes(10));

        assertThat(c.gas()).isEqualTo(new GasConfig(20, new BigDecimal("50"), new BigInteger("150000000000"),
                new BigInteger("10000000"), new BigInteger("3000000000"), 12, Duration.ofSeconds(90)));
        assertThat(c.confirmations()).isEqualTo(3);
        assertThat(c.pollInterval()).isEqualTo(Duration.ofSeconds(12));
        assertThat(c.journalPath()).isEqualTo(EXAMPLE.toAbsolutePath().getParent().resolve("ballast-journal.db"));
        assertThat(c.logFormat()).isEqualTo(KeeperConfig.LogFormat.TEXT);
    }

    @Test
    void everyTopLevelAndSectionKeyHasACommentAbove() throws Exception {
        // keys inside list entries are documented in the comment block above their list
        var lines = Files.readAllLines(EXAMPLE);
        int keys = 0;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.matches("( {2})?[A-Za-z]+:.*")) {
                keys++;
                assertThat(lines.get(i - 1).strip()).as("comment above line " + (i + 1) + ": " + line).startsWith("#");
            }
        }
        assertThat(keys).isGreaterThan(30);
    }

    @Test
    void exampleWithEnvironmentOverride() {
        KeeperConfig c = ConfigLoader.load(EXAMPLE, Map.of("BALLAST_GAS_MAX_FEE_GWEI", "80",
                "BALLAST_VAULTS_1_POLICY_BAND", "0.03", "BALLAST_PRIVATE_KEY", "not read by the loader"));
        assertThat(c.gas().maxFeeWei()).isEqualTo(new BigInteger("80000000000"));
        assertThat(c.vaults().get(1).policy().band()).isEqualByComparingTo("0.03");
    }

    @Test
    void exampleConvertsToGasPolicyAndOracleSpecs() {
        KeeperConfig c = ConfigLoader.load(EXAMPLE, Map.of());
        dev.ballast.gas.GasPolicy gas = c.gas().toGasPolicy();
        assertThat(gas.maxFeeCap()).isEqualTo(new BigInteger("150000000000"));
        assertThat(gas.priorityFeePercentile()).isEqualTo(50.0);
        assertThat(gas.replacementBumpPercent()).isEqualTo(12);

        AssetPriceConfig weth = c.prices().getFirst();
        assertThat(weth.aggregationRules()).isEqualTo(new dev.ballast.oracle.AggregationRules(Duration.ofMinutes(5), 2,
                new BigDecimal("0.02")));
        assertThat(weth.httpSpecs()).extracting(s -> s.asset() + "/" + s.name() + "/" + s.path())
                .containsExactly("WETH/coinbase/data.amount", "WETH/binance/lastPrice");
        assertThat(weth.httpSpecs().get(1).timestampPath()).map(Object::toString).hasValue("closeTime");
        assertThat(c.quietRetention()).hasValue(Duration.ofDays(7));
    }
}
