package dev.ballast.backtest;

import dev.ballast.venue.LegRequest;
import dev.ballast.venue.NoRouteException;
import dev.ballast.venue.Route;
import dev.ballast.venue.Router;
import dev.ballast.venue.RoutingParams;
import dev.ballast.venue.Token;
import dev.ballast.venue.VenueCurve;
import dev.ballast.venue.VenueSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Swap costs from the keeper's own routing model: each swap of value {@code x} is routed over the given venues (the
 * best venue, or a split when it beats that venue after the extra swap's gas), with the same fee and impact curves the
 * keeper prices real venues with (constant product, weighted, concentrated liquidity). So a fund can compare, say,
 * {@code v3:5:2e9:2} against {@code balancer:30:4e7:80/20} before it deploys.
 *
 * <p>The venues' liquidity is fixed in numeraire terms for the whole run, every swap meets venues restored by
 * arbitrage since the last one (as {@link CostModel}'s pool does), and the pair's first token is the one sold (which
 * side of an 80/20 pool a swap sells matters). The gas of a split's extra swaps is counted in the impact (the policy
 * already pays one swap's gas per leg).
 */
public final class VenueCosts {
    private static final Token SOLD = new Token("sold", 18, BigDecimal.ONE);
    private static final Token BOUGHT = new Token("bought", 18, BigDecimal.ONE);
    /** Swaps are priced at three significant digits of their value: costs are smooth, backtests make many swaps. */
    private static final int DIGITS = 3;

    private final List<VenueSpec> venues;
    private final List<VenueCurve> curves;
    private final Map<String, VenueSpec> byName = new HashMap<>();
    private final BigDecimal gasValuePerUnit;
    private final Map<Double, double[]> memo = new ConcurrentHashMap<>();

    /**
     * @param gasValuePerUnit numeraire per gas unit that decides whether a split pays for its extra swap
     */
    public VenueCosts(List<VenueSpec> venues, double gasValuePerUnit) {
        if (venues == null || venues.isEmpty()) throw new IllegalArgumentException("venues: at least one is required");
        if (!(gasValuePerUnit >= 0)) throw new IllegalArgumentException("gasValuePerUnit must be >= 0: " + gasValuePerUnit);
        // two venues of one kind and fee (two V2 pairs) are told apart by number
        List<VenueSpec> named = new ArrayList<>();
        for (VenueSpec v : venues) {
            String name = v.name();
            for (int k = 2; byName.containsKey(name); k++) name = v.name() + " #" + k;
            VenueSpec unique = new VenueSpec(name, v.kind(), v.feePips(), v.liquidity(), v.weightFirst(), v.rangePct(), v.gasPerSwap());
            byName.put(name, unique);
            named.add(unique);
        }
        this.venues = List.copyOf(named);
        this.curves = named.stream().map(v -> v.curve(SOLD, BOUGHT, true)).toList();
        this.gasValuePerUnit = BigDecimal.valueOf(gasValuePerUnit);
    }

    public List<VenueSpec> venues() {
        return venues;
    }

    /** Fee of a swap of value {@code x}: each venue's fee on the part it fills. */
    public double fee(double x) {
        return costs(x)[0];
    }

    /** Price impact (plus a split's extra swap gas) of a swap of value {@code x}. */
    public double impact(double x) {
        return costs(x)[1];
    }

    private double[] costs(double x) {
        if (!(x > 0)) return new double[] {0, 0};
        double key = new BigDecimal(x).round(new MathContext(DIGITS)).doubleValue();
        return memo.computeIfAbsent(key, this::route);
    }

    private double[] route(double x) {
        BigInteger in = SOLD.raw(BigDecimal.valueOf(x));
        if (in.signum() == 0) return new double[] {0, 0};
        LegRequest leg = new LegRequest("sold", "bought", in, in, gasValuePerUnit.movePointRight(18));
        Route r;
        try {
            r = Router.decide(leg, curves, new RoutingParams(0, 1, 0, Math.min(3, curves.size())));
        } catch (NoRouteException e) {
            throw new IllegalArgumentException("a swap of " + x + " is too large for every venue (" + e.getMessage() + ")");
        }
        double sold = in.doubleValue() / 1e18;
        double fee = 0;
        long gas = 0;
        long largestGas = 0;
        BigInteger largest = BigInteger.ZERO;
        for (Route.Fill f : r.fills()) {
            VenueSpec v = byName.get(f.venue());
            fee += f.amountIn().doubleValue() / 1e18 * v.feePips() / 1e6;
            gas += v.gasPerSwap();
            if (f.amountIn().compareTo(largest) > 0) {
                largest = f.amountIn();
                largestGas = v.gasPerSwap();
            }
        }
        double extraGas = gasValuePerUnit.doubleValue() * (gas - largestGas);
        double impact = Math.max(0, sold - r.expectedOut().doubleValue() / 1e18 - fee) + extraGas;
        return new double[] {fee, impact};
    }
}
