package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.utils.Numeric;
import picocli.CommandLine;

/** {@code ballast deploy} on Anvil with the documented example file. */
@ExtendWith(AnvilExtension.class)
class DeployCommandTest {
    static final Path EXAMPLE = Path.of("deployment.example.yaml");
    private final AnvilChain chain;
    private final Map<String, String> env;

    DeployCommandTest(AnvilChain chain) {
        this.chain = chain;
        this.env = Map.of("BALLAST_DEPLOYER_KEY",
                Numeric.toHexStringWithPrefixZeroPadded(chain.account(0).getEcKeyPair().getPrivateKey(), 64));
    }

    record Run(int exit, String out, String err) {}

    Run deploy(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new DeployCommand(env, () -> null)).setExecutionExceptionHandler(new ErrorHandler());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        String[] strings = new String[args.length + 2];
        strings[0] = "--rpc";
        strings[1] = chain.rpcUrl();
        for (int i = 0; i < args.length; i++) strings[i + 2] = String.valueOf(args[i]);
        int exit = cmd.execute(strings);
        System.out.println(out);
        System.out.println(err);
        return new Run(exit, out.toString(), err.toString());
    }

    BigInteger deployerNonce() throws IOException {
        return chain.web3j().ethGetTransactionCount(chain.account(0).getAddress(), DefaultBlockParameterName.LATEST).send()
                .getTransactionCount();
    }

    BigInteger word(String to, String fn, org.web3j.abi.datatypes.Type<?>... args) throws IOException {
        String data = FunctionEncoder.encode(new Function(fn, java.util.List.of(args), java.util.List.of()));
        String result = chain.web3j().ethCall(Transaction.createEthCallTransaction(null, to, data), DefaultBlockParameterName.LATEST)
                .send().getValue();
        return Numeric.toBigInt(result.substring(0, 66));
    }

    static JsonNode read(Path out) throws IOException {
        return new ObjectMapper().readTree(out.toFile());
    }

    static String address(JsonNode record, String id) {
        return record.path("items").path(id).path("address").asText();
    }

    @Test
    void deploysTheExampleThenReRunReusesEverything(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("deployment.json");
        Run first = deploy("--config", EXAMPLE, "--out", out, "--yes");
        assertThat(first.exit()).as(first.err()).isZero();

        JsonNode record = read(out);
        String vault = record.path("vaults").path("balanced").asText();
        String venue = address(record, "venue.main");
        String pool = address(record, "pool.main");
        assertThat(vault).isEqualTo(address(record, "vault.balanced"));
        assertThat(word(address(record, "factory"), "isPool", new Address(pool))).isEqualTo(BigInteger.ONE);
        assertThat(word(vault, "isVenue", new Address(venue))).isEqualTo(BigInteger.ONE);
        assertThat(word(vault, "isKeeper", new Address(chain.account(1).getAddress()))).isEqualTo(BigInteger.ONE);
        assertThat(word(pool, "totalSupply")).isPositive();
        assertThat(record.path("items").path("vault.balanced").path("tx").asText()).startsWith("0x");
        assertThat(record.path("items").path("vault.balanced").path("block").asLong()).isPositive();
        // the router prices every vault asset, so the vault can value deposits: of two agreeing sources, the feed
        // (the seeded pool's TWAP, a few wei off, is only the check)
        assertThat(word(address(record, "router.main"), "getPrice", new Address(address(record, "token.weth"))))
                .isEqualTo(new BigInteger("3000000000000000000000"));
        // and the vault owns its router: no price source changes without the vault's timelock
        assertThat(word(address(record, "router.main"), "owner")).isEqualTo(Numeric.toBigInt(vault));
        printGasUsed(record);

        BigInteger nonce = deployerNonce();
        Run again = deploy("--config", EXAMPLE, "--out", out, "--yes");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(deployerNonce()).isEqualTo(nonce);
        assertThat(again.out()).contains("nothing to send").doesNotContain("  send ");
        assertThat(read(out).path("items")).isEqualTo(record.path("items"));
    }

    /** The figures GasFigures documents: gas used by each recorded transaction. */
    private void printGasUsed(JsonNode record) throws IOException {
        for (var e : (Iterable<Map.Entry<String, JsonNode>>) record.path("items")::fields) {
            String tx = e.getValue().path("tx").asText("");
            if (tx.isEmpty()) continue;
            System.out.println("gas used " + e.getKey() + ": "
                    + chain.web3j().ethGetTransactionReceipt(tx).send().getTransactionReceipt().orElseThrow().getGasUsed());
        }
    }

    /** Issue 18 §1: the signer's funds are checked before each send, not left to the node's raw -32003. */
    @Test
    void anUnfundedDeployerIsToldItsBalanceAndNeedAndNothingIsSent(@TempDir Path dir) throws Exception {
        String deployer = chain.account(0).getAddress();
        BigInteger balance = chain.web3j().ethGetBalance(deployer, DefaultBlockParameterName.LATEST).send().getBalance();
        BigInteger nonce = deployerNonce();
        chain.rpc().setBalance(deployer, BigInteger.ZERO);
        try {
            Run run = deploy("--config", EXAMPLE, "--out", dir.resolve("deployment.json"), "--yes");
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).containsPattern("not sent: signer " + org.web3j.crypto.Keys.toChecksumAddress(deployer)
                    + " has 0 ETH, needs ≈ 0\\.\\d+ ETH").doesNotContain("nsufficient funds");
            assertThat(deployerNonce()).isEqualTo(nonce);
        } finally {
            chain.rpc().setBalance(deployer, balance);
        }
    }

    @Test
    void dryRunSendsNothingAndPricesThePlan(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("deployment.json");
        BigInteger nonce = deployerNonce();
        Run run = deploy("--config", EXAMPLE, "--out", out, "--dry-run");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(deployerNonce()).isEqualTo(nonce);
        assertThat(out).doesNotExist();
        assertThat(run.out()).contains("send     deploy MockERC20 USDC", "gas", "estimated", "typical", " ETH at the current gas price",
                "dry run: nothing was sent");
        assertThat(run.out()).containsPattern("total: \\d+ transactions, about \\d{7,} gas");
    }

    @Test
    void changedDescriptionIsReportedNotRedeployed(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("deployment.json");
        assertThat(deploy("--config", EXAMPLE, "--out", out, "--yes").exit()).isZero();
        Path changed = dir.resolve("changed.yaml");
        Files.writeString(changed, Files.readString(EXAMPLE).replace("swapFee: 0.003", "swapFee: 0.001"));
        BigInteger nonce = deployerNonce();
        Run run = deploy("--config", changed, "--out", out, "--yes");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).contains("CHANGED  pool.main", "swapFee: deployed 3000000000000000, file says 1000000000000000");
        assertThat(deployerNonce()).isEqualTo(nonce);
    }

    @Test
    void missingStepsAreDeployedOnReRun(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("deployment.json");
        Path fewer = dir.resolve("fewer.yaml");
        String text = Files.readString(EXAMPLE);
        Files.writeString(fewer, text.substring(0, text.indexOf("\nvaults:")));
        assertThat(deploy("--config", fewer, "--out", out, "--yes").exit()).isZero();
        String pool = address(read(out), "pool.main");
        assertThat(read(out).path("items").has("vault.balanced")).isFalse();

        BigInteger blockBefore = chain.web3j().ethBlockNumber().send().getBlockNumber();
        Run full = deploy("--config", EXAMPLE, "--out", out, "--yes", "--confirmations", "3");
        assertThat(full.exit()).as(full.err()).isZero();
        assertThat(address(read(out), "pool.main")).isEqualTo(pool);
        assertThat(full.out()).contains("reuse    pool.main", "sending  deploy RebalancingVault balanced")
                .doesNotContain("sending  create WeightedPool");
        // on the dev chain, waiting for 3 confirmations mines the 2 blocks after each transaction
        BigInteger blocks = chain.web3j().ethBlockNumber().send().getBlockNumber().subtract(blockBefore);
        assertThat(blocks).isGreaterThanOrEqualTo(BigInteger.valueOf(3L * full.out().split("  sending  ").length - 3));
    }

    @Test
    void aFeedAddressWithoutCodeStopsTheRunNamingTheKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("eoa-feed.yaml");
        Files.writeString(file, Files.readString(EXAMPLE).replace("mock: {decimals: 8, answer: \"1.00\"}",
                "address: \"0x70997970C51812dc3A010C7d01b50e0d17dc79C8\""));
        BigInteger nonce = deployerNonce();
        Run run = deploy("--config", file, "--out", dir.resolve("d.json"), "--yes");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("feeds[usdc-usd].address = 0x70997970C51812dc3A010C7d01b50e0d17dc79C8: there is no"
                + " contract at this address on chain 31337");
        assertThat(deployerNonce()).isEqualTo(nonce);
    }

    @Test
    void ownerOtherThanDeployerGetsTheVaultThroughItsTimelock(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("deployment.json");
        String owner = chain.account(3).getAddress();
        Path file = dir.resolve("owned.yaml");
        Files.writeString(file, Files.readString(EXAMPLE).replace("owner: \"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\"",
                "owner: \"" + owner + "\""));
        assertThat(deploy("--config", file, "--out", out, "--yes").exit()).isZero();
        JsonNode record = read(out);
        assertThat(word(address(record, "vault.balanced"), "owner")).isEqualTo(Numeric.toBigInt(owner));
        assertThat(record.path("items").path("vault.balanced.timelock").path("tx").asText()).startsWith("0x");
        assertThat(word(address(record, "router.main"), "owner")).isEqualTo(Numeric.toBigInt(address(record, "vault.balanced")));
        BigInteger nonce = deployerNonce();
        assertThat(deploy("--config", file, "--out", out, "--yes").exit()).isZero();
        assertThat(deployerNonce()).isEqualTo(nonce);
    }

    @Test
    void withoutYesAndWithoutConsoleItRefusesToSend(@TempDir Path dir) throws Exception {
        BigInteger nonce = deployerNonce();
        Run run = deploy("--config", EXAMPLE, "--out", dir.resolve("d.json"));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no console to confirm on", "--yes");
        assertThat(deployerNonce()).isEqualTo(nonce);
    }

    @Test
    void mockTokensAreRefusedOnANonDevChain(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mainnet.yaml");
        Files.writeString(file, Files.readString(EXAMPLE).replace("chainId: 31337", "chainId: 1"));
        Run run = deploy("--config", file, "--out", dir.resolve("d.json"), "--yes");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("tokens[0].mock", "tokens[2].mock", "feeds[0].mock",
                "mock tokens are for dev chains only (chainId 31337); this file says chainId 1");
    }
}
