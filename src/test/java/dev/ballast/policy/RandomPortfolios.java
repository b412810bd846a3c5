package dev.ballast.policy;

import static dev.ballast.policy.FixedPoint.WAD;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded generators of random portfolios and parameters for the property tests. */
final class RandomPortfolios {
    private RandomPortfolios() {}

    /** 2..8 assets; values from dust to 10 million numeraire (some zero); random targets summing to 1e18. */
    static List<Asset> assets(SplittableRandom r) {
        int n = r.nextInt(2, 9);
        long[] targets = targets(r, n);
        long scale = pick(r, 1_000L, 100_000_000L, 1_000_000_000_000L, 1_000_000_000_000_000L);
        List<Asset> assets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long value = r.nextInt(10) == 0 ? 0 : r.nextLong(scale);
            String id = "T" + i;
            assets.add(r.nextBoolean() ? Asset.valued(id, value, targets[i]) : onChain(r, id, value, targets[i]));
        }
        return assets;
    }

    /** An on-chain asset worth about {@code value}: random decimals and price, balance derived from them. */
    private static Asset onChain(SplittableRandom r, String id, long value, long target) {
        int decimals = r.nextInt(0, 25);
        BigInteger price = BigInteger.valueOf(r.nextLong(1, Long.MAX_VALUE)).multiply(BigInteger.TEN.pow(r.nextInt(7)));
        BigInteger scale = BigInteger.TEN.pow(decimals + 10);
        BigInteger balance = BigInteger.valueOf(value).multiply(scale).divide(price);
        return Asset.onChain(id, balance, decimals, price, target);
    }

    /** Positive-or-zero integer targets normalised to sum to exactly 1e18 (the remainder goes to the last). */
    static long[] targets(SplittableRandom r, int n) {
        long[] raw = new long[n];
        long sum = 0;
        for (int i = 0; i < n; i++) {
            raw[i] = r.nextInt(8) == 0 ? 0 : r.nextLong(1, 1_000_000);
            sum += raw[i];
        }
        if (sum == 0) {
            raw[0] = 1;
            sum = 1;
        }
        long[] targets = new long[n];
        long assigned = 0;
        for (int i = 0; i < n - 1; i++) {
            targets[i] = FixedPoint.mulDivDown(raw[i], WAD, sum);
            assigned += targets[i];
        }
        targets[n - 1] = WAD - assigned;
        return targets;
    }

    static PolicyParams params(SplittableRandom r) {
        RebalanceMode mode = RebalanceMode.values()[r.nextInt(RebalanceMode.values().length)];
        return PolicyParams.builder()
                .mode(mode)
                .band(r.nextLong(WAD / 1000, WAD / 4))
                .calendarInterval(r.nextLong(1, 90 * 86_400L))
                .cooldown(r.nextBoolean() ? 0 : r.nextLong(0, 7 * 86_400L))
                .minTradeValue(r.nextBoolean() ? 0 : r.nextLong(0, 1_000_000_000_000L))
                .maxTradeFraction(r.nextBoolean() ? WAD : r.nextLong(WAD / 1000, WAD))
                .maxSlippage(r.nextLong(0, WAD / 10))
                .correctionBenefit(r.nextLong(0, WAD / 10))
                .build();
    }

    static GasQuote gas(SplittableRandom r) {
        if (r.nextInt(3) == 0) return GasQuote.FREE;
        return new GasQuote(r.nextLong(0, 500_000_000_000L), r.nextLong(0, 300_000), r.nextLong(0, 200_000),
                r.nextLong(0, 10_000 * ValueUnits.ONE));
    }

    private static long pick(SplittableRandom r, long... options) {
        return options[r.nextInt(options.length)];
    }
}
