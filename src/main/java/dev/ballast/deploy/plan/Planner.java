package dev.ballast.deploy.plan;

import dev.ballast.contracts.ChainlinkAdapter;
import dev.ballast.contracts.MockAggregator;
import dev.ballast.contracts.MockERC20;
import dev.ballast.contracts.PoolTwapAdapter;
import dev.ballast.contracts.PriceRouter;
import dev.ballast.contracts.RebalancingVault;
import dev.ballast.contracts.WeightedPoolFactory;
import dev.ballast.contracts.WeightedPoolVenue;
import dev.ballast.deploy.plan.DeploymentSpec.AssetSources;
import dev.ballast.deploy.plan.DeploymentSpec.ChainlinkSource;
import dev.ballast.deploy.plan.DeploymentSpec.Feed;
import dev.ballast.deploy.plan.DeploymentSpec.Pool;
import dev.ballast.deploy.plan.DeploymentSpec.Router;
import dev.ballast.deploy.plan.DeploymentSpec.Token;
import dev.ballast.deploy.plan.DeploymentSpec.TwapSource;
import dev.ballast.deploy.plan.DeploymentSpec.Vault;
import java.io.IOException;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint8;

/**
 * Turns a deployment description into steps in dependency order: tokens, feeds, factory, pools (and their seed),
 * feed adapters, routers (TWAP adapters, sources), venues, vaults, then per vault one round of its timelock: take its
 * router (offered to it first: a vault takes no deposit before it owns its router), allow the venue, add the keepers
 * and, last, hand the vault to its final owner.
 */
final class Planner {
    private final DeploymentSpec spec;
    private final String deployer;
    private final List<Step> steps = new ArrayList<>();
    private Map<String, String> venueIds = Map.of();

    private Planner(DeploymentSpec spec, String deployer) {
        this.spec = spec;
        this.deployer = deployer;
    }

    static List<Step> plan(DeploymentSpec spec, String deployer) {
        Planner p = new Planner(spec, deployer);
        p.build();
        return p.steps;
    }

    private void build() {
        spec.tokens().forEach(this::token);
        spec.feeds().forEach(this::feed);
        if (!spec.pools().isEmpty()) factory();
        for (Pool pool : spec.pools()) {
            steps.add(new PoolStep(pool));
            if (!pool.seed().isEmpty()) {
                steps.add(new SeedStep(pool, pool.tokens().stream().map(t -> token(t).mock().isPresent()).toList()));
            }
        }
        spec.feeds().forEach(this::adapter);
        venueIds = VenueSteps.add(spec.venues(), steps);
        spec.routers().forEach(this::router);
        Stream.concat(spec.vaults().stream().map(Vault::venuePool),
                spec.venues().stream().map(DeploymentSpec.Venue::target).filter(DeploymentSpec.BallastPool.class::isInstance)
                        .map(t -> ((DeploymentSpec.BallastPool) t).pool()))
                .filter(Objects::nonNull).distinct().forEach(this::venue);
        spec.vaults().forEach(this::vault);
    }

    private Token token(String name) {
        return spec.tokens().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private void token(Token t) {
        String id = "token." + t.name();
        if (t.address().isPresent()) {
            steps.add(new ExistingStep(id, "token", t.address().get(), "tokens[" + t.name() + "].address"));
            return;
        }
        DeploymentSpec.MockToken m = t.mock().orElseThrow();
        steps.add(new ContractStep(id, "MockERC20", m.symbol() + " (" + m.decimals() + " decimals)",
                Map.of("symbol", m.symbol(), "decimals", Integer.toString(m.decimals())), GasFigures.MOCK_TOKEN,
                c -> Abi.create(MockERC20.BINARY, new Utf8String(m.symbol() + " (test)"), new Utf8String(m.symbol()),
                        new Uint8(m.decimals())),
                (c, a) -> word(c, a, "decimals").map(d -> d.intValue() == m.decimals()).orElse(false), null));
    }

    private void feed(Feed f) {
        String id = "feed." + f.name();
        if (f.address().isPresent()) {
            steps.add(new ExistingStep(id, "feed", f.address().get(), "feeds[" + f.name() + "].address"));
            return;
        }
        DeploymentSpec.MockFeed m = f.mock().orElseThrow();
        BigInteger answer = m.answer().movePointRight(m.decimals()).setScale(0, RoundingMode.UNNECESSARY).toBigIntegerExact();
        steps.add(new ContractStep(id, "MockAggregator", f.name() + " = " + m.answer().toPlainString(),
                Map.of("decimals", Integer.toString(m.decimals()), "answer", m.answer().toPlainString()), GasFigures.MOCK_FEED,
                c -> Abi.create(MockAggregator.BINARY, new Uint8(m.decimals())),
                (c, a) -> word(c, a, "decimals").map(d -> d.intValue() == m.decimals()).orElse(false),
                (c, a) -> c.chain.send("set the first answer of " + f.name(), a, Abi.call("setAnswer", new Int256(answer)))));
    }

    private void factory() {
        if (spec.factory().isPresent()) {
            steps.add(new ExistingStep("factory", "WeightedPoolFactory", spec.factory().get(), "factory"));
            return;
        }
        steps.add(new ContractStep("factory", "WeightedPoolFactory", "", Map.of(), GasFigures.FACTORY,
                c -> Abi.create(WeightedPoolFactory.BINARY),
                (c, a) -> word(c, a, "allPoolsLength").isPresent(), null));
    }

    private void adapter(Feed f) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("asset", f.asset());
        s.put("heartbeat", Long.toString(f.heartbeat()));
        s.put("sequencerFeed", f.sequencerFeed().orElse("none"));
        s.put("gracePeriod", Long.toString(f.gracePeriod()));
        String feedId = "feed." + f.name();
        String tokenId = "token." + f.asset();
        steps.add(new ContractStep("adapter." + f.name(), "ChainlinkAdapter", "for " + f.name(), s, GasFigures.CHAINLINK_ADAPTER,
                c -> Abi.create(ChainlinkAdapter.BINARY, new Address(c.require(tokenId)), new Address(c.require(feedId)),
                        new Uint256(f.heartbeat()), new Address(f.sequencerFeed().orElse(Address.DEFAULT.getValue())),
                        new Uint256(f.gracePeriod())),
                (c, a) -> Abi.sameAddress(word(c, a, "asset"), c.require(tokenId))
                        && Abi.sameAddress(word(c, a, "feed"), c.require(feedId)), null));
    }

    private void router(Router r) {
        String routerId = "router." + r.name();
        steps.add(new ContractStep(routerId, "PriceRouter", r.name(), Map.of(), GasFigures.ROUTER,
                c -> Abi.create(PriceRouter.BINARY, new Address(deployer)),
                (c, a) -> word(c, a, "MAX_SOURCES").map(v -> v.intValue() == 8).orElse(false), null));
        for (AssetSources a : r.assets()) {
            List<String> sourceIds = new ArrayList<>();
            for (int k = 0; k < a.sources().size(); k++) {
                switch (a.sources().get(k)) {
                    case ChainlinkSource cl -> sourceIds.add("adapter." + cl.feed());
                    case TwapSource tw -> {
                        String id = routerId + ".twap." + a.token() + "." + k;
                        sourceIds.add(id);
                        steps.add(twap(id, a.token(), tw));
                    }
                    case DeploymentSpec.UniswapV3TwapSource v3 -> {
                        String id = routerId + ".v3twap." + a.token() + "." + k;
                        sourceIds.add(id);
                        steps.add(VenueSteps.v3TwapSource(id, a.token(), v3));
                    }
                }
            }
            steps.add(setSources(routerId, a, sourceIds));
        }
    }

    private Step twap(String id, String token, TwapSource tw) {
        Pool pool = spec.pools().stream().filter(p -> p.name().equals(tw.pool())).findFirst().orElseThrow();
        String poolId = "pool." + tw.pool();
        String token0 = "token." + pool.tokens().getFirst();
        Map<String, String> s = Map.of("pool", tw.pool(), "window", Long.toString(tw.window()), "quoteFeed", tw.quoteFeed().orElse("none"));
        return new ContractStep(id, "PoolTwapAdapter", token + " from " + tw.pool() + " over " + tw.window() + " s", s,
                GasFigures.TWAP_ADAPTER,
                c -> Abi.create(PoolTwapAdapter.BINARY, new Address(c.require(poolId)), new Address(c.require(token0)),
                        new Address(c.require("token." + token)), new Uint32(tw.window()),
                        new Address(tw.quoteFeed().map(q -> c.require("adapter." + q)).orElse(Address.DEFAULT.getValue()))),
                (c, a) -> Abi.sameAddress(word(c, a, "asset"), c.require("token." + token))
                        && Abi.sameAddress(word(c, a, "pool"), c.require(poolId)), null);
    }

    private Step setSources(String routerId, AssetSources a, List<String> sourceIds) {
        String tokenId = "token." + a.token();
        Map<String, String> s = Map.of("sources", sourceIds.toString(), "quorum", Integer.toString(a.quorum()),
                "maxDeviation", a.maxDeviation().toString());
        return new CallStep(routerId + ".sources." + a.token(), "setSources",
                "set " + a.token() + "'s price sources on " + routerId + " (quorum " + a.quorum() + ")", routerId, s,
                GasFigures.SET_SOURCES,
                c -> Abi.call("setSources", new Address(c.require(tokenId)),
                        Abi.addresses(sourceIds.stream().map(c::require).toList()), new Uint8(a.quorum()), new Uint256(a.maxDeviation())),
                (c, router) -> {
                    Optional<String> cfg = c.chain.call(router, Abi.call("getConfig", new Address(c.require(tokenId))));
                    int count = Abi.word(cfg, 3).orElse(BigInteger.ZERO).intValue();
                    if (count == 0) return Step.Status.MISSING;
                    List<String> want = new ArrayList<>();
                    for (String sid : sourceIds) {
                        if (c.address(sid).isEmpty()) return new Step.Status(Step.State.CHANGED, "configured, but with other sources");
                        want.add(c.require(sid));
                    }
                    boolean same = count == want.size()
                            && Abi.word(cfg, 1).orElse(BigInteger.ZERO).intValue() == a.quorum()
                            && Abi.word(cfg, 2).orElse(BigInteger.ZERO).equals(a.maxDeviation());
                    for (int i = 0; same && i < want.size(); i++) same = Abi.sameAddress(Abi.word(cfg, 4 + i), want.get(i));
                    return same ? Step.Status.DONE : new Step.Status(Step.State.CHANGED,
                            "configured on chain with other sources, quorum or maxDeviation");
                });
    }

    private void venue(String pool) {
        String poolId = "pool." + pool;
        steps.add(new ContractStep("venue." + pool, "WeightedPoolVenue", "for " + pool, Map.of(), GasFigures.VENUE,
                c -> Abi.create(WeightedPoolVenue.BINARY, new Address(c.require(poolId))),
                (c, a) -> Abi.sameAddress(word(c, a, "pool"), c.require(poolId)), null));
    }

    private void vault(Vault v) {
        String vaultId = "vault." + v.name();
        DeploymentSpec.Params p = v.params();
        Map<String, String> s = new LinkedHashMap<>();
        s.put("router", v.router());
        s.put("assets", v.assets().toString());
        s.put("weights", v.weights().toString());
        s.put("params", p.toString());
        s.put("timelockDelay", Long.toString(v.timelockDelay()));
        s.put("guardian", spec.guardian());
        s.put("shareName", v.shareName());
        s.put("shareSymbol", v.shareSymbol());
        steps.add(new ContractStep(vaultId, "RebalancingVault", v.name(), s, GasFigures.VAULT,
                c -> Abi.create(RebalancingVault.BINARY, new Utf8String(v.shareName()), new Utf8String(v.shareSymbol()),
                        new Address(c.require("router." + v.router())),
                        Abi.addresses(v.assets().stream().map(t -> c.require("token." + t)).toList()), Abi.uints(v.weights()),
                        new RebalancingVault.Params(p.band(), BigInteger.valueOf(p.mode()), BigInteger.valueOf(p.interval()),
                                BigInteger.valueOf(p.cooldown()), p.maxSlippage(), p.maxTradeFraction(),
                                BigInteger.valueOf(p.twapWindow()), p.maxSpotTwapDeviation(), p.maxOracleVenueDeviation(),
                                p.singleAssetFee()),
                        new Address(deployer), new Address(spec.guardian()), new Uint256(v.timelockDelay())),
                (c, a) -> word(c, a, "MAX_LEGS").map(n -> n.intValue() == 8).orElse(false)
                        && word(c, a, "DEAD_SHARES").map(n -> n.longValue() == 1_000_000).orElse(false), null));
        String routerId = "router." + v.router();
        steps.add(new CallStep(routerId + ".owner", "transferOwnership", "offer " + routerId + " to " + vaultId
                + " (its timelock accepts it)", routerId, Map.of("vault", v.name()), GasFigures.TRANSFER_OWNERSHIP,
                c -> Abi.call("transferOwnership", new Address(c.require(vaultId))),
                (c, router) -> c.address(vaultId).isPresent() && (Abi.sameAddress(word(c, router, "owner"), c.require(vaultId))
                        || Abi.sameAddress(word(c, router, "pendingOwner"), c.require(vaultId))) ? Step.Status.DONE : Step.Status.MISSING));
        List<TimelockStep.Change> changes = new ArrayList<>();
        changes.add(new TimelockStep.Change(vaultId + " takes " + routerId, routerId, c -> Abi.call("acceptOwnership"),
                (c, vault) -> Abi.sameAddress(word(c, c.require(routerId), "owner"), vault)));
        List<String> allowed = new ArrayList<>();
        if (v.venuePool() != null) allowed.add("venue." + v.venuePool());
        v.venues().stream().map(venueIds::get).filter(id -> !allowed.contains(id)).forEach(allowed::add);
        for (String venueId : allowed) {
            changes.add(new TimelockStep.Change("allow-list " + venueId, vaultId,
                    c -> Abi.call("setVenue", Abi.address(c.require(venueId)), new Bool(true)),
                    (c, vault) -> word(c, vault, "isVenue", Abi.address(c.require(venueId))).orElse(BigInteger.ZERO).signum() > 0));
        }
        for (String keeper : v.keepers()) {
            changes.add(new TimelockStep.Change("grant " + keeper + " the keeper role", vaultId,
                    c -> Abi.call("setKeeper", new Address(keeper), new Bool(true)),
                    (c, vault) -> word(c, vault, "isKeeper", new Address(keeper)).orElse(BigInteger.ZERO).signum() > 0));
        }
        if (v.depositCap() != null) {
            BigInteger cap = v.depositCap();
            changes.add(new TimelockStep.Change("cap " + vaultId + "'s share supply at " + cap + " (18 decimals)", vaultId,
                    c -> Abi.call("setDepositCap", new Uint256(cap)),
                    (c, vault) -> word(c, vault, "depositCap").map(cap::equals).orElse(false)));
        }
        // last: once the vault has another owner the deployer can execute nothing more
        if (handsOver()) {
            String owner = spec.owner().orElseThrow();
            changes.add(new TimelockStep.Change("hand " + vaultId + " to " + owner, vaultId,
                    c -> Abi.call("transferOwnership", new Address(owner)),
                    (c, vault) -> Abi.sameAddress(word(c, vault, "owner"), owner)));
        }
        Map<String, String> round = new LinkedHashMap<>();
        round.put("venue", v.venuePool() == null ? "none" : v.venuePool());
        if (!v.venues().isEmpty()) round.put("venues", v.venues().toString());
        round.put("keepers", v.keepers().toString());
        if (v.depositCap() != null) round.put("depositCap", v.depositCap().toString());
        round.put("owner", spec.owner().orElse(deployer));
        steps.add(new TimelockStep(vaultId, changes, round));
    }

    /** Whether vaults end with another owner than the deployer. */
    private boolean handsOver() {
        return spec.owner().isPresent() && !spec.owner().get().equalsIgnoreCase(deployer);
    }

    private static Optional<BigInteger> word(Context c, String address, String fn, Type<?>... args) {
        try {
            return Abi.word(c.chain.call(address, Abi.call(fn, args)), 0);
        } catch (IOException e) {
            throw new DeployException("cannot read " + fn + "() of " + address + ": " + e.getMessage(), e);
        }
    }
}
