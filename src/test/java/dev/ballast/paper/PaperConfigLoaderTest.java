package dev.ballast.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.config.ConfigException;
import dev.ballast.config.ConfigProblem;
import dev.ballast.policy.RebalanceMode;
import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PaperConfigLoaderTest {
    private static final String GOOD = """
            rpc: http://127.0.0.1:8545
            gas: {perRebalance: 400000, perSwap: 150000, nativePrice: 3000, tipGwei: 1}
            vaults:
              - name: eth-usdc
                priceRouter: "0x5FbDB2315678afecb367f032d93F642f64180aa3"
                venue: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512"
                assets:
                  - {token: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0", target: 0.6}
                  - {token: "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9", target: 0.4}
                start: {notional: 100000}
                policy: {band: 0.05, cooldown: 1h, twapWindow: 30m}
            """;

    @Test
    void theExampleFileInTheRepositoryLoads() {
        PaperConfig config = PaperConfigLoader.load(Path.of("keeper-config/paper.yaml"));
        assertThat(config.vaults()).isNotEmpty();
        assertThat(config.journal().getFileName().toString()).endsWith(".db");
    }

    @Test
    void aGoodFileGivesTheVaultsGuardsInTheVaultsUnits() {
        PaperConfig config = PaperConfigLoader.parse(GOOD, Path.of("/srv"), "paper.yaml");
        PaperConfig.Vault v = config.vaults().getFirst();
        assertThat(v.policy().mode()).isEqualTo(RebalanceMode.BAND);
        assertThat(v.policy().band()).isEqualTo(BigInteger.TEN.pow(16).multiply(BigInteger.valueOf(5)));
        assertThat(v.policy().cooldown()).isEqualTo(3600);
        assertThat(v.assets().get(0).target()).isEqualTo(new BigInteger("600000000000000000"));
        assertThat(config.gas().nativePrice()).isEqualTo(300_000_000_000L);
        assertThat(config.gas().tipWei()).isEqualTo(BigInteger.TEN.pow(9));
        assertThat(config.journal()).isEqualTo(Path.of("/srv/paper-journal.db"));
    }

    @Test
    void everyBadFieldIsNamedWithItsValueAndWhatIsAllowed() {
        String bad = GOOD
                .replace("target: 0.4", "target: 0.3")
                .replace("\"0x5FbDB2315678afecb367f032d93F642f64180aa3\"", "0x5FbD")
                .replace("start: {notional: 100000}", "start: {notional: 1, basket: [1, 2]}")
                .replace("    policy: {", "    polcy: {");
        assertThatThrownBy(() -> PaperConfigLoader.parse(bad, null, "paper.yaml"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::path).contains(
                        "vaults[0].priceRouter", "vaults[0].assets[*].target", "vaults[0].start", "vaults[0].polcy"))
                .hasMessageContaining("vaults[0].assets[*].target")
                .hasMessageContaining("targets must sum to exactly 1")
                .hasMessageContaining("give exactly one of notional and basket");
    }

    @Test
    void aGuardTheVaultWouldRefuseIsRefusedHereNamingItsBounds() {
        String bad = GOOD.replace("cooldown: 1h", "cooldown: 10s").replace("band: 0.05", "band: 0.6");
        assertThatThrownBy(() -> PaperConfigLoader.parse(bad, null, "paper.yaml"))
                .hasMessageContaining("vaults[0].policy.cooldown")
                .hasMessageContaining("the vault allows 1m..30d")
                .hasMessageContaining("vaults[0].policy.band");
    }

    @Test
    void anUnquotedAddressOrAMissingRpcIsNamed() {
        String bad = GOOD.replace("rpc: http://127.0.0.1:8545\n", "").replace("\"0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512\"", "12");
        assertThatThrownBy(() -> PaperConfigLoader.parse(bad, null, "paper.yaml"))
                .hasMessageContaining("rpc")
                .hasMessageContaining("is required")
                .hasMessageContaining("vaults[0].venue");
    }
}
