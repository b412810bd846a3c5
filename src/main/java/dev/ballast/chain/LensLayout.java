package dev.ballast.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.web3j.utils.Numeric;

/**
 * Decodes VaultLens's flat result (see contracts/src/lens/VaultLens.sol for the layout, mirrored here). The result
 * is an ABI-encoded uint256[]: an offset word, a length word, then the words.
 *
 * <p>The words are read here, not through web3j's FunctionReturnDecoder: this runs every block over every vault, and
 * web3j 5.0.2 decodes each element of a dynamic array from a copy of the rest of the hex string
 * ({@code TypeDecoder.decode(input, offset, type)} starts with {@code input.substring(offset)}), so a uint256[] costs
 * O(n²). Measured by {@code LensDecodeTimingTest} on a 100-vault result (8,297 words), 2 loaded cores: web3j 5,815 ms
 * for the words alone against 1.8 ms for this whole decode; 1,000 vaults (81,197 words) take 95-117 ms here and,
 * at ~100× the 100-vault figure, minutes through web3j: far beyond a 12 s block. Everything else that is ABI goes
 * through web3j (lens arguments in {@link VaultReader}, {@link Multicall3}).
 */
final class LensLayout {
    private static final int WORD = 32;

    static final int VERSION = 4;
    static final int HEADER_WORDS = 7;
    static final int VAULT_WORDS = 17;
    static final int ASSET_WORDS = 7;
    static final int PAIR_WORDS = 3;
    static final int POOL_WORDS = 5;
    static final int TOKEN_WORDS = 7;

    private static final int HAS_CODE = 1;
    private static final int PAUSED = 4;
    private static final int DEPOSIT_CAP_OK = 512;
    private static final int BALANCE_FAILED = 1 << 8;
    private static final int DECIMALS_FAILED = 1 << 9;
    private static final String[] VAULT_FLAG_NAMES = {
        null, "assets", null, "params", "balances", "targetWeights", "lastRebalance", "totalSupply", "priceRouter"
    };
    private static final String[] POOL_FLAG_NAMES = {null, "tokens", "balances", "weights", "swapFee", "oldestObservationAge"};

    /** One chunk's decoded result. */
    record Chunk(long blockNumber, long timestamp, long gasUsed, long chainId, List<VaultState> vaults, List<PoolState> pools) {}

    private final byte[] data;
    private int cursor; // in words from the start; words 0 and 1 are the ABI head

    private LensLayout(byte[] data) {
        this.data = data;
    }

    static Chunk decode(byte[] result, List<String> vaults, List<String> pools) {
        LensLayout in = new LensLayout(result);
        if (in.next().intValue() != 0x20) throw new LensDecodingException("not an ABI uint256[]");
        long words = in.next().longValueExact();
        if ((words + 2) * WORD != result.length) {
            throw new LensDecodingException("length word says " + words + " words, result has " + (result.length / 32 - 2));
        }
        int version = in.next().intValueExact();
        if (version != VERSION) throw new LensDecodingException("lens layout version " + version + ", expected " + VERSION);
        long block = in.next().longValueExact();
        long timestamp = in.next().longValueExact();
        long gas = in.next().longValueExact();
        int vaultCount = in.next().intValueExact();
        int poolCount = in.next().intValueExact();
        long chainId = in.next().longValueExact();
        if (vaultCount != vaults.size() || poolCount != pools.size()) {
            throw new LensDecodingException("lens read " + vaultCount + " vaults and " + poolCount + " pools, asked for "
                    + vaults.size() + " and " + pools.size());
        }
        List<VaultState> vaultStates = new ArrayList<>();
        for (String vault : vaults) vaultStates.add(in.vault(vault));
        List<PoolState> poolStates = new ArrayList<>();
        for (String pool : pools) poolStates.add(in.pool(pool));
        if (in.cursor != words + 2) throw new LensDecodingException("trailing words after the last pool");
        return new Chunk(block, timestamp, gas, chainId, vaultStates, poolStates);
    }

    private BigInteger next() {
        int from = cursor++ * WORD;
        if (from + WORD > data.length) {
            throw new LensDecodingException("result too short: word " + (cursor - 1) + " of " + data.length / WORD);
        }
        return Numeric.toBigInt(data, from, WORD);
    }

    private static String toAddress(BigInteger word) {
        return Numeric.toHexStringWithPrefixZeroPadded(word, 40);
    }

    private VaultState vault(String address) {
        int flags = next().intValueExact();
        int n = next().intValueExact();
        BigInteger lastRebalance = next();
        String router = toAddress(next());
        BigInteger totalSupply = next();
        BigInteger[] p = new BigInteger[10];
        for (int i = 0; i < p.length; i++) p[i] = next();
        BigInteger venueWord = next();
        BigInteger capWord = next();
        VaultParams params = new VaultParams(p[0], p[1].intValueExact(), p[2].longValueExact(), p[3].longValueExact(),
                p[4], p[5], p[6].longValueExact(), p[7], p[8], p[9]);
        List<AssetState> assets = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            String asset = toAddress(next());
            int decimals = next().intValueExact();
            BigInteger tokenBalance = next();
            BigInteger accounted = next();
            BigInteger target = next();
            BigInteger status = next();
            BigInteger price = next();
            int bits = status.intValueExact();
            assets.add(new AssetState(asset, decimals, tokenBalance, accounted, target, PriceReading.decode(status, price),
                    (bits & BALANCE_FAILED) != 0, (bits & DECIMALS_FAILED) != 0));
        }
        String venue = venueWord.signum() == 0 ? null : toAddress(venueWord);
        List<VaultState.VenuePrice> pairs = new ArrayList<>();
        if (venue != null) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i == j) continue;
                    BigInteger status = next();
                    pairs.add(new VaultState.VenuePrice(assets.get(i).asset(), assets.get(j).asset(),
                            PriceReading.decode(status, next()), PriceReading.decode(status.shiftRight(8), next())));
                }
            }
        }
        boolean hasCode = (flags & HAS_CODE) != 0;
        return new VaultState(address, hasCode, (flags & PAUSED) != 0, lastRebalance, router, totalSupply, params,
                assets, hasCode ? missing(flags, VAULT_FLAG_NAMES) : Set.of(), venue, pairs,
                (flags & DEPOSIT_CAP_OK) != 0 ? capWord : null);
    }

    private PoolState pool(String address) {
        int flags = next().intValueExact();
        int n = next().intValueExact();
        BigInteger swapFee = next();
        long window = next().longValueExact();
        long age = next().longValueExact();
        List<PoolState.PoolTokenState> tokens = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            String token = toAddress(next());
            BigInteger balance = next();
            BigInteger weight = next();
            PriceReading spot = PriceReading.decode(next(), next());
            PriceReading twap = PriceReading.decode(next(), next());
            tokens.add(new PoolState.PoolTokenState(token, balance, weight, spot, twap));
        }
        boolean hasCode = (flags & HAS_CODE) != 0;
        return new PoolState(address, hasCode, swapFee, window, age, tokens,
                hasCode ? missing(flags, POOL_FLAG_NAMES) : Set.of());
    }

    private static Set<String> missing(int flags, String[] names) {
        Set<String> missing = new LinkedHashSet<>();
        for (int bit = 0; bit < names.length; bit++) {
            if (names[bit] != null && (flags & (1 << bit)) == 0) missing.add(names[bit]);
        }
        return missing;
    }
}
