package dev.ballast.deploy.plan;

import dev.ballast.config.ConfigException;
import dev.ballast.config.ConfigProblem;
import dev.ballast.config.SignerConfig;
import dev.ballast.config.YamlTree;
import dev.ballast.config.YamlTree.ListNode;
import dev.ballast.config.YamlTree.MapNode;
import dev.ballast.config.YamlTree.Node;
import dev.ballast.config.YamlTree.Scalar;
import dev.ballast.deploy.plan.DeploymentSpec.AssetSources;
import dev.ballast.deploy.plan.DeploymentSpec.Feed;
import dev.ballast.deploy.plan.DeploymentSpec.Params;
import dev.ballast.deploy.plan.DeploymentSpec.Pool;
import dev.ballast.deploy.plan.DeploymentSpec.Router;
import dev.ballast.deploy.plan.DeploymentSpec.Source;
import dev.ballast.deploy.plan.DeploymentSpec.Token;
import dev.ballast.deploy.plan.DeploymentSpec.Vault;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and validates a deployment file. Every problem is collected and thrown together in one {@link ConfigException}
 * naming its key path (e.g. {@code vaults[0].params.band}), like the keeper config. Unknown keys are errors. Bounds
 * are the contracts' own (VaultConfig, PriceRouter, ChainlinkAdapter, PoolTwapAdapter, WeightedPool), so a file that
 * validates does not revert in a constructor for a range reason.
 */
public final class DeploymentLoader {
    private static final Set<String> ROOT = Set.of("chainId", "signer", "owner", "guardian", "confirmations", "factory",
            "tokens", "feeds", "pools", "routers", "vaults", "venues");
    private static final Set<String> SIGNER = Set.of("keystore", "passwordEnv", "privateKeyEnv");
    private static final Set<String> TOKEN = Set.of("name", "address", "mock");
    private static final Set<String> MOCK_TOKEN = Set.of("symbol", "decimals");
    private static final Set<String> FEED = Set.of("name", "asset", "address", "mock", "heartbeat", "sequencerFeed", "gracePeriod");
    private static final Set<String> MOCK_FEED = Set.of("decimals", "answer");
    private static final Set<String> POOL = Set.of("name", "lpName", "lpSymbol", "tokens", "weights", "swapFee", "seed",
            "observationCardinality");
    private static final Set<String> ROUTER = Set.of("name", "assets");
    private static final Set<String> ROUTER_ASSET = Set.of("token", "sources", "quorum", "maxDeviation");
    private static final Set<String> SOURCE = Set.of("chainlink", "twap", "v3twap");
    private static final Set<String> V3_TWAP = Set.of("venue", "window", "quoteFeed");
    private static final Set<String> TWAP = Set.of("pool", "window", "quoteFeed");
    private static final Set<String> VAULT = Set.of("name", "shareName", "shareSymbol", "router", "assets", "weights",
            "params", "venue", "venues", "timelockDelay", "keepers", "depositCap");
    private static final Set<String> PARAMS = Set.of("band", "mode", "interval", "cooldown", "maxSlippage",
            "maxTradeFraction", "twapWindow", "maxSpotTwapDeviation", "maxOracleVenueDeviation", "singleAssetFee");
    private static final List<String> MODES = List.of("band", "calendar", "band_or_calendar", "band_and_calendar");
    private static final BigInteger ONE = BigInteger.TEN.pow(18);

    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Path baseDir;
    private Long chainId;

    private DeploymentLoader(Path baseDir) {
        this.baseDir = baseDir;
    }

    public static DeploymentSpec load(Path file) {
        try {
            return parse(Files.readString(file), file.toAbsolutePath().getParent(), file.toString());
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of(new ConfigProblem("", null, "",
                    "cannot read the deployment file: " + e.getMessage())));
        }
    }

    public static DeploymentSpec parse(String yaml, Path baseDir, String source) {
        return new DeploymentLoader(baseDir).read(yaml, source);
    }

    private DeploymentSpec read(String yaml, String source) {
        Node root;
        try {
            root = YamlTree.parse(yaml, problems);
        } catch (YamlTree.SyntaxError e) {
            throw new ConfigException(source, List.of(new ConfigProblem("", null, "line " + e.line(),
                    "YAML syntax error: " + e.getMessage())));
        }
        refuseSecrets("", root);
        Fields f = Fields.of(problems, "", root, ROOT);
        chainId = f.required("chainId", SpecValues.integer(1, 4_503_599_627_370_476L));
        SignerConfig signer = signer(f.section("signer", SIGNER));
        Optional<String> owner = Optional.ofNullable(f.optional("owner", SpecValues.address(), null));
        String guardian = f.required("guardian", SpecValues.address());
        Long confirmations = f.optional("confirmations", SpecValues.integer(1, 64), 1L);
        Optional<String> factory = Optional.ofNullable(f.optional("factory", SpecValues.address(), null));
        Map<String, Token> tokens = tokens(f);
        Map<String, Feed> feeds = feeds(f, tokens);
        Map<String, Pool> pools = pools(f, tokens);
        Map<String, DeploymentSpec.Venue> venues = new VenueLoader(problems).venues(f, tokens.keySet(), pools.keySet());
        Map<String, Router> routers = routers(f, tokens, feeds, pools, venues);
        List<Vault> vaults = vaults(f, tokens, routers, pools, venues.keySet());
        if (!problems.isEmpty()) throw new ConfigException(source, problems);
        return new DeploymentSpec(chainId, signer, owner, guardian, confirmations.intValue(), factory,
                List.copyOf(tokens.values()), List.copyOf(feeds.values()), List.copyOf(pools.values()),
                List.copyOf(routers.values()), vaults, List.copyOf(venues.values()));
    }

    private void refuseSecrets(String path, Node node) {
        switch (node) {
            case MapNode m -> m.entries().forEach((k, v) -> refuseSecrets(path.isEmpty() ? k : path + "." + k, v));
            case ListNode s -> {
                for (int i = 0; i < s.items().size(); i++) refuseSecrets(path + "[" + i + "]", s.items().get(i));
            }
            case Scalar sc -> {
                // a Balancer pool id is 32 bytes too; VenueLoader.isPoolId tells its structure from a random key's
                boolean poolId = path.endsWith(".poolId") && VenueLoader.isPoolId(sc.text());
                if (sc.text() != null && SpecValues.looksSecret(sc.text()) && !poolId) {
                    problems.add(new ConfigProblem(path, "<hidden>", "line " + sc.line(), "looks like a private key; keys "
                            + "never go in the deployment file: name an environment variable in signer.privateKeyEnv"));
                }
            }
        }
    }

    private SignerConfig signer(Fields s) {
        if (s.has("keystore") == s.has("privateKeyEnv")) {
            s.problem(null, null, "set exactly one of keystore (+ passwordEnv) or privateKeyEnv");
            return null;
        }
        if (s.has("privateKeyEnv")) return new SignerConfig.PrivateKeyEnv(s.required("privateKeyEnv", SpecValues.envName()));
        Path file = s.required("keystore", text -> {
            Path p = baseDir.resolve(text).normalize();
            if (!Files.isRegularFile(p)) throw new IllegalArgumentException("keystore file " + p + " does not exist");
            return p;
        });
        return new SignerConfig.Keystore(file, s.required("passwordEnv", SpecValues.envName()));
    }

    private Map<String, Token> tokens(Fields root) {
        Map<String, Token> out = new LinkedHashMap<>();
        List<Node> nodes = root.list("tokens", 2, 64);
        for (int i = 0; i < nodes.size(); i++) {
            Fields t = Fields.of(problems, "tokens[" + i + "]", nodes.get(i), TOKEN);
            String name = t.required("name", SpecValues.name());
            Optional<DeploymentSpec.MockToken> mock = Optional.empty();
            if (t.has("mock")) {
                Fields m = t.section("mock", MOCK_TOKEN);
                String symbol = m.required("symbol", SpecValues.text(16));
                Long decimals = m.required("decimals", SpecValues.integer(0, 18));
                mock = Optional.of(new DeploymentSpec.MockToken(symbol, decimals == null ? 18 : decimals.intValue()));
                devOnly(t, "mock", "mock tokens");
            }
            Optional<String> address = Optional.ofNullable(t.optional("address", SpecValues.address(), null));
            if (t.has("mock") == t.has("address")) t.problem(null, null, "set exactly one of address (an existing token) or mock");
            unique(out, name, t, new Token(name, address, mock));
        }
        return out;
    }

    private Map<String, Feed> feeds(Fields root, Map<String, Token> tokens) {
        Map<String, Feed> out = new LinkedHashMap<>();
        List<Node> nodes = root.list("feeds", 0, 64);
        for (int i = 0; i < nodes.size(); i++) {
            Fields t = Fields.of(problems, "feeds[" + i + "]", nodes.get(i), FEED);
            String name = t.required("name", SpecValues.name());
            String asset = ref(t, "asset", tokens.keySet(), "tokens");
            Optional<DeploymentSpec.MockFeed> mock = Optional.empty();
            if (t.has("mock")) {
                Fields m = t.section("mock", MOCK_FEED);
                Long decimals = m.required("decimals", SpecValues.integer(0, 18));
                BigDecimal answer = m.required("answer", SpecValues.positiveDecimal());
                if (decimals != null && answer != null && answer.stripTrailingZeros().scale() > decimals) {
                    m.problem("answer", answer.toPlainString(), "has more decimals than the feed (" + decimals + ")");
                }
                mock = Optional.of(new DeploymentSpec.MockFeed(decimals == null ? 8 : decimals.intValue(), answer));
                devOnly(t, "mock", "mock feeds");
            }
            Optional<String> address = Optional.ofNullable(t.optional("address", SpecValues.address(), null));
            if (t.has("mock") == t.has("address")) t.problem(null, null, "set exactly one of address (an existing feed) or mock");
            Long heartbeat = t.required("heartbeat", SpecValues.seconds(1, 7 * 86_400));
            Optional<String> sequencer = Optional.ofNullable(t.optional("sequencerFeed", SpecValues.address(), null));
            Long grace = t.optional("gracePeriod", SpecValues.seconds(0, 86_400), 0L);
            if (sequencer.isEmpty() && grace != null && grace != 0) {
                t.problem("gracePeriod", SpecValues.show(grace), "only applies with a sequencerFeed (L2s); remove it on L1");
            }
            unique(out, name, t, new Feed(name, asset, address, mock, nz(heartbeat), sequencer, nz(grace)));
        }
        return out;
    }

    private Map<String, Pool> pools(Fields root, Map<String, Token> tokens) {
        Map<String, Pool> out = new LinkedHashMap<>();
        List<Node> nodes = root.list("pools", 0, 16);
        for (int i = 0; i < nodes.size(); i++) {
            Fields p = Fields.of(problems, "pools[" + i + "]", nodes.get(i), POOL);
            String name = p.required("name", SpecValues.name());
            List<String> members = refs(p, "tokens", 2, 8, tokens.keySet(), "tokens");
            List<BigInteger> weights = weights(p, members.size(), "0.01", "0.99");
            BigInteger fee = p.required("swapFee", SpecValues.wad("0.000001", "0.1"));
            List<BigDecimal> seed = p.has("seed") ? p.scalars("seed", members.size(), members.size(), SpecValues.positiveDecimal()) : List.of();
            Long cardinality = p.optional("observationCardinality", SpecValues.integer(1, 65_535), 1L);
            unique(out, name, p, new Pool(name, p.optional("lpName", SpecValues.text(64), "Ballast " + name + " pool"),
                    p.optional("lpSymbol", SpecValues.text(16), "BLP"), members, weights, fee, seed, (int) nz(cardinality)));
        }
        return out;
    }

    private Map<String, Router> routers(Fields root, Map<String, Token> tokens, Map<String, Feed> feeds, Map<String, Pool> pools,
            Map<String, DeploymentSpec.Venue> venues) {
        Map<String, Router> out = new LinkedHashMap<>();
        List<Node> nodes = root.list("routers", 0, 16);
        for (int i = 0; i < nodes.size(); i++) {
            Fields r = Fields.of(problems, "routers[" + i + "]", nodes.get(i), ROUTER);
            String name = r.required("name", SpecValues.name());
            List<AssetSources> assets = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            List<Node> assetNodes = r.list("assets", 1, 64);
            for (int j = 0; j < assetNodes.size(); j++) {
                Fields a = Fields.of(problems, r.path("assets") + "[" + j + "]", assetNodes.get(j), ROUTER_ASSET);
                String token = ref(a, "token", tokens.keySet(), "tokens");
                if (token != null && !seen.add(token)) a.problem("token", token, "is listed twice in this router");
                List<Source> sources = sources(a, token, feeds, pools, venues);
                Long quorum = a.required("quorum", SpecValues.integer(1, 8));
                if (quorum != null && quorum > sources.size()) {
                    a.problem("quorum", quorum.toString(), "must not exceed the number of sources (" + sources.size() + ")");
                }
                if (quorum != null && quorum < 2 && sources.stream().anyMatch(src -> src instanceof DeploymentSpec.TwapSource
                        || src instanceof DeploymentSpec.UniswapV3TwapSource)) {
                    a.problem("quorum", quorum.toString(), "must be at least 2 when a source is a twap (the router refuses"
                            + " a pushed pool TWAP pricing the asset alone)");
                }
                BigInteger deviation = a.required("maxDeviation", SpecValues.wad("0.000000000000000001", "0.5"));
                assets.add(new AssetSources(token, sources, (int) nz(quorum), deviation));
            }
            unique(out, name, r, new Router(name, assets));
        }
        return out;
    }

    private List<Source> sources(Fields a, String token, Map<String, Feed> feeds, Map<String, Pool> pools,
            Map<String, DeploymentSpec.Venue> venues) {
        List<Source> out = new ArrayList<>();
        List<Node> nodes = a.list("sources", 2, 8);
        for (int k = 0; k < nodes.size(); k++) {
            Fields s = Fields.of(problems, a.path("sources") + "[" + k + "]", nodes.get(k), SOURCE);
            if ((s.has("chainlink") ? 1 : 0) + (s.has("twap") ? 1 : 0) + (s.has("v3twap") ? 1 : 0) != 1) {
                s.problem(null, null, "set exactly one of chainlink (a feed name), twap or v3twap");
                continue;
            }
            if (s.has("v3twap")) {
                out.add(VenueLoader.v3TwapSource(s.section("v3twap", V3_TWAP), feeds.keySet(), venues));
                continue;
            }
            if (s.has("chainlink")) {
                String feed = ref(s, "chainlink", feeds.keySet(), "feeds");
                if (feed != null && token != null && !feeds.get(feed).asset().equals(token)) {
                    s.problem("chainlink", feed, "prices " + feeds.get(feed).asset() + ", not " + token);
                }
                out.add(new DeploymentSpec.ChainlinkSource(feed));
                continue;
            }
            Fields t = s.section("twap", TWAP);
            String pool = ref(t, "pool", pools.keySet(), "pools");
            Long window = t.required("window", SpecValues.seconds(300, 7 * 86_400));
            Optional<String> quote = Optional.ofNullable(t.has("quoteFeed") ? ref(t, "quoteFeed", feeds.keySet(), "feeds") : null);
            if (pool != null && token != null) {
                List<String> members = pools.get(pool).tokens();
                if (!members.contains(token)) t.problem("pool", pool, "does not hold " + token);
                if (quote.isPresent() && !members.isEmpty() && !feeds.get(quote.get()).asset().equals(members.getFirst())) {
                    t.problem("quoteFeed", quote.get(), "must price the pool's token 0 (" + members.getFirst() + ")");
                }
            }
            out.add(new DeploymentSpec.TwapSource(pool, nz(window), quote));
        }
        Map<String, Integer> underlyings = new HashMap<>();
        for (int k = 0; k < out.size(); k++) {
            String underlying = underlying(out.get(k), token, pools);
            Integer first = underlying == null ? null : underlyings.putIfAbsent(underlying, k);
            if (first != null) {
                a.problem("sources", "[" + first + "] and [" + k + "]", "both read " + underlying
                        + " (one opinion counted twice; the router refuses it: give a second, independent source)");
            }
        }
        return out;
    }

    /**
     * What a source's price rests on, as the router's DuplicateUnderlying sees it: a feed, or a pool, except a TWAP of
     * the pool's token 0, which is just its quote feed.
     */
    private static String underlying(Source source, String token, Map<String, Pool> pools) {
        return switch (source) {
            case DeploymentSpec.ChainlinkSource cl -> cl.feed() == null ? null : "feed " + cl.feed();
            case DeploymentSpec.TwapSource tw -> {
                if (tw.pool() == null || token == null) yield null;
                boolean tokenZero = pools.get(tw.pool()).tokens().getFirst().equals(token);
                yield tokenZero && tw.quoteFeed().isPresent() ? "feed " + tw.quoteFeed().get() : "pool " + tw.pool();
            }
            case DeploymentSpec.UniswapV3TwapSource v3 -> v3.venue() == null ? null : "venue " + v3.venue();
        };
    }

    private List<Vault> vaults(Fields root, Map<String, Token> tokens, Map<String, Router> routers, Map<String, Pool> pools,
            Set<String> venueNames) {
        Map<String, Vault> out = new LinkedHashMap<>();
        Set<String> usedRouters = new HashSet<>();
        List<Node> nodes = root.list("vaults", 0, 16);
        for (int i = 0; i < nodes.size(); i++) {
            Fields v = Fields.of(problems, "vaults[" + i + "]", nodes.get(i), VAULT);
            String name = v.required("name", SpecValues.name());
            String router = ref(v, "router", routers.keySet(), "routers");
            if (router != null && !usedRouters.add(router)) {
                v.problem("router", router, "already prices another vault: a vault owns its router (its timelock is the"
                        + " only way to change its prices), so each vault needs a router of its own");
            }
            List<String> assets = refs(v, "assets", 2, 8, tokens.keySet(), "tokens");
            if (router != null) {
                Set<String> priced = new HashSet<>();
                routers.get(router).assets().forEach(a -> priced.add(a.token()));
                for (String a : assets) {
                    if (a != null && !priced.contains(a)) v.problem("assets", a, "is not priced by router " + router);
                }
            }
            List<BigInteger> weights = weights(v, assets.size(), "0.000000000000000001", "1");
            Params params = params(v.section("params", PARAMS));
            String venue = v.has("venue") || !v.has("venues") ? ref(v, "venue", pools.keySet(), "pools") : null;
            List<String> venues = v.has("venues") ? refs(v, "venues", 1, 8, venueNames, "venues") : List.of();
            Long delay = v.required("timelockDelay", SpecValues.seconds(3600, 30 * 86_400));
            List<String> keepers = v.has("keepers") ? v.scalars("keepers", 0, 16, SpecValues.address()) : List.of();
            // whole shares (18 decimals on chain); absent = uncapped. One share is one numeraire unit at launch.
            BigInteger cap = v.has("depositCap") ? v.required("depositCap", SpecValues.wad("0.000001", "1e30")) : null;
            unique(out, name, v, new Vault(name, v.optional("shareName", SpecValues.text(64), "Ballast " + name),
                    v.optional("shareSymbol", SpecValues.text(16), "bVAULT"), router, assets, weights, params, venue,
                    nz(delay), keepers, venues, cap));
        }
        return List.copyOf(out.values());
    }

    /** The contracts' VaultConfig bounds. */
    private Params params(Fields p) {
        String mode = p.required("mode", s -> {
            String m = s.toLowerCase(Locale.ROOT);
            if (!MODES.contains(m)) throw new IllegalArgumentException("must be one of " + String.join(", ", MODES));
            return m;
        });
        return new Params(
                p.required("band", SpecValues.wad("0.001", "0.5")),
                mode == null ? 0 : MODES.indexOf(mode),
                nz(p.required("interval", SpecValues.seconds(3600, 365 * 86_400L))),
                nz(p.required("cooldown", SpecValues.seconds(60, 30 * 86_400))),
                p.required("maxSlippage", SpecValues.wad("0.0001", "0.1")),
                p.required("maxTradeFraction", SpecValues.wad("0.001", "1")),
                nz(p.required("twapWindow", SpecValues.seconds(300, 86_400))),
                p.required("maxSpotTwapDeviation", SpecValues.wad("0.0001", "1")),
                p.required("maxOracleVenueDeviation", SpecValues.wad("0.0001", "1")),
                p.optional("singleAssetFee", SpecValues.wad("0", "0.1"), BigInteger.ZERO));
    }

    /** Weights as decimal fractions that must sum to exactly 1. */
    private List<BigInteger> weights(Fields f, int count, String min, String max) {
        List<BigInteger> weights = f.scalars("weights", count, count, SpecValues.wad(min, max));
        if (weights.size() == count && weights.stream().allMatch(Objects::nonNull)) {
            BigInteger sum = weights.stream().reduce(BigInteger.ZERO, BigInteger::add);
            if (!sum.equals(ONE)) f.problem("weights", new BigDecimal(sum, 18).stripTrailingZeros().toPlainString(), "must sum to exactly 1");
        } else if (weights.size() != count) {
            f.problem("weights", weights.size() + " entries", "must have one weight per token (" + count + ")");
        }
        return weights;
    }

    private void devOnly(Fields f, String key, String what) {
        if (chainId != null && chainId != DeploymentSpec.DEV_CHAIN_ID) {
            f.problem(key, null, what + " are for dev chains only (chainId " + DeploymentSpec.DEV_CHAIN_ID
                    + "); this file says chainId " + chainId + ": give the address of the real contract instead");
        }
    }

    private String ref(Fields f, String key, Set<String> known, String section) {
        return f.required(key, s -> {
            if (!known.contains(s)) throw new IllegalArgumentException("names no entry of " + section + " (known: " + known + ")");
            return s;
        });
    }

    private List<String> refs(Fields f, String key, int min, int max, Set<String> known, String section) {
        List<String> out = f.scalars(key, min, max, s -> {
            if (!known.contains(s)) throw new IllegalArgumentException("names no entry of " + section + " (known: " + known + ")");
            return s;
        });
        if (new HashSet<>(out).size() != out.size()) f.problem(key, null, "lists an entry twice");
        return out;
    }

    private <T> void unique(Map<String, T> out, String name, Fields f, T item) {
        if (name == null) return;
        if (out.putIfAbsent(name, item) != null) f.problem("name", name, "is used twice in this section");
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }
}
