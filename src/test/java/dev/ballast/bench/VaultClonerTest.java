package dev.ballast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilOptions;
import dev.ballast.anvil.AnvilProcess;
import dev.ballast.anvil.AnvilRpc;
import dev.ballast.anvil.DevAccounts;
import dev.ballast.chain.FailoverPolicy;
import dev.ballast.chain.FailoverRpc;
import dev.ballast.chain.RpcEndpoint;
import dev.ballast.chain.VaultReader;
import dev.ballast.chain.VaultReaderOptions;
import dev.ballast.chain.VaultState;
import dev.ballast.contracts.RebalancingVault;
import dev.ballast.deploy.DevGas;
import dev.ballast.deploy.DevStack;
import dev.ballast.gas.GasPolicy;
import dev.ballast.keeper.Keeper;
import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.KeeperRuntime;
import dev.ballast.policy.ValueUnits;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.http.HttpService;

/**
 * A copied vault ({@link VaultCloner}, through {@link KeeperFleet}) against a twin deployed the normal way (constructor,
 * timelock round, deposit) on the same stack: the lens reads the same state, the real keeper rebalances both, and each
 * emits its own {@code Rebalanced} event. Small N; the 1,000-vault speed is a bench figure, not a test.
 */
class VaultClonerTest {
    private static final long CHAIN_ID = 31337;

    @TempDir
    Path dir;

    @Test
    void aCopyReadsLikeANormallyDeployedTwinAndRebalances() throws Exception {
        try (AnvilProcess anvil = AnvilProcess.start(AnvilOptions.defaults())) {
            HttpService service = new HttpService(anvil.rpcUrl());
            Web3j web3j = Web3j.build(service);
            AnvilRpc rpc = new AnvilRpc(service);
            Credentials deployer = DevAccounts.get(0);
            Credentials keeper = DevAccounts.get(1);
            String second = DevAccounts.get(2).getAddress();
            // 1 stack vault + 1 template + 2 copies, every one with two keepers
            KeeperFleet fleet = KeeperFleet.deploy(web3j, rpc, DevGas.txManager(web3j, deployer, CHAIN_ID), deployer,
                    CHAIN_ID, keeper.getAddress(), 4, 1, false, List.of(second));
            String template = fleet.vaults().get(1).address();
            String copy = fleet.vaults().get(3).address();
            String twin = KeeperFleet.deployExtra(web3j, rpc, deployer, CHAIN_ID, List.of(keeper.getAddress(), second),
                    fleet.stacks(), List.of(), 1, DevStack.defaultParams(KeeperFleet.BAND), List.of()).getFirst().address();
            assertThat(web3j.ethGetCode(copy, DefaultBlockParameter.valueOf("latest")).send().getCode()).hasSizeGreaterThan(1000);

            try (FailoverRpc reads = new FailoverRpc(List.of(RpcEndpoint.http("anvil", anvil.rpcUrl())), FailoverPolicy.defaults())) {
                VaultReader reader = new VaultReader(reads, VaultReaderOptions.defaults());
                long block = fleet.blockNumber();
                List<VaultState> states = reader.read(block, List.of(copy, twin, fleet.vaults().get(2).address()), List.of()).vaults();
                VaultState c = states.get(0);
                VaultState t = states.get(1);
                assertThat(c.complete()).as("copy fully readable: %s", c.unreadable()).isTrue();
                assertThat(c.priceRouter()).as("the copy prices through its own router").isNotEqualToIgnoringCase(t.priceRouter())
                        .isNotEqualToIgnoringCase(states.get(2).priceRouter());
                assertThat(normalised(c)).isEqualTo(normalised(t));
                RebalancingVault copyVault = RebalancingVault.load(copy, web3j, deployer, DevGas.provider(CHAIN_ID));
                assertThat(copyVault.isKeeper(keeper.getAddress()).send()).isTrue();
                assertThat(copyVault.isKeeper(second).send()).isTrue();
                assertThat(copyVault.isKeeper(DevAccounts.get(3).getAddress()).send()).isFalse();
                assertThat(copyVault.balanceOf(deployer.getAddress()).send())
                        .isEqualTo(RebalancingVault.load(twin, web3j, deployer, DevGas.provider(CHAIN_ID))
                                .balanceOf(deployer.getAddress()).send()).isPositive();
                for (int i = 0; i < KeeperFleet.ASSETS.size(); i++) {
                    assertThat(c.assets().get(i)).isEqualTo(t.assets().get(i));
                }
            }

            long from = fleet.blockNumber();
            fleet.shock();
            List<Keeper.Outcome> outcomes = new ArrayList<>();
            List<String> emitters = new ArrayList<>();
            try (KeeperRuntime runtime = runtime(anvil.rpcUrl(), keeper, List.of(copy, twin))) {
                for (int round = 0; round < 4 && emitters.size() < 2; round++) {
                    outcomes.addAll(runtime.keeper().tick(fleet.blockNumber()));
                    rpc.mine(1);
                    emitters = rebalanced(web3j, from, List.of(copy, twin));
                }
            }
            assertThat(outcomes).extracting(Keeper.Outcome::kind).doesNotContain(Keeper.Outcome.Kind.REFUSED,
                    Keeper.Outcome.Kind.FAILED);
            assertThat(emitters).as("one Rebalanced event from the copy and one from its twin")
                    .containsExactlyInAnyOrder(copy.toLowerCase(), twin.toLowerCase());
            web3j.shutdown();
        }
    }

    /** The state with the two things that must differ (the vault's own address and its router's) blanked. */
    private static VaultState normalised(VaultState s) {
        return new VaultState("vault", s.hasCode(), s.paused(), s.lastRebalance(), "router", s.totalSupply(), s.params(),
                s.assets(), s.unreadable(), s.venue(), s.venuePrices(), s.depositCap());
    }

    private static List<String> rebalanced(Web3j web3j, long from, List<String> vaults) throws Exception {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                DefaultBlockParameter.valueOf("latest"), vaults);
        filter.addSingleTopic(EventEncoder.encode(RebalancingVault.REBALANCED_EVENT));
        List<String> emitters = new ArrayList<>();
        for (var log : web3j.ethGetLogs(filter).send().getLogs()) {
            emitters.add(((org.web3j.protocol.core.methods.response.Log) log.get()).getAddress().toLowerCase());
        }
        return emitters;
    }

    private KeeperRuntime runtime(String rpcUrl, Credentials signer, List<String> vaults) throws Exception {
        List<KeeperRuntime.VaultSpec> specs = new ArrayList<>();
        for (int i = 0; i < vaults.size(); i++) {
            specs.add(new KeeperRuntime.VaultSpec("v" + i, vaults.get(i), ValueUnits.ofWhole(100),
                    BigInteger.TEN.pow(16).longValueExact(), 0, 0));
        }
        BigInteger gwei = BigInteger.TEN.pow(9);
        return KeeperRuntime.create(new KeeperRuntime.Settings(CHAIN_ID, List.of(RpcEndpoint.http("anvil", rpcUrl)),
                Optional.empty(), signer, specs, new GasPolicy(10, 50, gwei.multiply(BigInteger.valueOf(100)),
                        BigInteger.ONE, gwei.multiply(BigInteger.TWO), 12, Duration.ofSeconds(5)), 1,
                Duration.ofMillis(200), dir.resolve("journal.db"), new Keeper.GasModel(400_000, 150_000,
                        ValueUnits.ofWhole(3000)), List.of()), KeeperEvents.NONE);
    }
}
