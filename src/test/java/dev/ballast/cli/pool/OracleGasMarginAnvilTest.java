package dev.ballast.cli.pool;

import dev.ballast.cli.CliRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.cli.BallastCli;
import dev.ballast.contracts.WeightedPool;
import dev.ballast.deploy.DevGas;
import dev.ballast.deploy.DevPool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * The eth_estimateGas trap on Anvil: an estimate taken in a block whose oracle observation is already written leaves
 * the write out; sent as is, the swap lands in a later block, pays the write and runs out of gas. {@code ballast pool
 * swap} adds {@link OracleGasMargin#MARGIN} and goes through in the same situation.
 */
@ExtendWith(AnvilExtension.class)
class OracleGasMarginAnvilTest {
    private final AnvilChain chain;

    OracleGasMarginAnvilTest(AnvilChain chain) {
        this.chain = chain;
    }

    @AfterEach
    void resetTerminal() {
        Terminal.reset();
    }

    @Test
    void rawEstimateRunsOutOfGasAndTheCliMarginDoesNot() throws Exception {
        String me = chain.account(0).getAddress();
        DevPool dev = DevPool.deploy(chain.web3j(), chain.txManager(0), DevGas.provider(31337), me,
                PoolCliAnvilTest.TOKENS, PoolCliAnvilTest.FEE, 10);
        WeightedPool pool = dev.pool();
        String data = pool.swapExactIn(dev.address(0), dev.address(1), BigInteger.valueOf(1_000_000_000L), BigInteger.ONE,
                me, DevPool.FAR_FUTURE).encodeFunctionCall();

        // a swap writes this block's observation; the estimate is taken on top of it, then the chain moves on.
        // The pending block the node estimates in is pinned to the swap's timestamp: left to the wall clock, a second
        // ticking between the swap and the estimate made the estimate pay the write too, and the trap vanished.
        long swapped = swapAfter(12, pool, dev, me);
        chain.rpc().setNextBlockTimestamp(swapped);
        BigInteger estimate = estimate(me, pool.getContractAddress(), data);
        chain.rpc().setNextBlockTimestamp(swapped + 12);
        TransactionReceipt raw = sendWithLimit(pool.getContractAddress(), data, estimate);
        assertThat(raw.isStatusOK()).as("raw estimate %s: the trap", estimate).isFalse();
        assertThat(raw.getGasUsed()).as("out of gas: all burnt but what EIP-150 kept back from the failing call")
                .isGreaterThanOrEqualTo(estimate.subtract(estimate.divide(BigInteger.valueOf(64))));

        // the same situation through the CLI
        swapped = swapAfter(12, pool, dev, me);
        chain.rpc().setNextBlockTimestamp(swapped);
        BigInteger cliEstimate = estimate(me, pool.getContractAddress(), data);
        chain.rpc().setNextBlockTimestamp(swapped + 12);
        signAsDeployer();
        CliRun r = run("pool", "swap", "--pool", pool.getContractAddress(), "--in", "USDC", "--out", "WETH",
                "--amount-in", "1000", "--slippage", "5", "--yes", "--rpc", chain.rpcUrl());
        assertThat(r.exit()).as(r.err()).isZero();
        BigInteger used = gasOfSentTransaction(r.out());
        assertThat(used).as("the landed swap paid the oracle write the estimate left out").isGreaterThan(cliEstimate);
        assertThat(used).isLessThanOrEqualTo(cliEstimate.add(OracleGasMargin.MARGIN));
    }

    /** Swaps {@code seconds} after the latest block; returns the swap block's timestamp. */
    private long swapAfter(long seconds, WeightedPool pool, DevPool dev, String me) throws Exception {
        chain.rpc().increaseTime(seconds);
        TransactionReceipt swap = pool.swapExactIn(dev.address(1), dev.address(0), BigInteger.TEN.pow(15), BigInteger.ONE,
                me, DevPool.FAR_FUTURE).send();
        assertThat(swap.isStatusOK()).isTrue();
        return chain.web3j().ethGetBlockByNumber(DefaultBlockParameter.valueOf(swap.getBlockNumber()), false).send()
                .getBlock().getTimestamp().longValueExact();
    }

    private BigInteger estimate(String from, String to, String data) throws Exception {
        return chain.web3j().ethEstimateGas(Transaction.createEthCallTransaction(from, to, data)).send().getAmountUsed();
    }

    private TransactionReceipt sendWithLimit(String to, String data, BigInteger limit) throws Exception {
        EthSendTransaction sent = chain.txManager(0).sendEIP1559Transaction(31337, BigInteger.TEN.pow(9),
                BigInteger.TEN.pow(10), limit, to, data, BigInteger.ZERO);
        assertThat(sent.hasError()).as(String.valueOf(sent.getError() == null ? "" : sent.getError().getMessage())).isFalse();
        return new PollingTransactionReceiptProcessor(chain.web3j(), 50, 1200).waitForTransactionReceipt(sent.getTransactionHash());
    }

    /** The CLI prints "sent: HASH (block N, gas G)". */
    private static BigInteger gasOfSentTransaction(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("sent: 0x[0-9a-f]+ \\(block \\d+, gas (\\d+)\\)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return new BigInteger(m.group(1));
    }

    private void signAsDeployer() {
        Credentials c = chain.account(0);
        Terminal.use(Map.of("BALLAST_PRIVATE_KEY", Numeric.toHexStringNoPrefixZeroPadded(c.getEcKeyPair().getPrivateKey(), 64)), null);
    }


    private static CliRun run(String... args) {
        return CliRun.run(args);
    }
}
