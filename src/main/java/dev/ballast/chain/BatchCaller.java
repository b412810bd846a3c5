package dev.ballast.chain;

import dev.ballast.contracts.CallBatchLens;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.utils.Numeric;

/**
 * Any list of view calls in one eth_call at one block: through Multicall3's aggregate3 where it is deployed, otherwise
 * through CallBatchLens (creation code executed without `to`, nothing to deploy). Use it for reads the VaultLens does
 * not cover (a feed's latestRoundData, an allowance...). Which route exists is checked once (eth_getCode).
 */
public final class BatchCaller {
    private static final Logger log = LoggerFactory.getLogger(BatchCaller.class);

    /** How the calls travel. */
    public enum Route { MULTICALL3, CALL_BATCH_LENS }

    private final FailoverRpc rpc;
    private final long callGasLimit;
    private final String lensCode;
    private volatile Route route;

    public BatchCaller(FailoverRpc rpc, long callGasLimit) {
        this(rpc, callGasLimit, CallBatchLens.BINARY);
    }

    BatchCaller(FailoverRpc rpc, long callGasLimit, String lensCreationCode) {
        this.rpc = Objects.requireNonNull(rpc, "rpc");
        this.callGasLimit = callGasLimit;
        this.lensCode = Numeric.cleanHexPrefix(lensCreationCode);
    }

    /** The route, found on first use: Multicall3 if it has code at the latest block. */
    public Route route() {
        Route known = route;
        if (known != null) return known;
        String code = rpc.send("eth_getCode(Multicall3)",
                w -> w.ethGetCode(Multicall3.ADDRESS, DefaultBlockParameterName.LATEST)).getCode();
        known = code == null || Numeric.cleanHexPrefix(code).isEmpty() ? Route.CALL_BATCH_LENS : Route.MULTICALL3;
        log.info("batched calls go through {}", known == Route.MULTICALL3 ? "Multicall3 at " + Multicall3.ADDRESS
                : "CallBatchLens (Multicall3 not deployed here)");
        route = known;
        return known;
    }

    /** Runs {@code calls} at {@code blockNumber} in one eth_call; results are in the calls' order. */
    public List<CallResult> call(long blockNumber, List<Call3> calls) {
        Route via = route();
        String data;
        String to;
        if (via == Route.MULTICALL3) {
            data = Numeric.toHexString(Multicall3.aggregate3Calldata(calls));
            to = Multicall3.ADDRESS;
        } else {
            ByteArrayOutputStream initcode = new ByteArrayOutputStream();
            initcode.writeBytes(Numeric.hexStringToByteArray(lensCode));
            initcode.writeBytes(Multicall3.encodeCalls(calls));
            data = Numeric.toHexString(initcode.toByteArray());
            to = null;
        }
        Transaction tx = new Transaction(null, null, null, BigInteger.valueOf(callGasLimit), to, null, data);
        DefaultBlockParameter block = DefaultBlockParameter.valueOf(BigInteger.valueOf(blockNumber));
        String what = calls.size() + " batched calls via " + via;
        try {
            String value = rpc.send(what, w -> w.ethCall(tx, block)).getValue();
            return Multicall3.decodeResults(Numeric.hexStringToByteArray(value));
        } catch (RpcRejectedException reverted) {
            if (via == Route.CALL_BATCH_LENS) {
                var payload = LensPayload.fromErrorData(reverted.data());
                if (payload.isPresent()) return Multicall3.decodeResults(payload.get()); // the lens's normal outcome
            }
            throw reverted;
        }
    }
}
