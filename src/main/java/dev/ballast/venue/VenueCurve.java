package dev.ballast.venue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/**
 * One venue's price curve for one direction (sell {@code tokenIn}, buy {@code tokenOut}), in raw token units.
 * Implementations reproduce the venue's own integer arithmetic, so an amount out is what the venue would pay.
 */
public sealed interface VenueCurve permits ConstantProductCurve, WeightedCurve, ConcentratedCurve, QuotedCurve {
    /** The venue's name or address (what a leg names as its venue). */
    String venue();

    /** Raw units of the output token paid for {@code amountIn} raw units in, fee and impact included; empty when the
     *  venue would refuse the trade (a ratio limit, liquidity exhausted). */
    Optional<BigInteger> amountOut(BigInteger amountIn);

    /** Output per unit of input for an infinitesimal trade, after the fee (raw units per raw unit). */
    BigDecimal marginalRate();

    /** Gas one swap through this venue costs, adapter included. */
    long gasPerSwap();

    /** A short description for logs and tables, e.g. "v3 0.05%". */
    String kind();
}
