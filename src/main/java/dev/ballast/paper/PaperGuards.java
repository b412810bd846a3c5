package dev.ballast.paper;

import dev.ballast.policy.Leg;
import dev.ballast.policy.VaultMath;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks RebalancingVault._rebalance makes around its swaps (leg structure and size before the first trade, then
 * min-out per leg and drift, direction and NAV loss after the last), run on the virtual vault with the venue's quoted
 * outputs in place of real swaps. The same uint256 arithmetic and rounding as the contract (values rounded down,
 * traded value and min-out rounded up); the venue-price guard and the due/cooldown check are the keeper's own copies
 * (ManipulationCheck, RebalancePolicy.vaultRefusal), run before this. A breach names the vault's error; a fill below
 * the min-out is named SlippageExceeded although on chain the venue, handed that min-out, usually reverts first with
 * its own error (the Ballast pool's AmountOutBelowMin), as PaperGuardsForkTest shows.
 */
final class PaperGuards {
    static final int MAX_LEGS = 8;
    private static final BigInteger ONE = VaultMath.ONE;
    private static final BigInteger MIN_TOWARD_TARGET = ONE.divide(BigInteger.TWO);

    private PaperGuards() {}

    /** The vault's view of the holdings: balances, router prices (18 decimals), decimals and targets, in vault order. */
    record Book(List<BigInteger> balances, List<BigInteger> prices, List<Integer> decimals, List<BigInteger> targets) {}

    /**
     * What the vault would have done: the balances after the legs and the NAV/drift on both sides (18-decimal
     * numeraire and weights), or the error it reverts with.
     */
    record Outcome(Optional<String> error, List<BigInteger> balancesAfter, List<BigInteger> minOuts, BigInteger navBefore,
            BigInteger navAfter, BigInteger driftBefore, BigInteger driftAfter) {
        boolean filled() {
            return error.isEmpty();
        }
    }

    static Outcome apply(Book book, List<Leg> legs, List<Integer> sellIndex, List<Integer> buyIndex, List<BigInteger> received,
            BigInteger maxSlippage, BigInteger maxTradeFraction) {
        int n = book.balances().size();
        List<BigInteger> bal = new ArrayList<>(book.balances());
        BigInteger[] values = values(bal, book);
        BigInteger navBefore = sum(values);
        BigInteger driftBefore = maxDeviation(values, navBefore, book.targets());
        List<BigInteger> minOuts = new ArrayList<>();
        if (legs.isEmpty()) return refused("NoLegs", bal, minOuts, navBefore, driftBefore);
        if (legs.size() > MAX_LEGS) return refused("TooManyLegs", bal, minOuts, navBefore, driftBefore);
        BigInteger[] gap = new BigInteger[n];
        for (int i = 0; i < n; i++) gap[i] = values[i].subtract(VaultMath.mulDivDown(navBefore, book.targets().get(i), ONE));
        long sold = 0;
        long bought = 0;
        BigInteger traded = BigInteger.ZERO;
        BigInteger moved = BigInteger.ZERO;
        for (int k = 0; k < legs.size(); k++) {
            int i = sellIndex.get(k);
            int j = buyIndex.get(k);
            if (i == j || legs.get(k).sellAmount().signum() == 0) return refused("InvalidLeg", bal, minOuts, navBefore, driftBefore);
            if ((bought & (1L << i)) != 0 || (sold & (1L << j)) != 0) {
                return refused("AssetBoughtAndSold", bal, minOuts, navBefore, driftBefore);
            }
            sold |= 1L << i;
            bought |= 1L << j;
            BigInteger value = VaultMath.mulDivUp(legs.get(k).sellAmount(), book.prices().get(i), scale(book, i));
            traded = traded.add(value);
            moved = moved.add(towardTarget(gap, i, j, value));
        }
        BigInteger cap = VaultMath.mulDivDown(navBefore, maxTradeFraction, ONE);
        if (traded.compareTo(cap) > 0) return refused("TradeTooLarge", bal, minOuts, navBefore, driftBefore);
        for (int k = 0; k < legs.size(); k++) {
            int i = sellIndex.get(k);
            int j = buyIndex.get(k);
            BigInteger amountIn = legs.get(k).sellAmount();
            if (amountIn.compareTo(bal.get(i)) > 0) return refused("InsufficientBalance", bal, minOuts, navBefore, driftBefore);
            BigInteger valueIn = VaultMath.mulDivUp(amountIn, book.prices().get(i), scale(book, i));
            BigInteger minOut = VaultMath.mulDivUp(VaultMath.mulDivUp(valueIn, ONE.subtract(maxSlippage), ONE), scale(book, j),
                    book.prices().get(j));
            minOuts.add(minOut);
            if (received.get(k).compareTo(minOut) < 0) return refused("SlippageExceeded", bal, minOuts, navBefore, driftBefore);
            bal.set(i, bal.get(i).subtract(amountIn));
            bal.set(j, bal.get(j).add(received.get(k)));
        }
        BigInteger[] after = values(bal, book);
        BigInteger navAfter = sum(after);
        BigInteger driftAfter = maxDeviation(after, navAfter, book.targets());
        if (driftAfter.compareTo(driftBefore) >= 0) return refused("DriftNotReduced", bal, minOuts, navBefore, driftBefore);
        if (moved.compareTo(VaultMath.mulDivUp(traded, MIN_TOWARD_TARGET, ONE)) < 0) {
            return refused("TradeNotTowardTarget", bal, minOuts, navBefore, driftBefore);
        }
        BigInteger budget = VaultMath.mulDivUp(moved, maxSlippage, ONE).add(BigInteger.valueOf(2L * n));
        BigInteger floor = navBefore.compareTo(budget) > 0 ? navBefore.subtract(budget) : BigInteger.ZERO;
        if (navAfter.compareTo(floor) < 0) return refused("NavLossExceeded", bal, minOuts, navBefore, driftBefore);
        return new Outcome(Optional.empty(), List.copyOf(bal), List.copyOf(minOuts), navBefore, navAfter, driftBefore, driftAfter);
    }

    /** TradeGuards.towardTargetDown: the part of the leg that moves value from an excess to a shortfall. */
    private static BigInteger towardTarget(BigInteger[] gap, int i, int j, BigInteger value) {
        if (gap[i].signum() <= 0 || gap[j].signum() >= 0) return BigInteger.ZERO;
        BigInteger m = value.min(gap[i]).min(gap[j].negate());
        gap[i] = gap[i].subtract(m);
        gap[j] = gap[j].add(m);
        return m;
    }

    static BigInteger[] values(List<BigInteger> balances, Book book) {
        BigInteger[] v = new BigInteger[balances.size()];
        for (int i = 0; i < v.length; i++) v[i] = VaultMath.mulDivDown(balances.get(i), book.prices().get(i), scale(book, i));
        return v;
    }

    static BigInteger sum(BigInteger[] values) {
        BigInteger total = BigInteger.ZERO;
        for (BigInteger v : values) total = total.add(v);
        return total;
    }

    /** VaultMath.deviations' max |weight − target|, weights rounded down; zero for an empty vault. */
    static BigInteger maxDeviation(BigInteger[] values, BigInteger total, List<BigInteger> targets) {
        if (total.signum() == 0) return BigInteger.ZERO;
        BigInteger max = BigInteger.ZERO;
        for (int i = 0; i < values.length; i++) {
            BigInteger w = VaultMath.mulDivDown(values[i], ONE, total);
            max = max.max(w.subtract(targets.get(i)).abs());
        }
        return max;
    }

    private static BigInteger scale(Book book, int i) {
        return BigInteger.TEN.pow(book.decimals().get(i));
    }

    private static Outcome refused(String error, List<BigInteger> bal, List<BigInteger> minOuts, BigInteger navBefore,
            BigInteger driftBefore) {
        return new Outcome(Optional.of(error), List.copyOf(bal), List.copyOf(minOuts), navBefore, navBefore, driftBefore,
                driftBefore);
    }
}
