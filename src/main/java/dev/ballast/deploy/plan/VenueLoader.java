package dev.ballast.deploy.plan;

import dev.ballast.config.ConfigProblem;
import dev.ballast.config.YamlTree.MapNode;
import dev.ballast.config.YamlTree.Node;
import dev.ballast.config.YamlTree.Scalar;
import dev.ballast.deploy.plan.DeploymentSpec.BalancerPool;
import dev.ballast.deploy.plan.DeploymentSpec.BallastPool;
import dev.ballast.deploy.plan.DeploymentSpec.MultiHop;
import dev.ballast.deploy.plan.DeploymentSpec.UniswapV2Pair;
import dev.ballast.deploy.plan.DeploymentSpec.UniswapV3Pool;
import dev.ballast.deploy.plan.DeploymentSpec.Venue;
import dev.ballast.deploy.plan.DeploymentSpec.VenueTarget;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code venues:} section: venue adapters over existing Uniswap V2 pairs, Uniswap V3 pools, Balancer V2 pools (by
 * pool id), this file's Ballast pools, and two-hop routes through a middle token. Which keys an entry may have
 * depends on its kind, so a key of another kind (a poolId on a univ3 entry) is an unknown key, not silently ignored.
 */
final class VenueLoader {
    static final List<String> KINDS = List.of("ballast", "univ2", "univ3", "balancer", "multihop");
    private static final Map<String, Set<String>> KEYS = Map.of(
            "ballast", Set.of("name", "kind", "pool"),
            "univ2", Set.of("name", "kind", "address"),
            "univ3", Set.of("name", "kind", "address"),
            "balancer", Set.of("name", "kind", "vault", "poolId"),
            "multihop", Set.of("name", "kind", "first", "second", "mid"));
    private static final Set<String> ANY_KIND = Set.of("name", "kind", "pool", "address", "vault", "poolId", "first", "second", "mid");
    private static final Pattern BYTES32 = Pattern.compile("0x[0-9a-fA-F]{64}");

    private final List<ConfigProblem> problems;

    VenueLoader(List<ConfigProblem> problems) {
        this.problems = problems;
    }

    /**
     * Whether {@code text} is shaped like a Balancer V2 pool id: pool address (20 bytes, not zero), specialization
     * (2 bytes: 0 general, 1 minimal swap info, 2 two-token) and a registration nonce (10 bytes, small in practice). A
     * random 32-byte private key passes with odds below 2^-60, so such a value under {@code poolId} is not taken for
     * a leaked key.
     */
    static boolean isPoolId(String text) {
        if (text == null || !BYTES32.matcher(text.strip()).matches()) return false;
        String hex = text.strip().substring(2);
        BigInteger address = new BigInteger(hex.substring(0, 40), 16);
        int specialization = Integer.parseInt(hex.substring(40, 44), 16);
        BigInteger nonce = new BigInteger(hex.substring(44), 16);
        return address.signum() > 0 && specialization <= 2 && nonce.bitLength() <= 32;
    }

    Map<String, Venue> venues(Fields root, Set<String> tokens, Set<String> pools) {
        List<Node> nodes = root.list("venues", 0, 32);
        // names and kinds first: a multihop leg may name an entry further down the list
        Map<String, String> kinds = new LinkedHashMap<>();
        for (Node node : nodes) {
            String name = scalar(node, "name");
            String kind = kindOf(node);
            if (name != null && kind != null) kinds.putIfAbsent(name, kind);
        }
        Map<String, Venue> out = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            String kind = kindOf(nodes.get(i));
            Fields v = Fields.of(problems, "venues[" + i + "]", nodes.get(i), kind == null ? ANY_KIND : KEYS.get(kind));
            String name = v.required("name", SpecValues.name());
            v.required("kind", s -> {
                if (!KINDS.contains(s.toLowerCase(Locale.ROOT))) throw new IllegalArgumentException("must be one of " + String.join(", ", KINDS));
                return s;
            });
            if (kind == null) continue;
            VenueTarget target = switch (kind) {
                case "ballast" -> new BallastPool(v.required("pool", ref(pools, "pools")));
                case "univ2" -> new UniswapV2Pair(v.required("address", SpecValues.address()));
                case "univ3" -> new UniswapV3Pool(v.required("address", SpecValues.address()));
                case "balancer" -> new BalancerPool(v.required("vault", SpecValues.address()), poolId(v));
                default -> multiHop(v, kinds, tokens);
            };
            if (name != null && out.putIfAbsent(name, new Venue(name, target)) != null) v.problem("name", name, "is used twice in venues");
        }
        return out;
    }

    /** A {@code v3twap:} price source: a univ3 venue's pool, a window, and the feed pricing the pool's other token. */
    static DeploymentSpec.UniswapV3TwapSource v3TwapSource(Fields t, Set<String> feeds, Map<String, Venue> venues) {
        String venue = t.required("venue", s -> {
            Venue v = venues.get(s);
            if (v == null) throw new IllegalArgumentException("names no entry of venues (known: " + venues.keySet() + ")");
            if (!(v.target() instanceof UniswapV3Pool)) throw new IllegalArgumentException("is not a univ3 venue");
            return s;
        });
        Long window = t.required("window", SpecValues.seconds(300, 7 * 86_400));
        String quote = t.has("quoteFeed") ? t.required("quoteFeed", ref(feeds, "feeds")) : null;
        return new DeploymentSpec.UniswapV3TwapSource(venue, window == null ? 0 : window, Optional.ofNullable(quote));
    }

    private MultiHop multiHop(Fields v, Map<String, String> kinds, Set<String> tokens) {
        String first = v.required("first", leg(kinds));
        String second = v.required("second", leg(kinds));
        String mid = v.required("mid", ref(tokens, "tokens"));
        if (first != null && first.equals(second)) v.problem("second", second, "is the same venue as first: a two-hop route needs two venues");
        return new MultiHop(first, second, mid);
    }

    /** The entry's kind, lower-cased, or null when missing or unknown (the kind key's own check reports that). */
    private static String kindOf(Node node) {
        String kind = scalar(node, "kind");
        if (kind == null) return null;
        kind = kind.toLowerCase(Locale.ROOT);
        return KINDS.contains(kind) ? kind : null;
    }

    private static String scalar(Node node, String key) {
        if (!(node instanceof MapNode m)) return null;
        return m.entries().get(key) instanceof Scalar s && s.text() != null ? s.text().strip() : null;
    }

    /** Read from the node itself: a pool id is 64 hex digits, which the generic reader treats as a possible key. */
    private String poolId(Fields v) {
        Node n = v.node("poolId");
        if (n == null || n instanceof Scalar s && s.text() == null) {
            v.problem("poolId", null, "is required: the pool's id in the Balancer Vault (0x + 64 hex digits; the"
                    + " pool's getPoolId())");
            return null;
        }
        if (!(n instanceof Scalar s) || !isPoolId(s.text())) {
            v.problem("poolId", null, "must be a Balancer V2 pool id: 0x + 64 hex digits = pool address (20 bytes),"
                    + " specialization 0..2 (2 bytes), nonce (10 bytes); read it with the pool's getPoolId()");
            return null;
        }
        return s.text().strip().toLowerCase(Locale.ROOT);
    }

    /** A venue of this list that is not itself a two-hop route (a route of routes would hide its real path). */
    private static Fields.Parser<String> leg(Map<String, String> kinds) {
        return s -> {
            String kind = kinds.get(s);
            if (kind == null) throw new IllegalArgumentException("names no entry of venues (known: " + kinds.keySet() + ")");
            if (kind.equals("multihop")) throw new IllegalArgumentException("is itself a multihop venue: each leg must be a direct venue");
            return s;
        };
    }

    private static Fields.Parser<String> ref(Set<String> known, String section) {
        return s -> {
            if (!known.contains(s)) throw new IllegalArgumentException("names no entry of " + section + " (known: " + known + ")");
            return s;
        };
    }
}
