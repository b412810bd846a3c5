package dev.ballast.bench;

import dev.ballast.anvil.AnvilRpc;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.ContractUtils;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Sends a dev account's transactions back to back with locally counted nonces and checks the receipts in batches
 * afterwards: thousands of set-up transactions in seconds instead of a receipt wait each. Dev chains only (fixed fees,
 * generous gas limits).
 */
final class RawPipeline {
    /** Anvil stalled with about 1,000 transactions queued at once; waiting every so many keeps it moving. */
    private static final int WINDOW = 200;
    private static final BigInteger GAS_PRICE = BigInteger.valueOf(10_000_000_000L);
    private static final BigInteger CREATE_GAS = BigInteger.valueOf(29_000_000);
    private static final BigInteger CALL_GAS = BigInteger.valueOf(3_000_000);

    private final Web3j web3j;
    private final AnvilRpc rpc;
    private final Credentials from;
    private final long chainId;
    private BigInteger nonce;
    private final List<String> window = new ArrayList<>();

    /** A transaction sent; {@code contract} is the created address for a deployment, else null. */
    record Sent(String hash, String contract) {}

    RawPipeline(Web3j web3j, AnvilRpc rpc, Credentials from, long chainId) throws IOException {
        this.web3j = web3j;
        this.rpc = rpc;
        this.from = from;
        this.chainId = chainId;
        this.nonce = web3j.ethGetTransactionCount(from.getAddress(), DefaultBlockParameterName.PENDING).send()
                .getTransactionCount();
    }

    Sent create(String initCode) throws Exception {
        String contract = ContractUtils.generateContractAddress(from.getAddress(), nonce);
        return new Sent(send(RawTransaction.createContractTransaction(nonce, GAS_PRICE, CREATE_GAS, BigInteger.ZERO, initCode)),
                contract);
    }

    Sent call(String to, String data) throws Exception {
        return new Sent(send(RawTransaction.createTransaction(nonce, GAS_PRICE, CALL_GAS, to, data)), null);
    }

    /** Waits until every transaction is mined and fails, naming the first, if any reverted or never landed. */
    void awaitAllOk(List<String> hashes, String what) throws Exception {
        flush();
        for (int from = 0; from < hashes.size(); from += WINDOW) {
            List<String> slice = hashes.subList(from, Math.min(hashes.size(), from + WINDOW));
            BatchRequest batch = web3j.newBatch();
            for (String hash : slice) batch.add(web3j.ethGetTransactionReceipt(hash));
            var responses = batch.send().getResponses();
            for (int i = 0; i < slice.size(); i++) {
                Optional<TransactionReceipt> receipt = ((EthGetTransactionReceipt) responses.get(i)).getTransactionReceipt();
                if (receipt.isEmpty() || !receipt.get().isStatusOK()) {
                    throw new IllegalStateException(what + ": transaction " + (from + i) + " (" + slice.get(i) + ") "
                            + (receipt.isEmpty() ? "was not mined" : "reverted"));
                }
            }
        }
    }

    private String send(RawTransaction tx) throws Exception {
        byte[] signed = TransactionEncoder.signMessage(tx, chainId, from);
        var response = web3j.ethSendRawTransaction(Numeric.toHexString(signed)).send();
        if (response.hasError()) {
            throw new IllegalStateException("nonce " + nonce + " refused: " + response.getError().getMessage());
        }
        nonce = nonce.add(BigInteger.ONE);
        window.add(response.getTransactionHash());
        if (window.size() >= WINDOW) flush();
        return response.getTransactionHash();
    }

    /** Waits for the last transaction of the window (nonces mine in order); mines by hand if automine leaves it. */
    private void flush() throws Exception {
        if (window.isEmpty()) return;
        String last = window.getLast();
        window.clear();
        for (int tries = 0; tries < 1200; tries++) {
            if (web3j.ethGetTransactionReceipt(last).send().getTransactionReceipt().isPresent()) return;
            if (tries % 20 == 19) rpc.mine(1);
            Thread.sleep(100);
        }
        throw new IllegalStateException("transaction " + last + " was not mined within 2 minutes");
    }
}
