package dev.ballast.chain;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.web3j.utils.Numeric;

/**
 * Encoding of Multicall3's aggregate3((address,bool,bytes)[]) and of its (bool,bytes)[] result. CallBatchLens takes
 * the same argument (as constructor arguments) and returns the same result, so both routes share this code.
 */
public final class Multicall3 {
    /** Deployed at this address on most EVM chains (same deployer and nonce everywhere). */
    public static final String ADDRESS = "0xcA11bde05977b3631167028862bE2a173976CA11";
    /** bytes4(keccak256("aggregate3((address,bool,bytes)[])")) */
    static final byte[] AGGREGATE3 = Numeric.hexStringToByteArray("0x82ad56cb");

    private Multicall3() {}

    /** aggregate3 calldata: selector ++ arguments. */
    public static byte[] aggregate3Calldata(List<Call3> calls) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(AGGREGATE3);
        out.writeBytes(encodeCalls(calls));
        return out.toByteArray();
    }

    /** abi.encode(Call3[] calls): a single dynamic argument. */
    public static byte[] encodeCalls(List<Call3> calls) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AbiWords.uint(out, 32); // offset of the array
        AbiWords.uint(out, calls.size());
        long offset = 32L * calls.size(); // tuple offsets are relative to the first offset word
        for (Call3 call : calls) {
            AbiWords.uint(out, offset);
            offset += 32L * 4 + AbiWords.paddedLength(call.callData().length);
        }
        for (Call3 call : calls) {
            byte[] data = call.callData();
            AbiWords.address(out, call.target());
            AbiWords.uint(out, call.allowFailure() ? 1 : 0);
            AbiWords.uint(out, 32 * 3); // offset of bytes inside the tuple
            AbiWords.uint(out, data.length);
            AbiWords.padded(out, data);
        }
        return out.toByteArray();
    }

    /** Decodes abi-encoded Result[] (aggregate3's return, CallBatchLens's output). */
    public static List<CallResult> decodeResults(byte[] data) {
        int arrayAt = AbiWords.intAt(data, 0);
        int count = AbiWords.intAt(data, arrayAt);
        int base = arrayAt + 32;
        List<CallResult> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int tupleAt = base + AbiWords.intAt(data, base + 32 * i);
            boolean success = AbiWords.wordAt(data, tupleAt).signum() != 0;
            int bytesAt = tupleAt + AbiWords.intAt(data, tupleAt + 32);
            int length = AbiWords.intAt(data, bytesAt);
            if (bytesAt + 32 + length > data.length) throw new LensDecodingException("result " + i + " overruns the data");
            results.add(new CallResult(success, Arrays.copyOfRange(data, bytesAt + 32, bytesAt + 32 + length)));
        }
        return results;
    }
}
