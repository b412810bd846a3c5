package dev.ballast.keeper;

import dev.ballast.chain.AssetState;
import dev.ballast.chain.PoolState;
import dev.ballast.chain.VaultReader;
import dev.ballast.chain.VaultState;
import dev.ballast.chain.VenueQuoteReader;
import dev.ballast.policy.GasQuote;
import dev.ballast.policy.Leg;
import dev.ballast.venue.LegRequest;
import dev.ballast.venue.NoRouteException;
import dev.ballast.venue.QuotedCurve;
import dev.ballast.venue.Route;
import dev.ballast.venue.Router;
import dev.ballast.venue.RoutingParams;
import dev.ballast.venue.VenueCurve;
import dev.ballast.venue.WeightedCurve;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Best execution in the keeper: each leg of a call it is about to send is routed by the pure {@link Router} over the
 * vault's venues at the decision's block. The Ballast pool's WeightedPoolVenue is modelled exactly from the pool's
 * balances, weights and fee; the vault's other allowed venues (Uniswap V3/V2, Balancer, multi-hop) are asked
 * {@code quoteExactIn} at a ladder of amounts for every leg, all legs and venues of the call in one eth_call
 * (VenueQuoteLens), and enter the router as {@link QuotedCurve}s. The router keeps the venue, or the split across
 * venues, that pays most after each swap's gas; every fill becomes one vault leg naming its venue.
 *
 * <p>Reads: the vaults' pools are part of the keeper's one lens read per block ({@link #poolQueries}); quotes add one
 * eth_call per vault that is about to trade. A leg that cannot be routed (its pool unreadable, above the pool's 30%
 * ratio limit, quotes failing) is sent as planned through the Ballast venue and says why: the vault's own min-out stays
 * the guard, so routing can only add information, move a leg to a better venue or cut it, never remove a check.
 */
public final class LegRouting {
    private static final BigInteger E8 = BigInteger.TEN.pow(8);
    private static final long POOL_READ_WINDOW = 1; // only balances, weights and fee are used, not the pool's TWAP
    /** Quoted points per leg and venue: k/LADDER of the leg for k = 1..LADDER (QuotedCurve interpolates between). */
    static final int LADDER = 4;

    /** Asks venues' quoteExactIn ladders at a block ({@link VenueQuoteReader#quote} on a live chain). */
    @FunctionalInterface
    public interface Quoter {
        List<List<BigInteger>> quote(long block, List<VenueQuoteReader.Request> requests);
    }

    private final RoutingParams params;
    private final long gasPerSwap;
    private final Quoter quoter;
    private Map<String, PoolState> pools = Map.of();
    private long block;
    private long lastQuoteNanos;

    /** Routing over each vault's Ballast venue alone (no quotes). */
    public LegRouting(RoutingParams params, long gasPerSwap) {
        this(params, gasPerSwap, null);
    }

    /** Routing over every venue of each vault, the quoted ones through {@code quoter} (null: the Ballast venue alone). */
    public LegRouting(RoutingParams params, long gasPerSwap, Quoter quoter) {
        this.params = params;
        this.gasPerSwap = gasPerSwap;
        this.quoter = quoter;
    }

    /** The pools the keeper's block read must include for {@code vaults} (their venues' state). */
    static List<VaultReader.PoolQuery> poolQueries(List<ManagedVault> vaults) {
        Set<String> seen = new LinkedHashSet<>();
        for (ManagedVault v : vaults) if (v.pool() != null) seen.add(v.pool().toLowerCase(Locale.ROOT));
        return seen.stream().map(p -> new VaultReader.PoolQuery(p, POOL_READ_WINDOW)).toList();
    }

    /**
     * The legs as routed, each with the venue the vault call names for it (a split leg is one leg per venue, a sliced
     * leg sells its first slice), and one line per planned leg saying how and why.
     */
    public record Routed(List<Leg> legs, List<String> venues, List<Optional<Route>> routes, String summary) {
        public Routed {
            legs = List.copyOf(legs);
            venues = List.copyOf(venues);
            routes = List.copyOf(routes);
        }

        /** The legs through {@code venue}. */
        public List<Leg> legsThrough(String venue) {
            List<Leg> out = new ArrayList<>();
            for (int i = 0; i < legs.size(); i++) if (venues.get(i).equalsIgnoreCase(venue)) out.add(legs.get(i));
            return out;
        }
    }

    /** Starts a round of decisions with the pools read at its block (in the same lens call as the vaults). */
    void startRound(long block, List<PoolState> read) {
        Map<String, PoolState> byAddress = new HashMap<>();
        for (PoolState p : read) byAddress.put(p.address().toLowerCase(Locale.ROOT), p);
        this.pools = byAddress;
        this.block = block;
    }

    /** How long the last {@link #route}'s quote read took (0 when it asked no venue): a stage of the keeper's latency. */
    long lastQuoteNanos() {
        return lastQuoteNanos;
    }

    Routed route(ManagedVault vault, VaultState state, List<Leg> legs, GasQuote gas) {
        lastQuoteNanos = 0;
        List<Leg> out = new ArrayList<>();
        List<String> venues = new ArrayList<>();
        List<Optional<Route>> routes = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        Quotes quotes = quote(vault, legs);
        if (quotes.failure() != null) lines.add("quotes of " + vault.quotedVenues().size() + " venues failed (" + quotes.failure()
                + "); routed over the Ballast venue alone");
        // the legs of one call run one after another on the same pool: each is routed on the pool the earlier ones left
        Map<String, BigInteger> moved = new HashMap<>();
        for (int i = 0; i < legs.size(); i++) {
            Leg leg = legs.get(i);
            Optional<Route> route;
            String line;
            try {
                route = Optional.of(routeLeg(vault, state, leg, gas, moved, quotes.curves().get(i)));
                line = route.get().describe();
                for (Route.Fill f : route.get().fills()) {
                    out.add(part(leg, f.amountIn()));
                    venues.add(f.venue());
                    if (!f.venue().equalsIgnoreCase(vault.venue())) continue;
                    moved.merge(key(leg.sellAsset()), f.amountIn(), BigInteger::add);
                    moved.merge(key(leg.buyAsset()), f.expectedOut().negate(), BigInteger::add);
                }
            } catch (NoRouteException | IllegalArgumentException | IllegalStateException e) {
                route = Optional.empty();
                line = "not routed (" + e.getMessage() + "); sent as planned under the vault's min-out";
                out.add(leg);
                venues.add(vault.venue());
            }
            routes.add(route);
            lines.add("leg " + (i + 1) + " " + leg.sellAsset() + "->" + leg.buyAsset() + ": " + line);
        }
        return new Routed(out, venues, routes, "route " + String.join("; ", lines));
    }

    /** Each leg's quoted curves (one per quoted venue that can fill its first point), from one eth_call. */
    private record Quotes(List<List<VenueCurve>> curves, String failure) {}

    private Quotes quote(ManagedVault vault, List<Leg> legs) {
        List<List<VenueCurve>> curves = new ArrayList<>();
        for (int i = 0; i < legs.size(); i++) curves.add(new ArrayList<>());
        if (quoter == null || vault.quotedVenues().isEmpty() || legs.isEmpty()) return new Quotes(curves, null);
        List<VenueQuoteReader.Request> requests = new ArrayList<>();
        for (Leg leg : legs) {
            List<BigInteger> ladder = new ArrayList<>();
            for (int k = 1; k <= LADDER; k++) {
                BigInteger a = leg.sellAmount().multiply(BigInteger.valueOf(k)).divide(BigInteger.valueOf(LADDER));
                if (a.signum() > 0 && (ladder.isEmpty() || a.compareTo(ladder.getLast()) > 0)) ladder.add(a);
            }
            for (String venue : vault.quotedVenues()) {
                requests.add(new VenueQuoteReader.Request(venue, leg.sellAsset(), leg.buyAsset(), ladder));
            }
        }
        List<List<BigInteger>> answers;
        long started = System.nanoTime();
        try {
            answers = quoter.quote(block, requests);
        } catch (RuntimeException e) {
            return new Quotes(curves, e.getMessage());
        } finally {
            lastQuoteNanos = System.nanoTime() - started;
        }
        int venues = vault.quotedVenues().size();
        for (int r = 0; r < requests.size(); r++) {
            VenueQuoteReader.Request q = requests.get(r);
            List<BigInteger> outs = answers.get(r);
            if (outs.getFirst().signum() == 0) continue; // the venue does not trade this pair (or cannot fill any of it)
            curves.get(r / venues).add(new QuotedCurve(q.venue(), "quoted", q.amountsIn(), outs, gasPerSwap));
        }
        return new Quotes(curves, null);
    }

    private Route routeLeg(ManagedVault vault, VaultState state, Leg leg, GasQuote gas, Map<String, BigInteger> moved,
            List<VenueCurve> quoted) {
        AssetState in = asset(state, leg.sellAsset());
        AssetState outAsset = asset(state, leg.buyAsset());
        BigInteger priceIn = in.routerPrice().price().orElseThrow(() -> new IllegalStateException("no router price for " + in.asset()));
        BigInteger priceOut = outAsset.routerPrice().price()
                .orElseThrow(() -> new IllegalStateException("no router price for " + outAsset.asset()));
        // oracle-implied out: amountIn × priceIn / priceOut, decimals converted, rounded down
        BigInteger oracleOut = leg.sellAmount().multiply(priceIn).multiply(BigInteger.TEN.pow(outAsset.decimals()))
                .divide(priceOut.multiply(BigInteger.TEN.pow(in.decimals())));
        // one gas unit in raw tokenOut: wei per gas × value units per native token / 1e18 → numeraire → tokens
        BigDecimal perGas = new BigDecimal(BigInteger.valueOf(gas.gasPriceWei()).multiply(BigInteger.valueOf(gas.nativePrice()))
                .multiply(BigInteger.TEN.pow(outAsset.decimals()))).divide(new BigDecimal(priceOut.multiply(E8)), 30, RoundingMode.HALF_UP);
        LegRequest request = new LegRequest(leg.sellAsset(), leg.buyAsset(), leg.sellAmount(), oracleOut.max(BigInteger.ONE), perGas);
        List<VenueCurve> curves = new ArrayList<>(quoted);
        try {
            curves.addAll(0, curves(vault, in, outAsset, moved));
        } catch (IllegalStateException e) {
            if (quoted.isEmpty()) throw e; // the quoted venues can still carry the leg without the Ballast pool
        }
        return Router.decide(request, curves, params);
    }

    private static String key(String asset) {
        return asset.toLowerCase(Locale.ROOT);
    }

    private List<VenueCurve> curves(ManagedVault vault, AssetState in, AssetState out, Map<String, BigInteger> moved) {
        PoolState pool = pools.get(vault.pool().toLowerCase(Locale.ROOT));
        if (pool == null) throw new IllegalStateException("pool " + vault.pool() + " was not read at block " + block);
        if (!pool.hasCode() || !pool.unreadable().isEmpty()) {
            throw new IllegalStateException("pool " + vault.pool() + " unreadable " + pool.unreadable());
        }
        PoolState.PoolTokenState tin = token(pool, in.asset());
        PoolState.PoolTokenState tout = token(pool, out.asset());
        BigInteger balanceIn = tin.balance().add(moved.getOrDefault(key(in.asset()), BigInteger.ZERO));
        BigInteger balanceOut = tout.balance().add(moved.getOrDefault(key(out.asset()), BigInteger.ZERO));
        return List.of(new WeightedCurve(vault.venue(), "ballast", balanceIn, in.decimals(), tin.weight(), balanceOut,
                out.decimals(), tout.weight(), pool.swapFee(), gasPerSwap));
    }

    /** The leg cut to {@code amount} of its input (a slice, or one venue's share): the vault recomputes its min-out. */
    private static Leg part(Leg leg, BigInteger amount) {
        if (amount.equals(leg.sellAmount())) return leg;
        long value = Math.max(1, BigInteger.valueOf(leg.value()).multiply(amount).divide(leg.sellAmount()).longValueExact());
        long minValue = BigInteger.valueOf(leg.minBuyValue()).multiply(amount).divide(leg.sellAmount()).longValueExact();
        BigInteger minAmount = leg.minBuyAmount().multiply(amount).divide(leg.sellAmount());
        return new Leg(leg.sellIndex(), leg.sellAsset(), leg.buyIndex(), leg.buyAsset(), value, amount, minValue, minAmount,
                leg.call(), leg.calls());
    }

    private static AssetState asset(VaultState state, String address) {
        return state.assets().stream().filter(a -> a.asset().equalsIgnoreCase(address)).findFirst()
                .orElseThrow(() -> new IllegalStateException("asset " + address + " not in vault " + state.address()));
    }

    private static PoolState.PoolTokenState token(PoolState pool, String address) {
        return pool.tokens().stream().filter(t -> t.token().equalsIgnoreCase(address)).findFirst()
                .orElseThrow(() -> new IllegalStateException("pool " + pool.address() + " does not hold " + address));
    }
}
