package dev.ballast.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;

/**
 * Why {@link LensLayout} reads the lens's words itself: prints the per-block decode time of a realistic lens result
 * (4-asset vaults with venue prices, 10 pools) through LensLayout and through web3j's FunctionReturnDecoder, side by
 * side in one run. Run: {@code ./mvnw -B -o test -Dballast.skipForgeTest -Dballast.skipContracts
 * -Dtest=LensDecodeTimingTest}; the figures are the lines starting "lens decode".
 */
class LensDecodeTimingTest {
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final List<TypeReference<Type>> UINT256_ARRAY = (List) List.of(new TypeReference<DynamicArray<Uint256>>() {});

    @SuppressWarnings("unchecked")
    static List<BigInteger> web3jWords(String hex) {
        List<Type> out = FunctionReturnDecoder.decode(hex, UINT256_ARRAY);
        return ((DynamicArray<Uint256>) out.getFirst()).getValue().stream().map(Uint256::getValue).toList();
    }

    /** Median wall time in ms of {@code reps} runs (after one warm-up). */
    private static double medianMs(int reps, Supplier<?> run) {
        run.get();
        return medianMsWarm(reps, run);
    }

    private static double medianMsWarm(int reps, Supplier<?> run) {
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            run.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[reps / 2];
    }

    @Test
    void handDecodeAgreesWithWeb3jAndPrintsBothTimes() {
        LensPayloads.Payload p100 = LensPayloads.realistic(100, 10, 1);
        List<BigInteger> words = web3jWords(p100.hex());
        LensLayout.Chunk chunk = LensLayout.decode(Numeric.hexStringToByteArray(p100.hex()), p100.vaults(), p100.pools());
        // the hand decoder reads what web3j reads: the header and the first vault's first asset, word for word
        assertThat(chunk.blockNumber()).isEqualTo(words.get(1).longValueExact());
        assertThat(chunk.vaults()).hasSize(100);
        assertThat(chunk.vaults().getFirst().assets().getFirst().asset())
                .isEqualTo(Numeric.toHexStringWithPrefixZeroPadded(words.get(7 + 17), 40));
        assertThat(chunk.vaults().getFirst().assets().getFirst().tokenBalance()).isEqualTo(words.get(7 + 17 + 2));

        double web3j100 = medianMsWarm(1, () -> web3jWords(p100.hex())); // ~6 s a run: warmed by the check above
        double hand100 = medianMs(21, () -> LensLayout.decode(Numeric.hexStringToByteArray(p100.hex()), p100.vaults(), p100.pools()));
        LensPayloads.Payload p1000 = LensPayloads.realistic(1000, 10, 2);
        double hand1000 = medianMs(11, () -> LensLayout.decode(Numeric.hexStringToByteArray(p1000.hex()), p1000.vaults(), p1000.pools()));
        List<VaultReader.VaultQuery> queries = new ArrayList<>();
        for (String v : p1000.vaults()) queries.add(new VaultReader.VaultQuery(v, v));
        List<VaultReader.PoolQuery> pools = p1000.pools().stream().map(a -> new VaultReader.PoolQuery(a, 1800)).toList();
        double encode1000 = medianMs(11, () -> VaultReader.lensArguments(queries, pools));

        System.out.printf("lens decode 100 vaults (%d words): LensLayout %.2f ms (hex->bytes->states), web3j FunctionReturnDecoder %.1f ms (words only)%n",
                words.size(), hand100, web3j100);
        System.out.printf("lens decode 1000 vaults (%d words): LensLayout %.2f ms; lens arguments encoded by web3j: %.2f ms%n",
                (p1000.hex().length() - 2) / 64 - 2, hand1000, encode1000);
        assertThat(web3j100).as("web3j slower than the hand path: the reason LensLayout exists").isGreaterThan(hand100);
    }
}
