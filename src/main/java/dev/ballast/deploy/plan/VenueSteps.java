package dev.ballast.deploy.plan;

import dev.ballast.deploy.plan.DeploymentSpec.BalancerPool;
import dev.ballast.deploy.plan.DeploymentSpec.BallastPool;
import dev.ballast.deploy.plan.DeploymentSpec.MultiHop;
import dev.ballast.deploy.plan.DeploymentSpec.UniswapV2Pair;
import dev.ballast.deploy.plan.DeploymentSpec.UniswapV3Pool;
import dev.ballast.deploy.plan.DeploymentSpec.Venue;
import dev.ballast.deploy.venues.BalancerV2VenueAdapter;
import dev.ballast.deploy.venues.MultiHopVenueAdapter;
import dev.ballast.deploy.venues.UniswapV2VenueAdapter;
import dev.ballast.deploy.venues.UniswapV3TwapSourceAdapter;
import dev.ballast.deploy.venues.UniswapV3VenueAdapter;
import dev.ballast.deploy.venues.VenueAdapter;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.utils.Numeric;

/**
 * The steps of the {@code venues:} section: per entry, the existing protocol contract checked to answer like its kind
 * (a V3 pool's fee tier, a V2 pair's reserves, a Balancer pool id registered in the named Vault), then its adapter
 * deployed. Multi-hop routes come after the venues they chain. Item ids: {@code venues.<name>} (the adapter) and
 * {@code venues.<name>.target} (the protocol contract); a ballast entry is the {@code venue.<pool>} of its pool.
 */
final class VenueSteps {
    private static final Set<Long> V3_FEES = Set.of(100L, 500L, 3000L, 10_000L);

    private VenueSteps() {}

    /** Adds the steps; returns each venue name's item id (what a vault's allow-list change needs). */
    static Map<String, String> add(List<Venue> venues, List<Step> steps) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (Venue v : venues) {
            if (v.target() instanceof BallastPool b) ids.put(v.name(), "venue." + b.pool());
            else ids.put(v.name(), "venues." + v.name());
        }
        List<Venue> ordered = new ArrayList<>(venues.stream().filter(v -> !(v.target() instanceof MultiHop)).toList());
        ordered.addAll(venues.stream().filter(v -> v.target() instanceof MultiHop).toList());
        for (Venue v : ordered) {
            String id = ids.get(v.name());
            String key = "venues[" + venues.indexOf(v) + "]";
            switch (v.target()) {
                case BallastPool b -> { /* the pool's WeightedPoolVenue step, added with the vaults' venues */ }
                case UniswapV2Pair p -> {
                    steps.add(new ExistingStep(id + ".target", "Uniswap V2 pair", p.pair(), key + ".address", VenueSteps::v2Pair));
                    steps.add(adapter(id, key, v, c -> new UniswapV2VenueAdapter(c.require(id + ".target"))));
                }
                case UniswapV3Pool p -> {
                    steps.add(new ExistingStep(id + ".target", "Uniswap V3 pool", p.pool(), key + ".address", VenueSteps::v3Pool));
                    steps.add(adapter(id, key, v, c -> new UniswapV3VenueAdapter(c.require(id + ".target"))));
                }
                case BalancerPool p -> {
                    steps.add(new ExistingStep(id + ".target", "Balancer V2 Vault holding pool " + p.poolId(), p.vault(),
                            key + ".vault", (c, vault) -> balancerPool(c, vault, p.poolId())));
                    steps.add(adapter(id, key, v, c -> new BalancerV2VenueAdapter(c.require(id + ".target"), p.poolId())));
                }
                case MultiHop m -> steps.add(adapter(id, key, v, c -> new MultiHopVenueAdapter(c.require(ids.get(m.first())),
                        c.require(ids.get(m.second())), c.require("token." + m.mid()))));
            }
        }
        return ids;
    }

    /** The UniswapV3TwapSource of {@code token} over a univ3 venue's pool (verified by that venue's target step). */
    static Step v3TwapSource(String id, String token, DeploymentSpec.UniswapV3TwapSource v3) {
        String poolId = "venues." + v3.venue() + ".target";
        Map<String, String> spec = new LinkedHashMap<>();
        spec.put("venue", v3.venue());
        spec.put("window", Long.toString(v3.window()));
        spec.put("quoteFeed", v3.quoteFeed().orElse("none"));
        return new ContractStep(id, "UniswapV3TwapSource", token + " from " + v3.venue() + " over " + v3.window() + " s", spec,
                GasFigures.VENUE_ADAPTER,
                c -> new UniswapV3TwapSourceAdapter(c.require(poolId), c.require("token." + token), v3.window(),
                        v3.quoteFeed().map(q -> c.require("adapter." + q)).orElse(Address.DEFAULT.getValue())).creationData(),
                (c, a) -> Abi.sameAddress(Abi.word(c.chain.call(a, Abi.call("asset")), 0), c.require("token." + token)), null);
    }

    private static String contract(Venue v) {
        return switch (v.target()) {
            case BallastPool b -> "WeightedPoolVenue";
            case UniswapV2Pair p -> "UniswapV2Venue";
            case UniswapV3Pool p -> "UniswapV3Venue";
            case BalancerPool p -> "BalancerV2Venue";
            case MultiHop m -> "MultiHopVenue";
        };
    }

    private static Step adapter(String id, String key, Venue v, Function<Context, VenueAdapter> adapter) {
        Map<String, String> spec = new LinkedHashMap<>();
        spec.put("kind", contract(v));
        spec.put("target", v.target().toString());
        return new ContractStep(id, contract(v), "for " + key + " (" + v.name() + ")", spec, GasFigures.VENUE_ADAPTER,
                c -> adapter.apply(c).creationData(),
                // every IVenue answers how much TWAP history it guarantees (0 = spot-only)
                (c, a) -> Abi.word(c.chain.call(a, Abi.call("guaranteedWindow")), 0).isPresent(), null);
    }

    private static Optional<String> v2Pair(Context c, String pair) throws IOException {
        if (Abi.word(c.chain.call(pair, Abi.call("getReserves")), 2).isEmpty()) return Optional.of("no getReserves()");
        if (Abi.word(c.chain.call(pair, Abi.call("price0CumulativeLast")), 0).isEmpty()) return Optional.of("no price0CumulativeLast()");
        return Optional.empty();
    }

    private static Optional<String> v3Pool(Context c, String pool) throws IOException {
        Optional<BigInteger> fee = Abi.word(c.chain.call(pool, Abi.call("fee")), 0);
        if (fee.isEmpty()) return Optional.of("no fee()");
        if (!V3_FEES.contains(fee.get().longValue())) return Optional.of("fee() = " + fee.get() + ", not a Uniswap V3 fee tier");
        if (Abi.word(c.chain.call(pool, Abi.call("slot0")), 1).isEmpty()) return Optional.of("no slot0()");
        return Optional.empty();
    }

    /** Vault.getPool(poolId) reverts for an unregistered id; it returns the pool address the id starts with. */
    private static Optional<String> balancerPool(Context c, String vault, String poolId) throws IOException {
        Optional<BigInteger> pool = Abi.word(c.chain.call(vault, Abi.call("getPool", new Bytes32(Numeric.hexStringToByteArray(poolId)))), 0);
        if (pool.isEmpty()) return Optional.of("getPool(" + poolId + ") reverts: no such pool registered in this Vault");
        if (!Abi.sameAddress(pool, "0x" + Numeric.cleanHexPrefix(poolId).substring(0, 40))) {
            return Optional.of("getPool(" + poolId + ") returned another address");
        }
        if (Abi.word(c.chain.call(Abi.toAddress(pool.get()), Abi.call("getNormalizedWeights")), 0).isEmpty()) {
            return Optional.of("pool " + Abi.toAddress(pool.get()) + " is not a weighted pool (no getNormalizedWeights())");
        }
        return Optional.empty();
    }
}
