package dev.ballast.oracle;

import dev.ballast.oracle.Aggregation.Exclusion;
import dev.ballast.oracle.Aggregation.ExclusionReason;
import dev.ballast.oracle.Aggregation.RefusalReason;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The on-chain PriceRouter's rules off-chain, failing closed exactly like its setSources and getPrice (pinned by
 * {@code PriceRouterDifferentialTest}, which runs the same cases through the router on Anvil):
 * <ol>
 *   <li>configuration: quorum at most the number of sources; no two sources with the same underlying; quorum at least
 *       2 when a source is a TWAP ({@link InvalidSourcesException});</li>
 *   <li>a reading is healthy when it is a quote, its price at 18 decimals (digits beyond dropped) is positive,
 *       it is not from the future and not older than maxAge;</li>
 *   <li>fewer healthy than the quorum → {@link RefusalReason#QUORUM_NOT_MET};</li>
 *   <li>ceil((max − min) × 1e18 / min) &gt; maxDisagreement × 1e18 → {@link RefusalReason#SOURCES_DISAGREE};</li>
 *   <li>otherwise, of three or more healthy prices the median (for an even count the mean of the middle two, rounded
 *       down at 18 decimals); of one or two, the primary's: the first healthy FEED in configuration order, else the
 *       first healthy source. The midpoint of two would move by half of any push inside the bound.</li>
 * </ol>
 * Staleness is the on-chain adapters' job on-chain; here the aggregator does it because HTTP sources have none.
 */
public final class PriceAggregator {
    private final AggregationRules rules;
    /** Configuration order; empty: every reading is a feed of its own, in the order given. */
    private final List<SourceSpec> sources;

    /** Every source a reported feed of its own (HTTP sources, the router's price), primary = first in reading order. */
    public PriceAggregator(AggregationRules rules) {
        this.rules = rules;
        this.sources = List.of();
    }

    /**
     * @throws InvalidSourcesException when the router would refuse this configuration
     */
    public PriceAggregator(AggregationRules rules, List<SourceSpec> sources) {
        this.rules = rules;
        this.sources = List.copyOf(sources);
        validate();
    }

    private void validate() {
        int n = sources.size();
        if (rules.quorum() > n) {
            throw new InvalidSourcesException(InvalidSourcesException.Rule.QUORUM_OUT_OF_RANGE,
                    "quorum " + rules.quorum() + " exceeds the " + n + " sources");
        }
        boolean twap = false;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (sources.get(j).underlying().equalsIgnoreCase(sources.get(i).underlying())) {
                    throw new InvalidSourcesException(InvalidSourcesException.Rule.DUPLICATE_UNDERLYING, "sources "
                            + sources.get(j).name() + " and " + sources.get(i).name() + " both read "
                            + sources.get(i).underlying() + ": one opinion counted twice");
                }
            }
            twap |= sources.get(i).kind() == SourceKind.TWAP;
        }
        if (twap && rules.quorum() < 2) {
            throw new InvalidSourcesException(InvalidSourcesException.Rule.QUORUM_TOO_LOW_FOR_TWAP, "quorum "
                    + rules.quorum() + " with a TWAP among the sources: a pushed TWAP would price alone; use 2 or more");
        }
    }

    public Aggregation aggregate(String asset, List<? extends PriceReading> readings, Instant now) {
        if (readings.isEmpty()) {
            return new Aggregation.Refusal(asset, RefusalReason.NO_SOURCES, "no price source configured for " + asset,
                    List.of());
        }
        List<PriceQuote> healthy = new ArrayList<>();
        List<BigInteger> wads = new ArrayList<>();
        List<Exclusion> excluded = new ArrayList<>();
        BigInteger primary = null;
        boolean primaryIsFeed = false;
        for (PriceReading reading : inConfigurationOrder(readings)) {
            Exclusion why = check(reading, now);
            if (why == null) {
                PriceQuote quote = (PriceQuote) reading;
                BigInteger wad = Wad.fromDecimalDown(quote.price());
                healthy.add(quote);
                wads.add(wad);
                boolean isFeed = kindOf(quote.source()) == SourceKind.FEED;
                if (primary == null || (isFeed && !primaryIsFeed)) {
                    primary = wad;
                    primaryIsFeed = isFeed;
                }
            } else {
                excluded.add(why);
            }
        }
        if (healthy.size() < rules.quorum()) {
            return new Aggregation.Refusal(asset, RefusalReason.QUORUM_NOT_MET, healthy.size() + " healthy of "
                    + readings.size() + " sources, quorum " + rules.quorum() + describe(excluded), excluded);
        }
        List<BigInteger> sorted = wads.stream().sorted().toList();
        BigInteger lo = sorted.getFirst();
        BigInteger hi = sorted.getLast();
        BigInteger spread = Wad.relativeSpreadUp(lo, hi);
        if (spread.compareTo(rules.maxDisagreementWad()) > 0) {
            return new Aggregation.Refusal(asset, RefusalReason.SOURCES_DISAGREE, "healthy prices range from "
                    + Wad.toDecimal(lo).toPlainString() + " to " + Wad.toDecimal(hi).toPlainString() + ", spread "
                    + Wad.toDecimal(spread).stripTrailingZeros().toPlainString() + " > allowed "
                    + rules.maxDisagreement().toPlainString(), excluded);
        }
        healthy.sort(Comparator.comparing(PriceQuote::price));
        return new Aggregation.Price(asset, sorted.size() < 3 ? primary : medianOfSortedDown(sorted), healthy, excluded);
    }

    /** The readings in configuration order; each configured source must have exactly one. */
    private List<? extends PriceReading> inConfigurationOrder(List<? extends PriceReading> readings) {
        if (sources.isEmpty()) return readings;
        if (readings.size() != sources.size()) {
            throw new IllegalArgumentException(readings.size() + " readings for " + sources.size() + " configured sources");
        }
        List<PriceReading> ordered = new ArrayList<>();
        for (SourceSpec spec : sources) {
            ordered.add(readings.stream().filter(r -> r.source().equals(spec.name())).findFirst().orElseThrow(
                    () -> new IllegalArgumentException("no reading from configured source " + spec.name())));
        }
        return ordered;
    }

    private SourceKind kindOf(String source) {
        return sources.stream().filter(s -> s.name().equals(source)).findFirst().map(SourceSpec::kind)
                .orElse(SourceKind.FEED);
    }

    /** null when healthy. */
    private Exclusion check(PriceReading reading, Instant now) {
        return switch (reading) {
            case PriceFailure f -> new Exclusion(f.source(), ExclusionReason.FAILED, f.problem() + ": " + f.detail());
            case PriceQuote q when Wad.fromDecimalDown(q.price()).signum() <= 0 ->
                    new Exclusion(q.source(), ExclusionReason.NON_POSITIVE, "price " + q.price().toPlainString());
            case PriceQuote q when q.observedAt().isAfter(now) ->
                    new Exclusion(q.source(), ExclusionReason.FUTURE_TIMESTAMP, "observed at " + q.observedAt()
                            + ", now " + now);
            case PriceQuote q when Duration.between(q.observedAt(), now).compareTo(rules.maxAge()) > 0 ->
                    new Exclusion(q.source(), ExclusionReason.STALE, "age " + Duration.between(q.observedAt(), now)
                            + " > max " + rules.maxAge());
            case PriceQuote q -> null;
        };
    }

    static BigInteger medianOfSortedDown(List<BigInteger> sorted) {
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : Wad.midpointDown(sorted.get(mid - 1), sorted.get(mid));
    }

    private static String describe(List<Exclusion> excluded) {
        StringBuilder sb = new StringBuilder();
        for (Exclusion e : excluded) {
            sb.append("; ").append(e.source()).append(' ').append(e.reason()).append(" (").append(e.detail())
                    .append(')');
        }
        return sb.toString();
    }
}
