package dev.ballast.chain;

import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.utils.Numeric;

/**
 * Multicall3's aggregate3((address,bool,bytes)[]) and its (bool,bytes)[] result, through web3j's ABI encoder and
 * decoder. CallBatchLens takes the same argument (as constructor arguments) and returns the same result, so both
 * routes share this code. Not on the per-block path (the keeper reads through VaultReader), so web3j's decoder, which
 * is quadratic in an array's length (see {@link LensLayout}), costs nothing that matters for a batch of calls.
 */
public final class Multicall3 {
    /** Deployed at this address on most EVM chains (same deployer and nonce everywhere). */
    public static final String ADDRESS = "0xcA11bde05977b3631167028862bE2a173976CA11";
    /** bytes4(keccak256("aggregate3((address,bool,bytes)[])")) */
    static final String AGGREGATE3 = "0x82ad56cb";

    /** aggregate3's Result struct as web3j decodes it (web3j builds it through this constructor). */
    public static final class Result extends DynamicStruct {
        public Result(Bool success, DynamicBytes returnData) {
            super(success, returnData);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final List<TypeReference<Type>> RESULTS =
            (List) List.of(new TypeReference<DynamicArray<Result>>() {});

    private Multicall3() {}

    /** aggregate3 calldata: selector ++ arguments. */
    public static byte[] aggregate3Calldata(List<Call3> calls) {
        return Numeric.hexStringToByteArray(AGGREGATE3 + encodedCalls(calls));
    }

    /** abi.encode(Call3[] calls): a single dynamic argument. */
    public static byte[] encodeCalls(List<Call3> calls) {
        return Numeric.hexStringToByteArray(encodedCalls(calls));
    }

    private static String encodedCalls(List<Call3> calls) {
        List<DynamicStruct> structs = calls.stream()
                .map(c -> new DynamicStruct(new Address(c.target()), new Bool(c.allowFailure()),
                        new DynamicBytes(c.callData())))
                .toList();
        return FunctionEncoder.encodeConstructor(List.of(new DynamicArray<>(DynamicStruct.class, structs)));
    }

    /** Decodes abi-encoded Result[] (aggregate3's return, CallBatchLens's output). */
    @SuppressWarnings("unchecked")
    public static List<CallResult> decodeResults(byte[] data) {
        String notResults = "not an ABI (bool,bytes)[] of " + data.length + " bytes";
        List<Type> decoded;
        try {
            decoded = FunctionReturnDecoder.decode(Numeric.toHexString(data), RESULTS);
        } catch (RuntimeException e) { // web3j reports a short or inconsistent result as index/argument exceptions
            throw new LensDecodingException(notResults + ": " + e.getMessage());
        }
        if (decoded.size() != 1) throw new LensDecodingException(notResults);
        List<CallResult> results = new ArrayList<>();
        for (Result r : ((DynamicArray<Result>) decoded.getFirst()).getValue()) {
            List<Type> fields = r.getValue();
            results.add(new CallResult(((Bool) fields.get(0)).getValue(), ((DynamicBytes) fields.get(1)).getValue()));
        }
        return results;
    }
}
