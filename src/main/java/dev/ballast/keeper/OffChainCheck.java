package dev.ballast.keeper;

import dev.ballast.chain.AssetState;
import dev.ballast.chain.VaultState;
import dev.ballast.oracle.Aggregation;
import dev.ballast.oracle.AggregationRules;
import dev.ballast.oracle.HttpPriceSource;
import dev.ballast.oracle.PriceAggregator;
import dev.ballast.oracle.PriceQuote;
import dev.ballast.oracle.PriceReading;
import dev.ballast.oracle.Wad;
import dev.ballast.policy.Leg;
import dev.ballast.policy.VaultMath;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A second opinion from outside the chain: before trading an asset that has off-chain HTTP sources configured, their
 * median (with the router's own price as one more source when {@code onChain} is set) must exist under the same
 * quorum and disagreement rules as the on-chain router, and the router's price must lie within the maximum
 * disagreement of it. A chain whose every oracle was pushed the same way is refused here.
 */
final class OffChainCheck {
    /** The HTTP sources and rules for one asset (by token address). */
    record AssetSources(String asset, List<HttpPriceSource> sources, AggregationRules rules, boolean includeRouter) {}

    static final OffChainCheck NONE = new OffChainCheck(Map.of(), Clock.systemUTC());

    private final Map<String, AssetSources> byAsset;
    private final Clock clock;

    OffChainCheck(Map<String, AssetSources> byAsset, Clock clock) {
        this.byAsset = Map.copyOf(byAsset);
        this.clock = clock;
    }

    Optional<String> check(VaultState vault, List<Leg> legs) {
        Set<String> assets = new LinkedHashSet<>();
        for (Leg leg : legs) {
            assets.add(leg.sellAsset().toLowerCase());
            assets.add(leg.buyAsset().toLowerCase());
        }
        for (String asset : assets) {
            AssetSources sources = byAsset.get(asset);
            if (sources == null) continue;
            Optional<String> refusal = checkAsset(vault, asset, sources);
            if (refusal.isPresent()) return refusal;
        }
        return Optional.empty();
    }

    private Optional<String> checkAsset(VaultState vault, String asset, AssetSources sources) {
        BigInteger router = vault.assets().stream().filter(a -> a.asset().equalsIgnoreCase(asset)).findFirst()
                .map(AssetState::routerPrice).flatMap(p -> p.price()).orElse(null);
        List<PriceReading> readings = new ArrayList<>();
        for (HttpPriceSource source : sources.sources()) readings.add(source.fetch());
        if (sources.includeRouter() && router != null) {
            readings.add(new PriceQuote(asset, "router", Wad.toDecimal(router), clock.instant()));
        }
        Aggregation result = new PriceAggregator(sources.rules()).aggregate(asset, readings, clock.instant());
        return switch (result) {
            case Aggregation.Refusal r -> Optional.of("off-chain prices for " + asset + " refuse: " + r.reason() + " " + r.detail());
            case Aggregation.Price p -> {
                if (router == null) yield Optional.of("no router price for " + asset + " to compare with off-chain " + p.price());
                BigInteger gap = VaultMath.relDiffUp(router, p.priceWad());
                yield gap.compareTo(sources.rules().maxDisagreementWad()) > 0
                        ? Optional.of("router price " + Wad.toDecimal(router).stripTrailingZeros().toPlainString() + " for " + asset
                                + " is " + new BigDecimal(gap, 16).setScale(2, RoundingMode.HALF_UP)
                                + "% away from the off-chain median " + p.price().stripTrailingZeros().toPlainString())
                        : Optional.empty();
            }
        };
    }
}
