package dev.ballast.deploy.protocols;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * Deploys and drives contracts for which no web3j wrapper exists (the real protocols' npm artifacts): raw creation
 * code plus ABI-encoded arguments, calls encoded with {@link FunctionEncoder}. Every send is simulated first with
 * eth_estimateGas, so a revert is reported with its reason before anything is signed. Dev chains only.
 */
public final class RawChain {
    private static final BigInteger GWEI = BigInteger.TEN.pow(9);

    private final Web3j web3j;
    private final TransactionManager tm;
    private final long chainId;
    private final PollingTransactionReceiptProcessor receipts;

    public RawChain(Web3j web3j, TransactionManager tm, long chainId) {
        this.web3j = web3j;
        this.tm = tm;
        this.chainId = chainId;
        this.receipts = new PollingTransactionReceiptProcessor(web3j, 50, 1200);
    }

    public Web3j web3j() {
        return web3j;
    }

    public String from() {
        return tm.getFromAddress();
    }

    /** The same chain, signing as another account. */
    public RawChain as(TransactionManager other) {
        return new RawChain(web3j, other, chainId);
    }

    /** Creates a contract from {@code creationCode} with ABI-encoded constructor {@code args}; returns its address. */
    public String deploy(String what, String creationCode, Type<?>... args) throws IOException {
        String data = creationCode + FunctionEncoder.encodeConstructor(Arrays.asList(args));
        TransactionReceipt r = send(what, null, data);
        return r.getContractAddress();
    }

    public TransactionReceipt send(String what, String to, String name, Type<?>... args) throws IOException {
        return send(what, to, FunctionEncoder.encode(new Function(name, Arrays.asList(args), List.of())));
    }

    /** Simulates (eth_estimateGas, which reports a revert), then signs with EIP-1559 fees and waits for the receipt. */
    private static final BigInteger FIRST_WRITE_HEADROOM = BigInteger.valueOf(60_000);

    public TransactionReceipt send(String what, String to, String data) throws IOException {
        EthEstimateGas estimate = web3j.ethEstimateGas(new Transaction(from(), null, null, null, to, BigInteger.ZERO, data)).send();
        if (estimate.hasError()) {
            throw new ProtocolCallException(what + " would revert: " + estimate.getError().getMessage()
                    + (estimate.getError().getData() == null ? "" : " " + estimate.getError().getData()));
        }
        // Headroom for state the estimate's block did not touch: a Uniswap V2 pair writes its cumulative prices only in
        // the first swap of a later second (two zero->nonzero stores the first time, ~40,000 gas), and Anvil may take
        // the estimate in the mined block's second and mine in the next. A quarter of the estimate was not enough.
        BigInteger used = estimate.getAmountUsed();
        BigInteger gas = used.add(used.divide(BigInteger.valueOf(4)).max(FIRST_WRITE_HEADROOM));
        EthSendTransaction sent = tm.sendEIP1559Transaction(chainId, GWEI, GWEI.multiply(BigInteger.valueOf(50)), gas, to,
                data, BigInteger.ZERO, to == null);
        if (sent.hasError()) throw new ProtocolCallException(what + ": node refused it: " + sent.getError().getMessage());
        TransactionReceipt receipt;
        try {
            receipt = receipts.waitForTransactionReceipt(sent.getTransactionHash());
        } catch (TransactionException e) {
            throw new ProtocolCallException(what + ": no receipt: " + e.getMessage());
        }
        if (!receipt.isStatusOK()) throw new ProtocolCallException(what + " reverted in " + receipt.getTransactionHash());
        return receipt;
    }

    /** eth_call of {@code name(args)} decoded as {@code outputs}; a revert is an exception. */
    @SuppressWarnings("rawtypes")
    public List<Type> call(String to, String name, List<TypeReference<?>> outputs, Type<?>... args) throws IOException {
        Function f = new Function(name, Arrays.asList(args), outputs);
        EthCall r = web3j.ethCall(Transaction.createEthCallTransaction(from(), to, FunctionEncoder.encode(f)),
                DefaultBlockParameterName.LATEST).send();
        if (r.hasError() || r.isReverted()) {
            throw new ProtocolCallException(name + " on " + to + " reverted: "
                    + (r.hasError() ? r.getError().getMessage() : r.getRevertReason()));
        }
        return FunctionReturnDecoder.decode(r.getValue(), f.getOutputParameters());
    }

    /** The first return word of {@code name(args)} as an unsigned integer (also fits addresses and bools). */
    public BigInteger uint(String to, String name, Type<?>... args) throws IOException {
        return (BigInteger) call(to, name, List.of(new TypeReference<Uint256>() {}), args)
                .getFirst().getValue();
    }

    public String address(String to, String name, Type<?>... args) throws IOException {
        return (String) call(to, name, List.of(new TypeReference<Address>() {}), args)
                .getFirst().getValue();
    }

    /** A revert or refusal while driving a protocol contract. */
    public static final class ProtocolCallException extends IOException {
        public ProtocolCallException(String message) {
            super(message);
        }
    }
}
