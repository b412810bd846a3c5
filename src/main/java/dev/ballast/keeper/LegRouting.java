package dev.ballast.keeper;

import dev.ballast.chain.AssetState;
import dev.ballast.chain.PoolState;
import dev.ballast.chain.VaultReader;
import dev.ballast.chain.VaultState;
import dev.ballast.policy.GasQuote;
import dev.ballast.policy.Leg;
import dev.ballast.venue.LegRequest;
import dev.ballast.venue.NoRouteException;
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
 * vault's venues, modelled from their state at the decision's block. Today a vault trades through one venue, its
 * Ballast pool's WeightedPoolVenue, whose curve is the pool's own weighted formula over its balances, weights and fee.
 *
 * <p>Reads: the vaults' pools are part of the keeper's one lens read per block ({@link #poolQueries}), so routing adds
 * no eth_call, only the pools' views to that call. A leg
 * that cannot be routed (its pool unreadable, above the pool's 30% ratio limit) is sent as planned and says why: the
 * vault's own min-out stays the guard, so routing can only add information or cut a leg into slices, never remove a
 * check.
 */
public final class LegRouting {
    private static final BigInteger E8 = BigInteger.TEN.pow(8);
    private static final long POOL_READ_WINDOW = 1; // only balances, weights and fee are used, not the pool's TWAP

    private final RoutingParams params;
    private final long gasPerSwap;
    private Map<String, PoolState> pools = Map.of();
    private long block;

    public LegRouting(RoutingParams params, long gasPerSwap) {
        this.params = params;
        this.gasPerSwap = gasPerSwap;
    }

    /** The pools the keeper's block read must include for {@code vaults} (their venues' state). */
    static List<VaultReader.PoolQuery> poolQueries(List<ManagedVault> vaults) {
        Set<String> seen = new LinkedHashSet<>();
        for (ManagedVault v : vaults) if (v.pool() != null) seen.add(v.pool().toLowerCase(Locale.ROOT));
        return seen.stream().map(p -> new VaultReader.PoolQuery(p, POOL_READ_WINDOW)).toList();
    }

    /** The legs as routed (a sliced leg sells its first slice) and one line per leg saying how and why. */
    public record Routed(List<Leg> legs, List<Optional<Route>> routes, String summary) {}

    /** Starts a round of decisions with the pools read at its block (in the same lens call as the vaults). */
    void startRound(long block, List<PoolState> read) {
        Map<String, PoolState> byAddress = new HashMap<>();
        for (PoolState p : read) byAddress.put(p.address().toLowerCase(Locale.ROOT), p);
        this.pools = byAddress;
        this.block = block;
    }

    Routed route(ManagedVault vault, VaultState state, List<Leg> legs, GasQuote gas) {
        List<Leg> out = new ArrayList<>();
        List<Optional<Route>> routes = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        // the legs of one call run one after another on the same pool: each is routed on the pool the earlier ones left
        Map<String, BigInteger> moved = new HashMap<>();
        for (int i = 0; i < legs.size(); i++) {
            Leg leg = legs.get(i);
            Optional<Route> route;
            String line;
            try {
                route = Optional.of(routeLeg(vault, state, leg, gas, moved));
                line = route.get().describe();
                for (Route.Fill f : route.get().fills()) {
                    if (!f.venue().equalsIgnoreCase(vault.venue())) continue;
                    moved.merge(key(leg.sellAsset()), f.amountIn(), BigInteger::add);
                    moved.merge(key(leg.buyAsset()), f.expectedOut().negate(), BigInteger::add);
                }
            } catch (NoRouteException | IllegalArgumentException | IllegalStateException e) {
                route = Optional.empty();
                line = "not routed (" + e.getMessage() + "); sent as planned under the vault's min-out";
            }
            routes.add(route);
            out.add(route.filter(r -> r.kind() == Route.Kind.SLICED).map(r -> slice(leg, r)).orElse(leg));
            lines.add("leg " + (i + 1) + " " + leg.sellAsset() + "->" + leg.buyAsset() + ": " + line);
        }
        return new Routed(out, routes, "route " + String.join("; ", lines));
    }

    private Route routeLeg(ManagedVault vault, VaultState state, Leg leg, GasQuote gas, Map<String, BigInteger> moved) {
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
        return Router.decide(request, curves(vault, in, outAsset, moved), params);
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

    /** The leg cut to the route's first slice: the vault's min-out is recomputed on chain for what is sold. */
    private static Leg slice(Leg leg, Route r) {
        BigInteger amount = r.sliceAmountIn();
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
