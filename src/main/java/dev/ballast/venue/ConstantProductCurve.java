package dev.ballast.venue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Optional;

/**
 * A Uniswap V2 pair in one direction: {@code out = in·(1e6 − fee)·R_out / (R_in·1e6 + in·(1e6 − fee))}, rounded down.
 * With {@code feePips = 3000} this is exactly {@code UniswapV2Library.getAmountOut} (its 997/1000 scaled by 1000).
 *
 * @param reserveIn  the pair's reserve of the token sold
 * @param reserveOut the pair's reserve of the token bought
 * @param feePips    fee in millionths (3000 = 0.3%)
 */
public record ConstantProductCurve(String venue, BigInteger reserveIn, BigInteger reserveOut, int feePips, long gasPerSwap)
        implements VenueCurve {
    static final BigInteger PIPS = BigInteger.valueOf(1_000_000);

    public ConstantProductCurve {
        Checks.name("venue", venue);
        Checks.positive("reserveIn of " + venue, reserveIn);
        Checks.positive("reserveOut of " + venue, reserveOut);
        Checks.fee("feePips of " + venue, feePips);
        Checks.gas("gasPerSwap of " + venue, gasPerSwap);
    }

    @Override
    public Optional<BigInteger> amountOut(BigInteger amountIn) {
        Checks.nonNegative("amountIn", amountIn);
        if (amountIn.signum() == 0) return Optional.of(BigInteger.ZERO);
        BigInteger inWithFee = amountIn.multiply(PIPS.subtract(BigInteger.valueOf(feePips)));
        BigInteger out = inWithFee.multiply(reserveOut).divide(reserveIn.multiply(PIPS).add(inWithFee));
        // the pair refuses a swap that pays nothing (INSUFFICIENT_OUTPUT_AMOUNT)
        return out.signum() == 0 ? Optional.empty() : Optional.of(out);
    }

    @Override
    public BigDecimal marginalRate() {
        return new BigDecimal(reserveOut.multiply(PIPS.subtract(BigInteger.valueOf(feePips))))
                .divide(new BigDecimal(reserveIn.multiply(PIPS)), MathContext.DECIMAL128);
    }

    @Override
    public String kind() {
        return "v2 " + Checks.percent(feePips);
    }
}
