package dev.ballast.oracle;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/**
 * When a set of readings is good enough to act on; the same bounds as the on-chain PriceRouter.
 *
 * @param maxAge           a quote older than this is unhealthy (the on-chain adapters' heartbeat check)
 * @param quorum           healthy sources needed, at least 1
 * @param maxDisagreement  largest accepted (max - min) / min over healthy prices, in (0, 0.5] like the router
 */
public record AggregationRules(Duration maxAge, int quorum, BigDecimal maxDisagreement) {
    /** The router's MAX_DEVIATION (0.5e18). */
    public static final BigDecimal MAX_DISAGREEMENT = new BigDecimal("0.5");

    public AggregationRules {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(maxDisagreement, "maxDisagreement");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
        }
        if (quorum < 1) {
            throw new IllegalArgumentException("quorum must be at least 1, was " + quorum);
        }
        if (maxDisagreement.signum() <= 0 || maxDisagreement.compareTo(MAX_DISAGREEMENT) > 0) {
            throw new IllegalArgumentException("maxDisagreement must be in (0, 0.5], was " + maxDisagreement);
        }
        if (maxDisagreement.stripTrailingZeros().scale() > Wad.DECIMALS) {
            throw new IllegalArgumentException("maxDisagreement has more than 18 decimals: " + maxDisagreement);
        }
    }

    /** The bound as the router stores it (18 decimals). */
    public BigInteger maxDisagreementWad() {
        return Wad.fromDecimalDown(maxDisagreement);
    }
}
