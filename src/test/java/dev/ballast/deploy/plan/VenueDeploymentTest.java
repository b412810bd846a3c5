package dev.ballast.deploy.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.deploy.plan.DeploymentSpec.BalancerPool;
import dev.ballast.deploy.plan.DeploymentSpec.MultiHop;
import dev.ballast.deploy.plan.DeploymentSpec.UniswapV2Pair;
import dev.ballast.deploy.plan.DeploymentSpec.UniswapV3Pool;
import dev.ballast.deploy.plan.DeploymentSpec.UniswapV3TwapSource;
import dev.ballast.deploy.plan.DeploymentSpec.Venue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The venues: section, v3twap sources and a vault's venues: list; bad input is refused naming its key. */
class VenueDeploymentTest {
    static final Path MAINNET = Path.of("deployment.mainnet.example.yaml");

    static String mainnet() throws Exception {
        return Files.readString(MAINNET);
    }

    @Test
    void theMainnetExampleLoadsWithItsVenuesAndV3TwapSources() {
        DeploymentSpec spec = DeploymentLoader.load(MAINNET);
        assertThat(spec.chainId()).isEqualTo(1);
        assertThat(spec.pools()).isEmpty();
        assertThat(spec.venues()).extracting(Venue::name).containsExactly("usdc-weth-5bp", "usdc-weth-30bp",
                "wbtc-weth-30bp", "usdc-weth-v2", "wbtc-usdc-via-weth", "bal-weth-80-20");
        assertThat(spec.venues().getFirst().target()).isEqualTo(new UniswapV3Pool("0x88e6A0c2dDD26FEEb64F039a2c41296FcB3f5640"));
        assertThat(spec.venues().get(3).target()).isEqualTo(new UniswapV2Pair("0xB4e16d0168e52d35CaCD2c6185b44281Ec28C9Dc"));
        assertThat(spec.venues().get(4).target()).isEqualTo(new MultiHop("wbtc-weth-30bp", "usdc-weth-5bp", "weth"));
        assertThat(spec.venues().get(5).target()).isEqualTo(new BalancerPool("0xBA12222222228d8Ba445958a75a0704d566BF2C8",
                "0x5c6ee304399dbdb9c8ef030ab642b10820db8f56000200000000000000000014"));
        DeploymentSpec.Vault vault = spec.vaults().getFirst();
        assertThat(vault.venuePool()).isNull();
        assertThat(vault.venues()).containsExactly("usdc-weth-5bp", "usdc-weth-30bp", "wbtc-weth-30bp", "usdc-weth-v2",
                "wbtc-usdc-via-weth");
        assertThat(spec.routers().getFirst().assets().get(2).sources().get(1))
                .isEqualTo(new UniswapV3TwapSource("wbtc-weth-30bp", 1800, Optional.of("eth-usd")));
    }

    @Test
    void everyBadVenueIsReportedAtOnceNamingItsKey() throws Exception {
        String yaml = mainnet()
                .replace("kind: univ2\n", "kind: curve\n")
                .replace("    address: \"0x8ad599c3A0ff1De082011EFDDc58f1908eb6e6D8\"",
                        "    address: \"0x8ad599c3A0ff1De082011EFDDc58f1908eb6e6d8\"\n    poolId: \"0x00\"")
                .replace("    address: \"0xCBCdF9626bC03E24f779434178A73a0B4bad62eD\"\n", "")
                .replace("first: wbtc-weth-30bp", "first: wbtc-weth-5bp")
                .replace("mid: weth", "mid: dai")
                .replace("0x5c6ee304399dbdb9c8ef030ab642b10820db8f56000200000000000000000014",
                        "0x5c6ee304399dbdb9c8ef030ab642b10820db8f56000500000000000000000014")
                .replace("venues: [usdc-weth-5bp, usdc-weth-30bp,", "venues: [usdc-weth-5bp, usdc-weth-1bp,");
        List<String> problems = DeploymentLoaderTest.problems(yaml);
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("venues[3].kind = \"curve\"")
                .contains("must be one of ballast, univ2, univ3, balancer, multihop"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("venues[1].poolId").contains("unknown key"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("venues[1].address").contains("checksum"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("venues[2].address: is required"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("venues[4].first = \"wbtc-weth-5bp\"")
                .contains("names no entry of venues"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("venues[4].mid = \"dai\"").contains("names no entry of tokens"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("venues[5].poolId").contains("specialization 0..2"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("vaults[0].venues[1] = \"usdc-weth-1bp\"")
                .contains("names no entry of venues"));
    }

    @Test
    void aRouteOfRoutesATwapOnANonV3VenueAndADuplicateNameAreRefused() throws Exception {
        String yaml = mainnet()
                .replace("second: usdc-weth-5bp", "second: wbtc-usdc-via-weth")
                .replace("v3twap: {venue: usdc-weth-5bp, window: 30m, quoteFeed: usdc-usd}",
                        "v3twap: {venue: usdc-weth-v2, window: 30m, quoteFeed: usdc-usd}")
                .replace("name: usdc-weth-30bp ", "name: usdc-weth-5bp ");
        List<String> problems = DeploymentLoaderTest.problems(yaml);
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("venues[4].second = \"wbtc-usdc-via-weth\"")
                .contains("is itself a multihop venue"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("routers[0].assets[1].sources[1].v3twap.venue = \"usdc-weth-v2\"")
                .contains("is not a univ3 venue"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("venues[1].name = usdc-weth-5bp").contains("used twice"));
    }

    @Test
    void aVaultNeedsAVenueOrVenues() throws Exception {
        String yaml = mainnet().replace("    venues: [usdc-weth-5bp, usdc-weth-30bp, wbtc-weth-30bp, usdc-weth-v2, wbtc-usdc-via-weth]\n", "");
        assertThat(DeploymentLoaderTest.problems(yaml)).anySatisfy(p -> assertThat(p).startsWith("vaults[0].venue: is required"));
    }

    /** A pool id is 32 bytes like a key: only one with a pool id's structure passes the secret scan. */
    @Test
    void aPrivateKeyPastedAsPoolIdIsRefusedWithoutEchoingIt() throws Exception {
        String key = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
        List<String> problems = DeploymentLoaderTest.problems(mainnet()
                .replace("0x5c6ee304399dbdb9c8ef030ab642b10820db8f56000200000000000000000014", key));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("venues[5].poolId = <hidden>").contains("looks like a private key"));
        assertThat(String.join("\n", problems)).doesNotContain(key.substring(2));
        assertThat(VenueLoader.isPoolId("0x5c6ee304399dbdb9c8ef030ab642b10820db8f56000200000000000000000014")).isTrue();
        assertThat(VenueLoader.isPoolId(key)).isFalse();
    }
}
