package dev.ballast.config;

import static dev.ballast.config.ConfigTestSupport.MINIMAL;
import static dev.ballast.config.ConfigTestSupport.parse;
import static dev.ballast.config.ConfigTestSupport.problems;
import static dev.ballast.config.ConfigTestSupport.single;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigOverridesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
            "chainId, BALLAST_CHAIN_ID",
            "gas.maxFeeGwei, BALLAST_GAS_MAX_FEE_GWEI",
            "rpc.endpoints[0].http, BALLAST_RPC_ENDPOINTS_0_HTTP",
            "vaults[1].policy.band, BALLAST_VAULTS_1_POLICY_BAND",
            "prices[0].http[2].timeout, BALLAST_PRICES_0_HTTP_2_TIMEOUT",
            "rpc.privateSubmissionUrl, BALLAST_RPC_PRIVATE_SUBMISSION_URL",
            "vaults[12].policy.maxTradeFraction, BALLAST_VAULTS_12_POLICY_MAX_TRADE_FRACTION",
    })
    void envNameScheme(String path, String env) {
        assertThat(ConfigReader.envName(path)).isEqualTo(env);
    }

    @Test
    void overrideWinsOverFileAndDefault() {
        KeeperConfig c = parse(MINIMAL + "gas:\n  maxFeeGwei: 100\n", dir, Map.of(
                "BALLAST_GAS_MAX_FEE_GWEI", "55.5",
                "BALLAST_CHAIN_ID", "1",
                "BALLAST_RPC_ENDPOINTS_0_HTTP", "https://node.example",
                "BALLAST_CONFIRMATIONS", "7"));
        assertThat(c.gas().maxFeeWei()).isEqualTo(new BigInteger("55500000000"));
        assertThat(c.chainId()).isEqualTo(1);
        assertThat(c.rpc().endpoints().getFirst().http()).isEqualTo(URI.create("https://node.example"));
        assertThat(c.confirmations()).isEqualTo(7);
    }

    @Test
    void overrideReachesKeysAbsentFromTheFile() {
        KeeperConfig c = parse(MINIMAL, dir, Map.of("BALLAST_VAULTS_0_POLICY_BAND", "0.02",
                "BALLAST_LOG_FORMAT", "json", "BALLAST_RPC_ENDPOINTS_0_WS", "ws://127.0.0.1:8546"));
        assertThat(c.vaults().getFirst().policy().band()).isEqualByComparingTo("0.02");
        assertThat(c.logFormat()).isEqualTo(KeeperConfig.LogFormat.JSON);
        assertThat(c.rpc().endpoints().getFirst().ws()).contains(URI.create("ws://127.0.0.1:8546"));
    }

    @Test
    void invalidOverrideNamesTheVariable() {
        single(MINIMAL, dir, Map.of("BALLAST_GAS_REPLACEMENT_BUMP_PERCENT", "5"), "gas.replacementBumpPercent",
                "= \"5\" (env BALLAST_GAS_REPLACEMENT_BUMP_PERCENT)", "[10, 100]");
    }

    @Test
    void overrideCanSwitchTheSignerForm() {
        KeeperConfig c = parse(MINIMAL, dir, Map.of("BALLAST_SIGNER_PRIVATE_KEY_ENV", "OTHER_KEY"));
        assertThat(c.signer()).isEqualTo(new SignerConfig.PrivateKeyEnv("OTHER_KEY"));
    }

    @Test
    void mistypedOverrideIsAnError() {
        List<ConfigProblem> ps = problems(MINIMAL, dir, Map.of("BALLAST_GAS_MAX_FEE_GWIE", "5",
                "BALLAST_VAULTS_3_NAME", "x"));
        assertThat(ps).extracting(ConfigProblem::path)
                .containsExactly("BALLAST_GAS_MAX_FEE_GWIE", "BALLAST_VAULTS_3_NAME");
        assertThat(ps.getFirst().toString()).contains("(environment)").contains("matches no configuration key");
    }

    @Test
    void unrelatedBallastVariablesAreIgnored() {
        // outside the config's sections, or named by the signer: not overrides
        parse(MINIMAL.replace("KEEPER_KEY", "BALLAST_SIGNER_KEY"), dir, Map.of("BALLAST_SIGNER_KEY", "secret",
                "BALLAST_PRIVATE_KEY", "secret", "BALLAST_HOME", "/opt", "PATH", "/bin"));
    }

    @Test
    void interpolationWithValueAndDefault() {
        KeeperConfig c = parse(MINIMAL.replace("http://127.0.0.1:8545", "https://${HOST}/v2/${API_KEY:-demo}"), dir,
                Map.of("HOST", "node.example"));
        assertThat(c.rpc().endpoints().getFirst().http()).isEqualTo(URI.create("https://node.example/v2/demo"));
    }

    @Test
    void interpolationOfUnsetVariableIsAnError() {
        single(MINIMAL.replace("http://127.0.0.1:8545", "https://${HOST}/rpc"), dir, Map.of(),
                "rpc.endpoints[0].http", "(line 4)", "uses ${HOST} but environment variable HOST is not set");
    }
}
