package dev.ballast.oracle;

import java.util.Objects;

/**
 * A source that could not produce a trustworthy price this round. Never thrown: the keeper counts it as an
 * unhealthy source and carries on.
 *
 * @param problem  what kind of failure, for metrics and tests
 * @param detail   human-readable specifics (status code, missing path, ...); never contains credentials
 */
public record PriceFailure(String asset, String source, Problem problem, String detail) implements PriceReading {

    public enum Problem {
        HTTP_STATUS,
        TIMEOUT,
        CONNECTION,
        RESPONSE_TOO_LARGE,
        MALFORMED_JSON,
        MISSING_PATH,
        NOT_A_NUMBER,
        NON_POSITIVE_PRICE,
        /** The configured timestamp path is missing, unreadable, or far in the future. */
        BAD_TIMESTAMP
    }

    public PriceFailure {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(detail, "detail");
    }

    /** e.g. "price source coinbase for WETH: HTTP_STATUS: HTTP 500". */
    public String describe() {
        return "price source " + source + " for " + asset + ": " + problem + ": " + detail;
    }
}
