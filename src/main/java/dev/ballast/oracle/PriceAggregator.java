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
 * Median of healthy sources, failing closed exactly like the on-chain PriceRouter.getPrice:
 * <ol>
 *   <li>a reading is healthy when it is a quote, its price at 18 decimals (digits beyond dropped) is positive,
 *       it is not from the future and not older than maxAge;</li>
 *   <li>fewer healthy than the quorum → {@link RefusalReason#QUORUM_NOT_MET};</li>
 *   <li>ceil((max − min) × 1e18 / min) &gt; maxDisagreement × 1e18 → {@link RefusalReason#SOURCES_DISAGREE};</li>
 *   <li>otherwise the median; for an even count the mean of the middle two, rounded down at 18 decimals.</li>
 * </ol>
 * Staleness is the on-chain adapters' job on-chain; here the aggregator does it because HTTP sources have none.
 */
public final class PriceAggregator {
    private final AggregationRules rules;

    public PriceAggregator(AggregationRules rules) {
        this.rules = rules;
    }

    public Aggregation aggregate(String asset, List<? extends PriceReading> readings, Instant now) {
        if (readings.isEmpty()) {
            return new Aggregation.Refusal(asset, RefusalReason.NO_SOURCES, "no price source configured for " + asset,
                    List.of());
        }
        List<PriceQuote> healthy = new ArrayList<>();
        List<BigInteger> wads = new ArrayList<>();
        List<Exclusion> excluded = new ArrayList<>();
        for (PriceReading reading : readings) {
            Exclusion why = check(reading, now);
            if (why == null) {
                PriceQuote quote = (PriceQuote) reading;
                healthy.add(quote);
                wads.add(Wad.fromDecimalDown(quote.price()));
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
        return new Aggregation.Price(asset, medianOfSortedDown(sorted), healthy, excluded);
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
