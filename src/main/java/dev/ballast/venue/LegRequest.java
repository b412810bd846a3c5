package dev.ballast.venue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * One leg to route: sell {@code amountIn} raw units of {@code tokenIn} for {@code tokenOut}.
 *
 * @param oracleOut  raw units of tokenOut that amountIn is worth at the oracle's prices (the benchmark a fill is
 *                   measured against)
 * @param gasCostOut what one unit of gas costs at the current base fee + tip, in raw units of tokenOut (so gas and
 *                   output compare in one unit)
 */
public record LegRequest(String tokenIn, String tokenOut, BigInteger amountIn, BigInteger oracleOut, BigDecimal gasCostOut) {
    public LegRequest {
        Checks.name("tokenIn", tokenIn);
        Checks.name("tokenOut", tokenOut);
        Checks.positive("amountIn", amountIn);
        Checks.positive("oracleOut", oracleOut);
        if (gasCostOut == null || gasCostOut.signum() < 0) {
            throw new IllegalArgumentException("gasCostOut must be >= 0, got " + gasCostOut);
        }
    }

    /** The same leg with a different amount in (the oracle value scaled with it, rounded down). */
    public LegRequest withAmountIn(BigInteger amount) {
        return new LegRequest(tokenIn, tokenOut, amount, oracleOut.multiply(amount).divide(amountIn).max(BigInteger.ONE),
                gasCostOut);
    }

    /** Gas cost of {@code gas} units in raw tokenOut, rounded up (never underestimated). */
    public BigInteger gasCost(long gas) {
        return gasCostOut.multiply(BigDecimal.valueOf(gas)).setScale(0, RoundingMode.CEILING).toBigIntegerExact();
    }
}
