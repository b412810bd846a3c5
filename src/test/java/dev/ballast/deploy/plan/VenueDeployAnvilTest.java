package dev.ballast.deploy.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.contracts.MockERC20;
import dev.ballast.deploy.DevGas;
import dev.ballast.deploy.protocols.BalancerV2;
import dev.ballast.deploy.protocols.Erc20;
import dev.ballast.deploy.protocols.RawChain;
import dev.ballast.deploy.protocols.UniswapV2;
import dev.ballast.deploy.protocols.UniswapV3;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The venues: section against the real protocols on Anvil: every existing pool is checked to answer like its kind
 * before anything is planned, and a wrong address is refused naming its key.
 */
@ExtendWith(AnvilExtension.class)
class VenueDeployAnvilTest {
    private final AnvilChain anvil;
    private String usdc;
    private String weth;
    private String v2Pair;
    private UniswapV3.Pool v3Pool;
    private BalancerV2 balancer;
    private BalancerV2.Pool balancerPool;

    VenueDeployAnvilTest(AnvilChain anvil) {
        this.anvil = anvil;
    }

    @BeforeEach
    void protocols() throws Exception {
        RawChain chain = new RawChain(anvil.web3j(), anvil.txManager(0), 31337);
        String me = chain.from();
        usdc = MockERC20.deploy(anvil.web3j(), anvil.txManager(0), DevGas.provider(31337), "USDC", "USDC", BigInteger.valueOf(6))
                .send().getContractAddress();
        weth = MockERC20.deploy(anvil.web3j(), anvil.txManager(0), DevGas.provider(31337), "WETH", "WETH", BigInteger.valueOf(18))
                .send().getContractAddress();
        Erc20.mint(chain, usdc, me, BigInteger.TEN.pow(18));
        Erc20.mint(chain, weth, me, BigInteger.TEN.pow(30));
        UniswapV2 v2 = UniswapV2.deploy(chain);
        v2Pair = v2.createPair(usdc, weth);
        v2.addLiquidity(v2Pair, usdc, BigInteger.TEN.pow(12), weth, BigInteger.TEN.pow(24).divide(BigInteger.valueOf(3)));
        UniswapV3 v3 = UniswapV3.deploy(chain);
        v3Pool = v3.createPool(weth, 18, usdc, 6, 500, new BigDecimal("3000"));
        balancer = BalancerV2.deploy(chain, weth);
        BigInteger e16 = BigInteger.TEN.pow(16);
        balancerPool = balancer.createPool("80WETH-20USDC", "B", List.of(
                new BalancerV2.Member(weth, e16.multiply(BigInteger.valueOf(80)), BigInteger.TEN.pow(20)),
                new BalancerV2.Member(usdc, e16.multiply(BigInteger.valueOf(20)), BigInteger.TEN.pow(11))), BigInteger.TEN.pow(15));
    }

    private String file(String v3Address, String v2Address, String poolId) {
        return """
                chainId: 31337
                signer: {privateKeyEnv: BALLAST_DEPLOYER_KEY}
                guardian: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"
                tokens:
                  - {name: usdc, address: "%s"}
                  - {name: weth, address: "%s"}
                venues:
                  - {name: v3, kind: univ3, address: "%s"}
                  - {name: v2, kind: univ2, address: "%s"}
                  - {name: bal, kind: balancer, vault: "%s", poolId: "%s"}
                  - {name: hop, kind: multihop, first: v2, second: v3, mid: weth}
                """.formatted(usdc, weth, v3Address, v2Address, balancer.vault(), poolId);
    }

    private static String cs(String address) {
        return org.web3j.crypto.Keys.toChecksumAddress(address);
    }

    private String dryRun(String yaml) throws Exception {
        DeploymentSpec spec = DeploymentLoader.parse(yaml, Path.of("."), "venues.yaml");
        StringWriter text = new StringWriter();
        Deployer.run(spec, anvil.account(0), new Deployer.Options(anvil.rpcUrl(), null, true, null), new PrintWriter(text, true),
                q -> true);
        return text.toString();
    }

    @Test
    void theRealPoolsAreRecognisedAndOneAdapterPlannedPerVenue() throws Exception {
        String plan = dryRun(file(v3Pool.address(), v2Pair, balancerPool.poolIdHex()));
        assertThat(plan).contains("reuse    venues.v3.target at " + cs(v3Pool.address()))
                .contains("reuse    venues.v2.target at " + cs(v2Pair))
                .contains("reuse    venues.bal.target at " + cs(balancer.vault()))
                .contains("deploy UniswapV3Venue for venues[0] (v3)")
                .contains("deploy UniswapV2Venue for venues[1] (v2)")
                .contains("deploy BalancerV2Venue for venues[2] (bal)")
                .contains("deploy MultiHopVenue for venues[3] (hop)")
                .contains("dry run: nothing was sent");
    }

    @Test
    void aPairGivenAsAV3PoolIsRefusedNamingItsKey() {
        assertThatThrownBy(() -> dryRun(file(v2Pair, v2Pair, balancerPool.poolIdHex())))
                .isInstanceOf(DeployException.class)
                .hasMessageStartingWith("venues[0].address = " + cs(v2Pair) + ": not a Uniswap V3 pool (no fee())");
    }

    @Test
    void aV3PoolGivenAsAPairIsRefusedNamingItsKey() {
        assertThatThrownBy(() -> dryRun(file(v3Pool.address(), v3Pool.address(), balancerPool.poolIdHex())))
                .isInstanceOf(DeployException.class)
                .hasMessageStartingWith("venues[1].address = " + cs(v3Pool.address()) + ": not a Uniswap V2 pair (no getReserves())");
    }

    @Test
    void aPoolIdTheVaultDoesNotKnowIsRefusedNamingItsKey() {
        // the real id with another nonce: well-formed, but never registered in this Vault
        String unknown = balancerPool.poolIdHex().substring(0, 64) + "99";
        assertThatThrownBy(() -> dryRun(file(v3Pool.address(), v2Pair, unknown)))
                .isInstanceOf(DeployException.class)
                .hasMessageStartingWith("venues[2].vault = " + cs(balancer.vault()) + ": not a Balancer V2 Vault")
                .hasMessageContaining("no such pool registered in this Vault");
    }
}
