package dev.ballast.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.Function;
import org.web3j.utils.Numeric;

class Multicall3Test {
    private static List<Call3> randomCalls(SplittableRandom random) {
        List<Call3> calls = new ArrayList<>();
        int n = 1 + random.nextInt(6); // web3j cannot type an empty struct array, see emptyBatch
        for (int i = 0; i < n; i++) {
            byte[] data = new byte[random.nextInt(100)];
            random.nextBytes(data);
            byte[] addr = new byte[20];
            random.nextBytes(addr);
            calls.add(new Call3(Numeric.toHexString(addr), random.nextBoolean(), data));
        }
        return calls;
    }

    /** web3j's own ABI encoder is the reference for the hand-written encoding. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void aggregate3CalldataMatchesWeb3jsEncoder(long seed) {
        List<Call3> calls = randomCalls(new SplittableRandom(seed));
        List<DynamicStruct> structs = calls.stream()
                .map(c -> new DynamicStruct(new Address(c.target()), new Bool(c.allowFailure()), new DynamicBytes(c.callData())))
                .toList();
        String expected = FunctionEncoder.encode(new Function("aggregate3",
                List.of(new DynamicArray<>(DynamicStruct.class, structs)), List.of()));

        assertThat(Numeric.toHexString(Multicall3.aggregate3Calldata(calls))).as("seed %d", seed).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void emptyBatchIsAnEmptyArray() {
        assertThat(Numeric.toHexString(Multicall3.aggregate3Calldata(List.of())))
                .isEqualTo("0x82ad56cb" + "0".repeat(62) + "20" + "0".repeat(64));
        assertThat(Multicall3.decodeResults(Numeric.hexStringToByteArray("0x" + "0".repeat(62) + "20" + "0".repeat(64))))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void decodesResultsEncodedByWeb3j(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<CallResult> results = new ArrayList<>();
        int n = 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            byte[] data = new byte[random.nextInt(70)];
            random.nextBytes(data);
            results.add(new CallResult(random.nextBoolean(), data));
        }
        List<DynamicStruct> structs = results.stream()
                .map(r -> new DynamicStruct(new Bool(r.success()), new DynamicBytes(r.returnData())))
                .toList();
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        encoded.writeBytes(Numeric.toBytesPadded(BigInteger.valueOf(32), 32));
        encoded.writeBytes(Numeric.hexStringToByteArray(TypeEncoder.encode(new DynamicArray<>(DynamicStruct.class, structs))));

        List<CallResult> decoded = Multicall3.decodeResults(encoded.toByteArray());

        assertThat(decoded).as("seed %d", seed).hasSize(results.size());
        for (int i = 0; i < results.size(); i++) {
            assertThat(decoded.get(i).success()).isEqualTo(results.get(i).success());
            assertThat(decoded.get(i).returnData()).isEqualTo(results.get(i).returnData());
        }
    }
}
