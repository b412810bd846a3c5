package dev.ballast.deploy;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Weighted-pool formulas in 60-significant-digit decimals: the reference the tests judge the on-chain fixed point
 * against, and the sizing of the dev arbitrage bot (token amounts are never doubles).
 */
public final class DecimalMath {
    public static final MathContext MC = new MathContext(60);

    private DecimalMath() {}

    public static BigDecimal exp(BigDecimal x) {
        // exp(x) = exp(x / 2^k)^(2^k): the series converges fast for the small reduced argument
        int k = 12;
        BigDecimal r = x.divide(BigDecimal.valueOf(1L << k), MC);
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ONE;
        for (int n = 1; n < 60; n++) {
            term = term.multiply(r, MC).divide(BigDecimal.valueOf(n), MC);
            sum = sum.add(term, MC);
        }
        for (int i = 0; i < k; i++) sum = sum.multiply(sum, MC);
        return sum;
    }

    public static BigDecimal ln(BigDecimal x) {
        // Halley iteration on exp(y) = x, from the double estimate; cubic convergence
        BigDecimal y = BigDecimal.valueOf(Math.log(x.doubleValue()));
        for (int i = 0; i < 6; i++) {
            BigDecimal ey = exp(y);
            y = y.add(BigDecimal.TWO.multiply(x.subtract(ey, MC), MC).divide(x.add(ey, MC), MC), MC);
        }
        return y;
    }

    public static BigDecimal pow(BigDecimal base, BigDecimal exponent) {
        return exp(exponent.multiply(ln(base), MC));
    }

    /** out = Bo (1 - (Bi / (Bi + Ai(1 - fee)))^(wi/wo)), all in whole tokens. */
    public static BigDecimal outGivenIn(BigDecimal bi, BigDecimal wi, BigDecimal bo, BigDecimal wo, BigDecimal ai,
            BigDecimal fee) {
        BigDecimal net = ai.multiply(BigDecimal.ONE.subtract(fee), MC);
        BigDecimal ratio = bi.divide(bi.add(net, MC), MC);
        return bo.multiply(BigDecimal.ONE.subtract(pow(ratio, wi.divide(wo, MC)), MC), MC);
    }
}
