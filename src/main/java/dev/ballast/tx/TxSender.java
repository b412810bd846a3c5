package dev.ballast.tx;

import dev.ballast.gas.FeeQuote;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthGetBalance;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.utils.Numeric;

/**
 * Simulates, prices, signs and broadcasts EIP-1559 transactions for one signer. Reads go to {@code web3j}; the raw
 * transaction goes to {@code submission}, which may be a private endpoint that only takes eth_sendRawTransaction.
 */
public final class TxSender {
    private final Web3j web3j;
    private final Web3j submission;
    private final Credentials signer;
    private final long chainId;
    private final NonceManager nonces;
    private final RevertDecoder reverts;
    private final int gasMarginPercent;
    private final Clock clock;

    public TxSender(Web3j web3j, Web3j submission, Credentials signer, long chainId, NonceManager nonces,
            RevertDecoder reverts, int gasMarginPercent, Clock clock) {
        this.web3j = web3j;
        this.submission = submission;
        this.signer = signer;
        this.chainId = chainId;
        this.nonces = nonces;
        this.reverts = reverts;
        this.gasMarginPercent = gasMarginPercent;
        this.clock = clock;
    }

    public String from() {
        return signer.getAddress();
    }

    /**
     * Runs the call on the latest block, measures its gas and reads the signer's balance in one JSON-RPC batch, then
     * proves the gas limit (plus the margin) in a second batch: two round trips between the decision and the broadcast
     * (see {@link #estimate}). A transaction the signer could not pay for at
     * {@code maxFeePerGas} is refused before it is signed.
     *
     * @throws SimulatedRevertException with the decoded custom error when it would revert
     * @throws InsufficientFundsException naming the balance and the need
     */
    public BigInteger simulate(String to, String data, BigInteger maxFeePerGas)
            throws IOException, SimulatedRevertException, InsufficientFundsException {
        Transaction call = Transaction.createEthCallTransaction(signer.getAddress(), to, data);
        Request<?, EthCall> callRequest = web3j.ethCall(call, DefaultBlockParameterName.LATEST);
        Request<?, AccessListGas> usedRequest = AccessListGas.request(call);
        Request<?, EthGetBalance> balanceRequest = web3j.ethGetBalance(signer.getAddress(), DefaultBlockParameterName.LATEST);
        BatchResponse batch = web3j.newBatch().add(callRequest).add(usedRequest).add(balanceRequest).send();
        EthCall result = answer(batch, callRequest.getId(), EthCall.class);
        if (result.isReverted() || result.hasError()) throw new SimulatedRevertException(to, reverts.decode(revertData(result)));
        BigInteger gas = estimate(to, call, answer(batch, usedRequest.getId(), AccessListGas.class).gasUsed());
        BigInteger limit = gas.add(gas.multiply(BigInteger.valueOf(gasMarginPercent)).divide(BigInteger.valueOf(100)));
        EthGetBalance balance = answer(batch, balanceRequest.getId(), EthGetBalance.class);
        if (balance.hasError()) throw new IOException("cannot read the signer's balance: " + balance.getError().getMessage());
        if (balance.getBalance().compareTo(limit.multiply(maxFeePerGas)) < 0) {
            throw new InsufficientFundsException(signer.getAddress(), balance.getBalance(), limit, maxFeePerGas);
        }
        return limit;
    }

    /**
     * The call's gas before the margin, proven by the node: the smallest of {@link #candidates} at which a call with
     * exactly that limit succeeds (all tried in one batch), as each step of eth_estimateGas's search is proven, but in
     * one round trip of a few executions instead of a search of many (on Anvil 100-250 ms for a routed rebalance). When
     * the node gives no gasUsed, or no candidate is enough (refunds beyond EIP-3529's fifth, deep nesting), the
     * node's eth_estimateGas decides as before.
     */
    private BigInteger estimate(String to, Transaction call, Optional<BigInteger> used)
            throws IOException, SimulatedRevertException {
        if (used.isPresent()) {
            List<BigInteger> limits = candidates(used.get());
            List<Request<?, EthCall>> proofs = new ArrayList<>();
            BatchRequest batch = web3j.newBatch();
            for (BigInteger limit : limits) {
                Request<?, EthCall> proof = web3j.ethCall(new Transaction(call.getFrom(), null, null, limit, call.getTo(), null,
                        call.getData()), DefaultBlockParameterName.LATEST);
                proofs.add(proof);
                batch.add(proof);
            }
            BatchResponse answers = batch.send();
            for (int i = 0; i < limits.size(); i++) {
                EthCall proof = answer(answers, proofs.get(i).getId(), EthCall.class);
                if (!proof.hasError() && !proof.isReverted()) return limits.get(i);
            }
        }
        EthEstimateGas estimate = web3j.ethEstimateGas(call).send();
        if (estimate.hasError()) throw new SimulatedRevertException(to, reverts.decode(errorData(estimate.getError())));
        return estimate.getAmountUsed();
    }

    /**
     * Gas limits to prove, smallest first, from the gas a call used (after its refund): that × 64/63 (each nested call
     * keeps only 63/64 of what is left, EIP-150) × 1, 17/16, 18/16, 19/16, 20/16. The last covers the largest refund
     * (a fifth of the gas before it, EIP-3529: at most a quarter of the gas after it), so a simulated rebalance is
     * almost never left to eth_estimateGas; the chosen limit is at most 1/16 above the smallest that succeeds.
     */
    static List<BigInteger> candidates(BigInteger used) {
        BigInteger reserved = used.multiply(BigInteger.valueOf(64)).add(BigInteger.valueOf(62)).divide(BigInteger.valueOf(63));
        List<BigInteger> limits = new ArrayList<>();
        for (int k = 16; k <= 20; k++) limits.add(reserved.multiply(BigInteger.valueOf(k)).add(BigInteger.valueOf(15)).divide(BigInteger.valueOf(16)));
        return limits;
    }

    /** Signs and broadcasts a new transaction with the next nonce. */
    public SentTx send(String to, String data, BigInteger gasLimit, FeeQuote fees) throws IOException {
        return broadcast(sign(to, data, gasLimit, fees));
    }

    /**
     * Signs a new transaction with the next nonce without sending it, so its hash can be journaled first: a crash
     * between journal and broadcast then leaves a known hash to look for, never an unknown transaction.
     */
    public SignedTx sign(String to, String data, BigInteger gasLimit, FeeQuote fees) throws IOException {
        return sign(nonces.peek(), to, data, gasLimit, fees);
    }

    /**
     * Signs a new transaction at {@code nonce}, chosen by the caller after checking it against the chain and the
     * journal (a nonce above a gap would queue behind it forever).
     */
    public SignedTx signAt(BigInteger nonce, String to, String data, BigInteger gasLimit, FeeQuote fees) {
        return sign(nonce, to, data, gasLimit, fees);
    }

    /** Re-signs {@code original} (same nonce and payload) with higher fees, not yet sent. */
    public SignedTx signReplacement(SentTx original, FeeQuote fees) {
        return sign(original.nonce(), original.to(), original.data(), original.gasLimit(), fees);
    }

    /** Re-signs {@code original} with higher fees and broadcasts it. */
    public SentTx replace(SentTx original, FeeQuote fees) throws IOException {
        return broadcast(signReplacement(original, fees));
    }

    /**
     * Sends a signed transaction. The node's answered refusal (a JSON-RPC error) resynchronises the nonce and is thrown
     * as {@link TxRejectedException}; any other {@link IOException} means the answer was lost and the node may hold the
     * transaction (the caller journals it PENDING_UNKNOWN and looks the hash up, never REJECTED).
     */
    public SentTx broadcast(SignedTx tx) throws IOException {
        EthSendTransaction response = submission.ethSendRawTransaction(tx.raw()).send();
        if (response.hasError() && !alreadyKnown(response.getError().getMessage())) {
            try {
                nonces.resync();
            } catch (IOException e) {
                // the refusal is the fact to report; the nonce is read afresh before the next signature anyway
            }
            throw new TxRejectedException(tx.nonce(), response.getError().getMessage());
        }
        nonces.consumed(tx.nonce());
        return new SentTx(tx.nonce(), tx.hash(), tx.to(), tx.data(), tx.gasLimit(), tx.fees(), clock.instant());
    }

    /**
     * A node that already holds these exact bytes (a retry after a timeout, or a failover to a node that saw the first
     * attempt through gossip) has the transaction: that is success, not a reason to resync the nonce.
     */
    public static boolean alreadyKnown(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return m.contains("already known") || m.contains("known transaction") || m.contains("already imported");
    }

    private SignedTx sign(BigInteger nonce, String to, String data, BigInteger gasLimit, FeeQuote fees) {
        RawTransaction raw = RawTransaction.createTransaction(chainId, nonce, gasLimit, to, BigInteger.ZERO, data,
                fees.maxPriorityFeePerGas(), fees.maxFeePerGas());
        byte[] signed = TransactionEncoder.signMessage(raw, chainId, signer);
        return new SignedTx(nonce, Hash.sha3(Numeric.toHexString(signed)), Numeric.toHexString(signed), to, data,
                gasLimit, fees);
    }

    private static <T extends Response<?>> T answer(BatchResponse batch, long id, Class<T> type) throws IOException {
        for (Response<?> r : batch.getResponses()) {
            if (r.getId() == id) return type.cast(r);
        }
        throw new IOException("the node's batch answer lacks request " + id);
    }

    private static String revertData(EthCall result) {
        if (result.hasError()) return errorData(result.getError());
        return result.getRevertReason() != null && result.getValue() == null ? "0x" : result.getValue();
    }

    private static String errorData(Response.Error error) {
        // web3j keeps error.data as raw JSON text, so a hex string arrives with its quotes
        String data = error.getData() == null ? "" : error.getData().replace("\"", "").strip();
        return data.startsWith("0x") ? data : "0x";
    }
}
