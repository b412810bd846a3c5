package dev.ballast.oracle;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/** The aggregator's answer: a price the keeper may use, or a refusal with its reason. */
public sealed interface Aggregation {

    String asset();

    /** Sources that did not count, each with why; empty when all were healthy. */
    List<Exclusion> excluded();

    /**
     * @param priceWad  the median of 3+ healthy prices or the primary of 1-2, 18 decimals (what the router's getPrice
     *                  would return)
     * @param used      the healthy quotes the price was taken from
     */
    record Price(String asset, BigInteger priceWad, List<PriceQuote> used, List<Exclusion> excluded)
            implements Aggregation {
        public Price {
            used = List.copyOf(used);
            excluded = List.copyOf(excluded);
        }

        public BigDecimal price() {
            return Wad.toDecimal(priceWad);
        }
    }

    /** Fail closed: no price this round. {@code detail} is one log line with the numbers behind the reason. */
    record Refusal(String asset, RefusalReason reason, String detail, List<Exclusion> excluded)
            implements Aggregation {
        public Refusal {
            excluded = List.copyOf(excluded);
        }
    }

    enum RefusalReason {
        /** No source is configured for the asset (the router's UnknownAsset). */
        NO_SOURCES,
        /** Fewer healthy sources than the quorum (the router's QuorumNotMet). */
        QUORUM_NOT_MET,
        /** Healthy prices spread wider than maxDisagreement (the router's SourcesDisagree). */
        SOURCES_DISAGREE
    }

    /** Why one source's reading was not used. */
    record Exclusion(String source, ExclusionReason reason, String detail) {
    }

    enum ExclusionReason {
        /** The source failed to answer usefully (HTTP error, timeout, malformed, ...). */
        FAILED,
        /** Older than maxAge. */
        STALE,
        /** Observed after "now": a clock problem, not a price. */
        FUTURE_TIMESTAMP,
        /** Zero or negative once expressed at 18 decimals. */
        NON_POSITIVE
    }
}
