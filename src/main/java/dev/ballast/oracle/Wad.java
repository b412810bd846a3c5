package dev.ballast.oracle;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** 18-decimal fixed point, as the contracts use; rounding direction in the names. */
public final class Wad {
    public static final int DECIMALS = 18;
    public static final BigInteger ONE = BigInteger.TEN.pow(DECIMALS);

    private Wad() {
    }

    /** value × 1e18, digits beyond the 18th dropped (the router's normalizeDown for > 18 decimals). */
    public static BigInteger fromDecimalDown(BigDecimal value) {
        return value.movePointRight(DECIMALS).setScale(0, RoundingMode.DOWN).toBigIntegerExact();
    }

    public static BigDecimal toDecimal(BigInteger wad) {
        return new BigDecimal(wad, DECIMALS);
    }

    /** floor((a + b) / 2), the router's Median.midpointDown. */
    public static BigInteger midpointDown(BigInteger a, BigInteger b) {
        return a.add(b).shiftRight(1);
    }

    /** ceil((hi - lo) × 1e18 / lo), the router's OracleMath.relativeSpreadUp. Requires 0 < lo <= hi. */
    public static BigInteger relativeSpreadUp(BigInteger lo, BigInteger hi) {
        BigInteger[] qr = hi.subtract(lo).multiply(ONE).divideAndRemainder(lo);
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }
}
