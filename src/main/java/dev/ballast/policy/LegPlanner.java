package dev.ballast.policy;

import static dev.ballast.policy.FixedPoint.WAD;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a due snapshot into swaps that bring every weight to its target.
 *
 * <p>Each asset's target value is {@code floor(target × NAV)}; its excess is {@code value − target value}. Overweight
 * assets (sellers) and underweight ones (buyers) are each ordered by the size of their gap, largest first (vault
 * order on ties), and matched greedily: the largest seller fills the largest buyer, and so on. Matching this way
 * makes at most {@code sellers + buyers − 1} legs, and each buyer ends exactly at its target value; sellers keep only
 * the rounding residue of the floored target values (a few value units). Legs worth less than the minimum trade
 * value are dropped, leaving their drift in place.
 *
 * <p>The vault caps the value one rebalance call may sell at {@code maxTradeFraction × NAV}. The kept legs, in
 * matching order, are packed into calls first-fit: each call is filled up to the cap, and a leg that does not fit is
 * split, its remainder opening the next call. A plan worth {@code V} thus takes {@code ceil(V / cap)} calls, and the
 * first call always starts on the largest gaps, so executing only it already reduces drift the most it can.
 */
final class LegPlanner {

    /**
     * The outcome of planning.
     *
     * @param legs            the swaps to execute, each tagged with its call
     * @param calls           number of vault calls the plan needs
     * @param valuesAfter     values once every swap executed at snapshot prices, without cost
     * @param misplacedBefore value that has to move to reach the targets: sum of positive excesses
     * @param misplacedAfter  the same after the plan
     * @param legsDropped     legs below the minimum trade value that were left out
     * @param largestLeg      the largest leg before dropping (0 when already at target)
     */
    record Planned(
            List<Leg> legs,
            int calls,
            long[] valuesAfter,
            long misplacedBefore,
            long misplacedAfter,
            int legsDropped,
            long largestLeg) {}

    private LegPlanner() {}

    static Planned plan(PortfolioSnapshot snapshot, long nav, PolicyParams params) {
        int n = snapshot.size();
        long[] values = snapshot.values();
        long[] targetValues = new long[n];
        long[] gap = new long[n];
        for (int i = 0; i < n; i++) {
            targetValues[i] = FixedPoint.mulDivDown(snapshot.assets().get(i).targetWeight(), nav, WAD);
            gap[i] = values[i] - targetValues[i];
        }
        long misplacedBefore = positiveSum(gap);
        int[] sellers = byGapDescending(gap, 1);
        int[] buyers = byGapDescending(gap, -1);

        long cap = Math.max(1, FixedPoint.mulWadDown(nav, params.maxTradeFraction()));
        List<long[]> kept = new ArrayList<>();
        long[] after = values.clone();
        long[] sellLeft = new long[n];
        long[] buyLeft = new long[n];
        for (int i = 0; i < n; i++) {
            sellLeft[i] = Math.max(0, gap[i]);
            buyLeft[i] = Math.max(0, -gap[i]);
        }
        int dropped = 0;
        long largest = 0;
        int s = 0;
        int b = 0;
        while (s < sellers.length && b < buyers.length) {
            int seller = sellers[s];
            int buyer = buyers[b];
            long value = Math.min(sellLeft[seller], buyLeft[buyer]);
            sellLeft[seller] -= value;
            buyLeft[buyer] -= value;
            if (sellLeft[seller] == 0) s++;
            if (buyLeft[buyer] == 0) b++;
            largest = Math.max(largest, value);
            if (value < params.minTradeValue()) {
                dropped++;
                continue;
            }
            after[seller] -= value;
            after[buyer] += value;
            kept.add(new long[] {seller, buyer, value});
        }
        long[] gapAfter = new long[n];
        for (int i = 0; i < n; i++) gapAfter[i] = after[i] - targetValues[i];
        List<Leg> legs = packIntoCalls(kept, snapshot, cap, params.maxSlippage());
        int calls = legs.isEmpty() ? 0 : legs.getLast().call();
        return new Planned(legs, calls, after, misplacedBefore, positiveSum(gapAfter), dropped, largest);
    }

    /** First-fit packing of {@code {seller, buyer, value}} legs into calls of at most {@code cap} value each. */
    private static List<Leg> packIntoCalls(List<long[]> kept, PortfolioSnapshot snapshot, long cap, long slippage) {
        long total = 0;
        for (long[] leg : kept) total += leg[2];
        long calls = (total + cap - 1) / cap;
        if (calls > Integer.MAX_VALUE) throw new InvalidPolicyException("maxTradeFraction", cap, "too many calls");
        List<Leg> legs = new ArrayList<>(kept.size() + (int) Math.min(calls, 1024));
        int call = 0;
        long room = 0;
        for (long[] leg : kept) {
            Asset sell = snapshot.assets().get((int) leg[0]);
            Asset buy = snapshot.assets().get((int) leg[1]);
            long left = leg[2];
            while (left > 0) {
                if (room == 0) {
                    call++;
                    room = cap;
                }
                long value = Math.min(left, room);
                left -= value;
                room -= value;
                long minBuyValue = FixedPoint.mulWadDown(value, WAD - slippage);
                legs.add(new Leg((int) leg[0], sell.id(), (int) leg[1], buy.id(), value, sell.sellAmount(value),
                        minBuyValue, buy.rawAmountDown(minBuyValue), call, (int) calls));
            }
        }
        return legs;
    }

    private static long positiveSum(long[] gap) {
        long sum = 0;
        for (long g : gap) if (g > 0) sum += g;
        return sum;
    }

    /** Indices whose gap has the given sign, by |gap| descending, index ascending on ties (insertion sort: n is small). */
    private static int[] byGapDescending(long[] gap, int sign) {
        int count = 0;
        for (long g : gap) if (Long.signum(g) == sign) count++;
        int[] order = new int[count];
        int filled = 0;
        for (int i = 0; i < gap.length; i++) {
            if (Long.signum(gap[i]) != sign) continue;
            int j = filled++;
            while (j > 0 && Math.abs(gap[order[j - 1]]) < Math.abs(gap[i])) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        return order;
    }
}
