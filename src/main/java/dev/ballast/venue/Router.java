package dev.ballast.venue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Best execution for one leg across the venues that can trade its pair. Value is output net of the gas of each venue
 * call at the current gas price: a split is taken only when it gives more than the best single venue after its extra
 * swaps' gas, and a leg whose impact at once is above {@link RoutingParams#sliceImpactBps()} is cut into the fewest
 * equal slices that bring each slice under the bound (each slice one vault call, paying that call's gas).
 *
 * <p>Splits are found by water-filling: the leg is handed out in chunks to whichever venue pays most for the next
 * chunk, then refined by moving ever smaller amounts between venues while that pays more. The curves are concave
 * (output per unit falls with size), so this converges to the allocation that equalises marginal prices. Every venue
 * subset up to {@code maxSplitVenues} is tried, so a venue whose share does not pay for its own gas is left out.
 */
public final class Router {
    private static final int CHUNKS = 32;
    private static final int REFINE_HALVINGS = 24;

    private Router() {}

    /** The route the keeper takes: the best of single and split, sliced when the impact bound asks for it. */
    public static Route decide(LegRequest leg, List<VenueCurve> curves, RoutingParams params) {
        Route atOnce = best(leg, curves, params);
        if (params.sliceImpactBps() == 0 || params.maxSlices() == 1
                || atOnce.impactBps().compareTo(BigDecimal.valueOf(params.sliceImpactBps())) <= 0) {
            return atOnce;
        }
        Route sliced = atOnce;
        for (int n = 2; n <= params.maxSlices(); n++) {
            sliced = sliced(leg, curves, params, n);
            Route first = best(leg.withAmountIn(sliced.sliceAmountIn()), curves, params);
            if (first.impactBps().compareTo(BigDecimal.valueOf(params.sliceImpactBps())) <= 0) return sliced;
        }
        return sliced; // the bound cannot be met within maxSlices: the most slices allowed
    }

    /** The better of the best single venue and the best split, all at once. */
    public static Route best(LegRequest leg, List<VenueCurve> curves, RoutingParams params) {
        Route single = single(leg, curves);
        if (params.maxSplitVenues() < 2 || curves.size() < 2) return single;
        Optional<Route> split = split(leg, curves, params.maxSplitVenues());
        return split.filter(s -> s.netOut().compareTo(single.netOut()) > 0).orElse(single);
    }

    /** The one venue paying most after its swap's gas. */
    public static Route single(LegRequest leg, List<VenueCurve> curves) {
        if (curves.isEmpty()) throw new IllegalArgumentException("no venue quotes " + leg.tokenIn() + " -> " + leg.tokenOut());
        Route best = null;
        for (VenueCurve c : curves) {
            Optional<BigInteger> out = c.amountOut(leg.amountIn());
            if (out.isEmpty()) continue;
            Route r = route(Route.Kind.SINGLE, leg, List.of(new Route.Fill(c.venue(), c.kind(), leg.amountIn(), out.get())),
                    1, out.get(), leg.gasCost(c.gasPerSwap()), curves);
            if (best == null || r.netOut().compareTo(best.netOut()) > 0) best = r;
        }
        if (best == null) {
            throw new NoRouteException("no venue can fill " + leg.amountIn() + " " + leg.tokenIn() + " -> " + leg.tokenOut()
                    + " at once (ratio limits or liquidity)");
        }
        return best;
    }

    /** The best split across two or more venues (empty with fewer than two curves). */
    public static Optional<Route> split(LegRequest leg, List<VenueCurve> curves, int maxVenues) {
        Route best = null;
        int n = curves.size();
        for (int mask = 1; mask < (1 << n); mask++) {
            int size = Integer.bitCount(mask);
            if (size < 2 || size > maxVenues) continue;
            List<VenueCurve> subset = new ArrayList<>();
            for (int i = 0; i < n; i++) if ((mask & (1 << i)) != 0) subset.add(curves.get(i));
            Optional<Route> r = waterFill(leg, subset, curves);
            if (r.isPresent() && (best == null || r.get().netOut().compareTo(best.netOut()) > 0)) best = r.get();
        }
        return Optional.ofNullable(best);
    }

    /** The leg in {@code n} equal slices, each routed as {@link #best} does (the last takes the rounding remainder). */
    public static Route sliced(LegRequest leg, List<VenueCurve> curves, RoutingParams params, int n) {
        BigInteger size = leg.amountIn().divide(BigInteger.valueOf(n));
        if (size.signum() == 0) throw new IllegalArgumentException("amountIn " + leg.amountIn() + " cannot be cut into " + n + " slices");
        Route first = best(leg.withAmountIn(size), curves, params);
        BigInteger last = leg.amountIn().subtract(size.multiply(BigInteger.valueOf(n - 1)));
        Route tail = last.equals(size) ? first : best(leg.withAmountIn(last), curves, params);
        BigInteger out = first.expectedOut().multiply(BigInteger.valueOf(n - 1)).add(tail.expectedOut());
        BigInteger gas = first.gasCostOut().multiply(BigInteger.valueOf(n - 1)).add(tail.gasCostOut())
                .add(leg.gasCost(params.gasPerCall() * (n - 1)));
        return new Route(Route.Kind.SLICED, first.fills(), n, leg.amountIn(), out, gas, leg.oracleOut(), first.impactBps());
    }

    private static Optional<Route> waterFill(LegRequest leg, List<VenueCurve> subset, List<VenueCurve> all) {
        int k = subset.size();
        Quotes quotes = new Quotes(subset);
        BigInteger[] alloc = new BigInteger[k];
        Arrays.fill(alloc, BigInteger.ZERO);
        BigInteger chunk = leg.amountIn().divide(BigInteger.valueOf(CHUNKS));
        if (chunk.signum() == 0) return Optional.empty();
        BigInteger left = leg.amountIn();
        while (left.signum() > 0) {
            BigInteger piece = left.min(chunk);
            if (left.subtract(piece).compareTo(chunk) < 0) piece = left; // the rounding remainder goes with the last chunk
            int bestVenue = -1;
            BigInteger bestGain = null;
            for (int i = 0; i < k; i++) {
                Optional<BigInteger> gain = quotes.gain(i, alloc[i], piece);
                if (gain.isPresent() && (bestGain == null || gain.get().compareTo(bestGain) > 0)) {
                    bestGain = gain.get();
                    bestVenue = i;
                }
            }
            if (bestVenue < 0) return Optional.empty();
            alloc[bestVenue] = alloc[bestVenue].add(piece);
            left = left.subtract(piece);
        }
        BigInteger step = chunk;
        for (int h = 0; h < REFINE_HALVINGS && step.signum() > 0; h++, step = step.shiftRight(1)) {
            boolean moved = true;
            while (moved) {
                moved = false;
                for (int from = 0; from < k; from++) {
                    for (int to = 0; to < k; to++) {
                        if (from == to || alloc[from].compareTo(step) < 0) continue;
                        Optional<BigInteger> lose = quotes.gain(from, alloc[from].subtract(step), step);
                        Optional<BigInteger> gain = quotes.gain(to, alloc[to], step);
                        if (lose.isPresent() && gain.isPresent() && gain.get().compareTo(lose.get()) > 0) {
                            alloc[from] = alloc[from].subtract(step);
                            alloc[to] = alloc[to].add(step);
                            moved = true;
                        }
                    }
                }
            }
        }
        List<Route.Fill> fills = new ArrayList<>();
        BigInteger out = BigInteger.ZERO;
        long gas = 0;
        for (int i = 0; i < k; i++) {
            if (alloc[i].signum() == 0) continue;
            BigInteger o = quotes.out(i, alloc[i]).orElseThrow();
            fills.add(new Route.Fill(subset.get(i).venue(), subset.get(i).kind(), alloc[i], o));
            out = out.add(o);
            gas += subset.get(i).gasPerSwap();
        }
        if (fills.size() < 2) return Optional.empty(); // water-filling left a single venue: that is not a split
        return Optional.of(route(Route.Kind.SPLIT, leg, fills, 1, out, leg.gasCost(gas), all));
    }

    private static Route route(Route.Kind kind, LegRequest leg, List<Route.Fill> fills, int slices, BigInteger out,
            BigInteger gas, List<VenueCurve> all) {
        return new Route(kind, fills, slices, leg.amountIn(), out, gas, leg.oracleOut(), impactBps(leg.amountIn(), out, all));
    }

    /** 1 − out / (amountIn × the best marginal rate of any venue), in bps: what size cost beyond the fee. */
    static BigDecimal impactBps(BigInteger amountIn, BigInteger out, List<VenueCurve> all) {
        BigDecimal rate = all.stream().map(VenueCurve::marginalRate).max(BigDecimal::compareTo).orElseThrow();
        BigDecimal ideal = new BigDecimal(amountIn).multiply(rate, BigMath.MC);
        return BigDecimal.ONE.subtract(new BigDecimal(out).divide(ideal, BigMath.MC)).multiply(BigDecimal.valueOf(10_000))
                .setScale(6, RoundingMode.HALF_UP);
    }

    /** Memoised amounts out per venue: water-filling asks for the same allocations many times. */
    private static final class Quotes {
        private final List<VenueCurve> curves;
        private final List<Map<BigInteger, Optional<BigInteger>>> memo = new ArrayList<>();

        Quotes(List<VenueCurve> curves) {
            this.curves = curves;
            for (int i = 0; i < curves.size(); i++) memo.add(new HashMap<>());
        }

        Optional<BigInteger> out(int i, BigInteger amountIn) {
            if (amountIn.signum() == 0) return Optional.of(BigInteger.ZERO);
            return memo.get(i).computeIfAbsent(amountIn, a -> curves.get(i).amountOut(a));
        }

        /** What {@code more} adds on venue i on top of {@code at} (empty when the venue cannot take it). */
        Optional<BigInteger> gain(int i, BigInteger at, BigInteger more) {
            Optional<BigInteger> base = out(i, at);
            Optional<BigInteger> after = out(i, at.add(more));
            if (base.isEmpty() || after.isEmpty()) return Optional.empty();
            return Optional.of(after.get().subtract(base.get()));
        }
    }
}
