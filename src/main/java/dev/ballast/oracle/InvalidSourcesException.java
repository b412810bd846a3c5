package dev.ballast.oracle;

/**
 * A source configuration the on-chain PriceRouter's setSources would refuse; {@link #rule()} names its error.
 */
public final class InvalidSourcesException extends IllegalArgumentException {
    /** The router's configuration errors this mirror checks, in the order the router checks them. */
    public enum Rule {
        /** QuorumOutOfRange: quorum above the number of sources. */
        QUORUM_OUT_OF_RANGE,
        /** DuplicateSource / DuplicateUnderlying: two sources read the same data. */
        DUPLICATE_UNDERLYING,
        /** QuorumTooLowForTwap: a TWAP among the sources with a quorum below 2. */
        QUORUM_TOO_LOW_FOR_TWAP
    }

    private final Rule rule;

    InvalidSourcesException(Rule rule, String message) {
        super(message);
        this.rule = rule;
    }

    public Rule rule() {
        return rule;
    }
}
