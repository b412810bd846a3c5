package dev.ballast.deploy.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilOptions;
import dev.ballast.anvil.AnvilProcess;
import dev.ballast.anvil.AnvilRpc;
import dev.ballast.anvil.DevAccounts;
import dev.ballast.contracts.MockAggregator;
import dev.ballast.contracts.MockERC20;
import dev.ballast.deploy.DevGas;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * Off the dev chain the vault's timelock is not skipped: the first run proposes taking the router, the venue and the
 * keeper, and the initial deposit cap, and prints the execute calls; a run before the ETA sends nothing, a run after it
 * executes all four. An Anvil with a testnet chain id (Sepolia's) stands in for
 * the testnet; existing tokens and feeds are given by address, as they would be there.
 */
class TimelockOnTestnetTest {
    static final long SEPOLIA = 11_155_111;
    static AnvilProcess node;
    static Web3j web3j;
    static AnvilRpc rpc;
    static final Credentials DEPLOYER = DevAccounts.get(0);

    @BeforeAll
    static void start() {
        node = AnvilProcess.start(new AnvilOptions(0, SEPOLIA, 0, null, List.of()));
        HttpService service = new HttpService(node.rpcUrl());
        web3j = Web3j.build(service);
        rpc = new AnvilRpc(service);
    }

    @AfterAll
    static void stop() {
        web3j.shutdown();
        node.close();
    }

    @Test
    void proposesThenWaitsThenExecutesAfterTheEta(@TempDir Path dir) throws Exception {
        TransactionManager tm = DevGas.txManager(web3j, DEPLOYER, SEPOLIA);
        ContractGasProvider gas = DevGas.provider(SEPOLIA);
        String usdc = MockERC20.deploy(web3j, tm, gas, "USD Coin", "USDC", BigInteger.valueOf(6)).send().getContractAddress();
        String weth = MockERC20.deploy(web3j, tm, gas, "Wrapped Ether", "WETH", BigInteger.valueOf(18)).send().getContractAddress();
        MockAggregator usdcFeed = MockAggregator.deploy(web3j, tm, gas, BigInteger.valueOf(8)).send();
        MockAggregator usdcFeed2 = MockAggregator.deploy(web3j, tm, gas, BigInteger.valueOf(8)).send();
        MockAggregator ethFeed = MockAggregator.deploy(web3j, tm, gas, BigInteger.valueOf(8)).send();
        usdcFeed.setAnswer(BigInteger.valueOf(100_000_000)).send();
        usdcFeed2.setAnswer(BigInteger.valueOf(100_000_000)).send();
        ethFeed.setAnswer(BigInteger.valueOf(300_000_000_000L)).send();

        String yaml = """
                chainId: 11155111
                signer: {privateKeyEnv: KEY}
                guardian: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"
                tokens:
                  - {name: usdc, address: "%s"}
                  - {name: weth, address: "%s"}
                feeds:
                  - {name: usdc-usd, asset: usdc, address: "%s", heartbeat: 1d10m}
                  - {name: usdc-usd-2, asset: usdc, address: "%s", heartbeat: 1d10m}
                  - {name: eth-usd, asset: weth, address: "%s", heartbeat: 1h10m}
                pools:
                  - {name: main, tokens: [usdc, weth], weights: [0.5, 0.5], swapFee: 0.003, observationCardinality: 124}
                routers:
                  - name: main
                    assets:
                      - {token: usdc, quorum: 2, maxDeviation: 0.02, sources: [{chainlink: usdc-usd}, {chainlink: usdc-usd-2}]}
                      - {token: weth, quorum: 2, maxDeviation: 0.05, sources: [{chainlink: eth-usd}, {twap: {pool: main, window: 30m, quoteFeed: usdc-usd}}]}
                vaults:
                  - name: v
                    router: main
                    assets: [usdc, weth]
                    weights: [0.5, 0.5]
                    venue: main
                    timelockDelay: 2h
                    keepers: ["0x70997970C51812dc3A010C7d01b50e0d17dc79C8"]
                    depositCap: 250000
                    params: {mode: band, band: 0.05, interval: 7d, cooldown: 1h, maxSlippage: 0.01, maxTradeFraction: 0.25,
                             twapWindow: 30m, maxSpotTwapDeviation: 0.05, maxOracleVenueDeviation: 0.05}
                """.formatted(usdc, weth, usdcFeed.getContractAddress(), usdcFeed2.getContractAddress(), ethFeed.getContractAddress());
        DeploymentSpec spec = DeploymentLoader.parse(yaml, dir, "testnet.yaml");
        Path out = dir.resolve("deployment.json");
        Deployer.Options options = new Deployer.Options(node.rpcUrl(), out, false, 1);

        StringWriter first = new StringWriter();
        Deployer.Result proposed = Deployer.run(spec, DEPLOYER, options, new PrintWriter(first, true), q -> true);
        System.out.println(first);
        assertThat(proposed.waiting()).isEqualTo(1);
        String vault = proposed.vaults().get("v");
        assertThat(first.toString()).contains("proposed; executable from", "cast send " + vault + " \"execute(address,bytes,uint256)\" 0x");
        assertThat(isVenue(vault, dir)).isFalse();
        assertThat(word(vault, "depositCap")).as("not before the delay").isZero();

        BigInteger nonce = nonce();
        Deployer.Result early = Deployer.run(spec, DEPLOYER, options, new PrintWriter(new StringWriter(), true), q -> true);
        assertThat(early.sent()).isZero();
        assertThat(early.waiting()).isEqualTo(1);
        assertThat(nonce()).isEqualTo(nonce);

        rpc.increaseTime(2 * 3600 + 1);
        rpc.mine(1);
        StringWriter later = new StringWriter();
        Deployer.Result executed = Deployer.run(spec, DEPLOYER, options, new PrintWriter(later, true), q -> true);
        System.out.println(later);
        assertThat(executed.sent()).isEqualTo(4);
        assertThat(executed.waiting()).isZero();
        assertThat(isVenue(vault, dir)).isTrue();
        assertThat(word(vault, "depositCap")).isEqualTo(BigInteger.valueOf(250_000).multiply(BigInteger.TEN.pow(18)));
        assertThat(Files.readString(out)).contains("\"vault.v.timelock\"").doesNotContain(".eta\"");
    }

    private static BigInteger nonce() throws Exception {
        return web3j.ethGetTransactionCount(DEPLOYER.getAddress(), DefaultBlockParameterName.LATEST).send().getTransactionCount();
    }

    private static BigInteger word(String contract, String view) throws Exception {
        String result = web3j.ethCall(org.web3j.protocol.core.methods.request.Transaction.createEthCallTransaction(null,
                contract, Abi.call(view)), DefaultBlockParameterName.LATEST).send().getValue();
        return new BigInteger(result.substring(2), 16);
    }

    private static boolean isVenue(String vault, Path dir) throws Exception {
        String record = Files.readString(dir.resolve("deployment.json"));
        String venue = new com.fasterxml.jackson.databind.ObjectMapper().readTree(record).path("items").path("venue.main")
                .path("address").asText();
        String data = Abi.call("isVenue", Abi.address(venue));
        String result = web3j.ethCall(org.web3j.protocol.core.methods.request.Transaction.createEthCallTransaction(null, vault, data),
                DefaultBlockParameterName.LATEST).send().getValue();
        return new BigInteger(result.substring(2), 16).signum() > 0;
    }
}
