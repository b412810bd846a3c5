package dev.ballast.paper;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * Where one quoted leg's cost went, from three numbers the chain gave: the venue's spot price, a quote of a tiny
 * amount (the marginal rate, fee included) and the quote of the leg itself. Fee = what the marginal rate lacks against
 * spot; impact = what the leg's rate lacks against the marginal rate; cost = what the leg's output lacks against the
 * router's (oracle) value of its input. Figures for a report, so doubles.
 */
record FillCosts(double feeBps, double impactBps, double costBps, double valueIn, double valueOut) {
    private static final MathContext MC = MathContext.DECIMAL64;

    static FillCosts of(BigInteger amountIn, BigInteger out, BigInteger tinyIn, BigInteger tinyOut, int decimalsIn, int decimalsOut,
            BigInteger spotWad, BigInteger priceInWad, BigInteger priceOutWad) {
        double rate = rate(amountIn, out, decimalsIn, decimalsOut);
        double marginal = rate(tinyIn, tinyOut, decimalsIn, decimalsOut);
        double spot = new BigDecimal(spotWad, 18).doubleValue();
        double fee = spot > 0 && marginal > 0 ? Math.max(0, 1 - marginal / spot) : 0;
        double impact = marginal > 0 ? Math.max(0, 1 - rate / marginal) : 0;
        double valueIn = new BigDecimal(amountIn).multiply(new BigDecimal(priceInWad, 18), MC).movePointLeft(decimalsIn).doubleValue();
        double valueOut = new BigDecimal(out).multiply(new BigDecimal(priceOutWad, 18), MC).movePointLeft(decimalsOut).doubleValue();
        double cost = valueIn > 0 ? 1 - valueOut / valueIn : 0;
        return new FillCosts(fee * 1e4, impact * 1e4, cost * 1e4, valueIn, valueOut);
    }

    /** Whole tokens out per whole token in. */
    private static double rate(BigInteger in, BigInteger out, int decimalsIn, int decimalsOut) {
        if (in.signum() == 0) return 0;
        return new BigDecimal(out).movePointLeft(decimalsOut).divide(new BigDecimal(in).movePointLeft(decimalsIn), MC).doubleValue();
    }
}
