package dev.ballast.deploy.plan;

import dev.ballast.anvil.AnvilRpc;
import dev.ballast.tx.ChainTokens;
import dev.ballast.tx.RevertDecoder;
import dev.ballast.tx.RevertText;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;

/**
 * The deployer's view of the chain: reads, gas estimates and sends that wait for confirmations. On the dev chain
 * (31337) it can also move time and mine, which is how the vault's timelock is passed there.
 */
public final class ChainClient implements AutoCloseable {
    private static final int GAS_MARGIN_PERCENT = 20;

    private final Web3j web3j;
    private final AnvilRpc dev;
    private final Credentials signer;
    private final long chainId;
    private final int confirmations;
    private final Duration poll;
    private final RawTransactionManager tm;
    private final RevertDecoder reverts = RevertDecoder.forBallast();
    private final ChainTokens tokens;
    private int sent;

    /** A sent and confirmed transaction. */
    public record Landed(String hash, long block, Optional<String> contract, List<Log> logs) {}

    public ChainClient(String rpcUrl, Credentials signer, long chainId, int confirmations) {
        HttpService service = new HttpService(rpcUrl);
        this.web3j = Web3j.build(service);
        this.dev = chainId == DeploymentSpec.DEV_CHAIN_ID ? new AnvilRpc(service) : null;
        this.signer = signer;
        this.chainId = chainId;
        this.confirmations = confirmations;
        this.poll = dev != null ? Duration.ofMillis(50) : Duration.ofSeconds(2);
        this.tm = new RawTransactionManager(web3j, signer, chainId);
        this.tokens = new ChainTokens(web3j);
    }

    public String from() {
        return Keys.toChecksumAddress(signer.getAddress());
    }

    public boolean devChain() {
        return dev != null;
    }

    /** Transactions this client sent. */
    public int sent() {
        return sent;
    }

    public long remoteChainId() throws IOException {
        return check(web3j.ethChainId().send()).getChainId().longValue();
    }

    public BigInteger nonce() throws IOException {
        return check(web3j.ethGetTransactionCount(from(), DefaultBlockParameterName.LATEST).send()).getTransactionCount();
    }

    public boolean hasCode(String address) throws IOException {
        String code = check(web3j.ethGetCode(address, DefaultBlockParameterName.LATEST).send()).getCode();
        return code != null && code.length() > 2;
    }

    /** eth_call on the latest block; empty when it reverts. */
    public Optional<String> call(String to, String data) throws IOException {
        EthCall r = web3j.ethCall(Transaction.createEthCallTransaction(from(), to, data), DefaultBlockParameterName.LATEST).send();
        if (r.hasError() || r.isReverted() || r.getValue() == null) return Optional.empty();
        return Optional.of(r.getValue());
    }

    /** eth_estimateGas; a revert is thrown with the decoded custom error. {@code to} null deploys. */
    public BigInteger estimate(String to, String data) throws IOException {
        EthEstimateGas r = web3j.ethEstimateGas(new Transaction(from(), null, null, null, to, BigInteger.ZERO, data)).send();
        if (r.hasError()) throw new DeployException("would revert (not sent): " + decode(r.getError()));
        return r.getAmountUsed();
    }

    public BigInteger gasPrice() throws IOException {
        return check(web3j.ethGasPrice().send()).getGasPrice();
    }

    public long latestTimestamp() throws IOException {
        return check(web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()).getBlock().getTimestamp().longValueExact();
    }

    /** Dev chain only: moves the clock forward and mines a block. */
    public void advanceTime(long seconds) {
        if (dev == null) throw new IllegalStateException("time can only be moved on the dev chain");
        dev.increaseTime(seconds);
        dev.mine(1);
    }

    /**
     * Estimates (plus a margin), signs with EIP-1559 fees, sends, waits for the receipt and the configured
     * confirmations. A revert is thrown with its decoded error.
     */
    public Landed send(String what, String to, String data) throws IOException {
        BigInteger gas;
        try {
            gas = estimate(to, data);
        } catch (DeployException e) {
            throw new DeployException(what + " " + e.getMessage());
        }
        gas = gas.add(gas.multiply(BigInteger.valueOf(GAS_MARGIN_PERCENT)).divide(BigInteger.valueOf(100)));
        BigInteger priority = check(web3j.ethMaxPriorityFeePerGas().send()).getMaxPriorityFeePerGas();
        BigInteger base = check(web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()).getBlock().getBaseFeePerGas();
        BigInteger maxFee = base.multiply(BigInteger.TWO).add(priority);
        requireFunds(what, gas.multiply(maxFee));
        EthSendTransaction tx = tm.sendEIP1559Transaction(chainId, priority, maxFee, gas, to, data, BigInteger.ZERO, to == null);
        if (tx.hasError()) throw new DeployException(what + ": node rejected the transaction: " + tx.getError().getMessage());
        sent++;
        TransactionReceipt receipt = awaitReceipt(what, tx.getTransactionHash());
        if (!receipt.isStatusOK()) {
            throw new DeployException(what + " reverted in transaction " + receipt.getTransactionHash() + " (block "
                    + receipt.getBlockNumber() + ")" + (receipt.getRevertReason() == null ? "" : ": "
                    + RevertText.describe(reverts.decode(receipt.getRevertReason()), tokens)));
        }
        awaitConfirmations(receipt.getBlockNumber().longValueExact());
        return new Landed(receipt.getTransactionHash(), receipt.getBlockNumber().longValueExact(),
                Optional.ofNullable(receipt.getContractAddress()), receipt.getLogs());
    }

    /** The node's own refusal is a raw -32003 "insufficient funds"; this names the signer, its balance and the need. */
    private void requireFunds(String what, BigInteger needed) throws IOException {
        BigInteger balance = check(web3j.ethGetBalance(from(), DefaultBlockParameterName.LATEST).send()).getBalance();
        if (balance.compareTo(needed) < 0) {
            throw new DeployException(what + " not sent: signer " + from() + " has " + eth(balance) + " ETH, needs ≈ "
                    + eth(needed) + " ETH for its gas; fund it and re-run");
        }
    }

    private static String eth(BigInteger wei) {
        BigDecimal e = new BigDecimal(wei, 18);
        return e.signum() == 0 ? "0" : e.round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private TransactionReceipt awaitReceipt(String what, String hash) throws IOException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<TransactionReceipt> r = check(web3j.ethGetTransactionReceipt(hash).send()).getTransactionReceipt();
            if (r.isPresent()) return r.get();
            sleep(poll);
        }
        throw new DeployException(what + ": transaction " + hash + " not mined after 10 minutes; re-run once it is "
                + "mined (or dropped): the deployment file makes the re-run pick up where this one stopped");
    }

    private void awaitConfirmations(long block) throws IOException {
        while (true) {
            long head = check(web3j.ethBlockNumber().send()).getBlockNumber().longValueExact();
            long missing = block + confirmations - 1 - head;
            if (missing <= 0) return;
            if (dev != null) {
                dev.mine((int) missing);
            } else {
                sleep(poll);
            }
        }
    }

    private String decode(Response.Error error) {
        String data = error.getData() == null ? "" : error.getData().replace("\"", "").strip();
        return data.startsWith("0x") && data.length() >= 10
                ? RevertText.describe(reverts.decode(data), tokens) : error.getMessage();
    }

    private static <T extends Response<?>> T check(T response) throws IOException {
        if (response.hasError()) throw new IOException("RPC error: " + response.getError().getMessage());
        return response;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("interrupted while waiting for the chain");
        }
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
