package dev.ballast.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterNumber;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * Reads the changes pending in a vault's timelock: every ChangeProposed the vault emitted up to {@code block} whose
 * id still has an ETA (not executed, not cancelled). What a depositor watches to decide whether to leave.
 */
public final class TimelockReader {
    static final String CHANGE_PROPOSED = Hash.sha3String("ChangeProposed(bytes32,address,bytes,uint256,uint256)");

    private final FailoverRpc rpc;

    public TimelockReader(FailoverRpc rpc) {
        this.rpc = rpc;
    }

    /** Pending changes of {@code vault} as of {@code block}, oldest proposal first. */
    public List<ProposedChange> pending(String vault, long block) {
        DefaultBlockParameter at = new DefaultBlockParameterNumber(block);
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.ZERO), at, vault).addSingleTopic(CHANGE_PROPOSED);
        EthLog logs = rpc.send("eth_getLogs ChangeProposed of " + vault, w -> w.ethGetLogs(filter));
        List<ProposedChange> out = new ArrayList<>();
        for (EthLog.LogResult<?> result : logs.getLogs()) {
            Log log = (Log) result.get();
            ProposedChange change = decode(log);
            if (eta(vault, change.id(), at).signum() > 0) out.add(change);
        }
        return out;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static ProposedChange decode(Log log) {
        List<String> topics = log.getTopics();
        String target = "0x" + topics.get(2).substring(topics.get(2).length() - 40);
        List<Type> data = FunctionReturnDecoder.decode(log.getData(), (List) List.of(new TypeReference<DynamicBytes>() {},
                new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {}));
        return new ProposedChange(topics.get(1), Keys.toChecksumAddress(target),
                ((DynamicBytes) data.get(0)).getValue(), ((Uint256) data.get(1)).getValue(),
                ((Uint256) data.get(2)).getValue().longValueExact());
    }

    private BigInteger eta(String vault, String id, DefaultBlockParameter at) {
        String call = FunctionEncoder.encode(new Function("pendingEta",
                List.of(new Bytes32(Numeric.hexStringToByteArray(id))), List.of()));
        String value = rpc.send("pendingEta of " + vault, w -> w.ethCall(
                Transaction.createEthCallTransaction(null, vault, call), at)).getValue();
        return value == null || value.length() <= 2 ? BigInteger.ZERO : Numeric.toBigInt(value);
    }
}
