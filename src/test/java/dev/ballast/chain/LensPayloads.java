package dev.ballast.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;

/**
 * Synthetic VaultLens results in layout v4 (contracts/src/lens/VaultLens.sol), shaped like a mainnet read: 4-asset
 * vaults with a venue (every ordered pair's spot and TWAP), 2-token pools, balances and prices at 1e18 scale. Encoded
 * by web3j's TypeEncoder, so the decoder under test never reads its own encoder's output.
 */
final class LensPayloads {
    static final long BLOCK = 21_000_000;

    record Payload(String hex, List<String> vaults, List<String> pools) {}

    private LensPayloads() {}

    static Payload realistic(int vaultCount, int poolCount, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<BigInteger> words = new ArrayList<>();
        List<String> vaults = new ArrayList<>();
        List<String> pools = new ArrayList<>();
        add(words, LensLayout.VERSION, BLOCK, 1_700_000_000L, 1_234_567L, vaultCount, poolCount, 1);
        int assets = 4;
        for (int v = 0; v < vaultCount; v++) {
            vaults.add(Numeric.toHexStringWithPrefixZeroPadded(address(random), 40));
            add(words, 0x3ff, assets, 1_699_000_000L);
            words.add(address(random));
            words.add(amount(random));
            for (int p = 0; p < 10; p++) words.add(BigInteger.valueOf(1 + random.nextInt(1_000_000)));
            words.add(address(random)); // venue
            words.add(amount(random)); // deposit cap
            for (int a = 0; a < assets; a++) {
                words.add(address(random));
                add(words, 18);
                words.add(amount(random));
                words.add(amount(random));
                words.add(BigInteger.valueOf(250_000_000_000_000_000L));
                add(words, 0);
                words.add(amount(random));
            }
            for (int pair = 0; pair < assets * (assets - 1); pair++) {
                add(words, 0);
                words.add(amount(random));
                words.add(amount(random));
            }
        }
        for (int p = 0; p < poolCount; p++) {
            pools.add(Numeric.toHexStringWithPrefixZeroPadded(address(random), 40));
            add(words, 0x3f, 2, 3_000_000_000_000_000L, 1_800, 12);
            for (int t = 0; t < 2; t++) {
                words.add(address(random));
                words.add(amount(random));
                words.add(BigInteger.valueOf(500_000_000_000_000_000L));
                add(words, 0);
                words.add(amount(random));
                add(words, 0);
                words.add(amount(random));
            }
        }
        String body = TypeEncoder.encode(new DynamicArray<>(Uint256.class, words.stream().map(Uint256::new).toList()));
        return new Payload("0x" + "0".repeat(62) + "20" + body, vaults, pools);
    }

    private static void add(List<BigInteger> words, long... values) {
        for (long value : values) words.add(BigInteger.valueOf(value));
    }

    private static BigInteger address(SplittableRandom random) {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        return new BigInteger(1, bytes);
    }

    /** 1e15..1e27: token amounts and prices at 18 decimals. */
    private static BigInteger amount(SplittableRandom random) {
        return BigInteger.valueOf(1 + random.nextLong(1_000_000_000L)).multiply(BigInteger.TEN.pow(15 + random.nextInt(10)));
    }
}
