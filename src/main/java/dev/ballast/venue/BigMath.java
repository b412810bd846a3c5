package dev.ballast.venue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * ln and exp in {@link BigDecimal} at 60 significant digits: enough that the weighted formula's real value is known
 * to far below a wei before it is rounded, whatever the trade size (the on-chain Q96 math is accurate to ~1e-18).
 */
final class BigMath {
    static final MathContext MC = new MathContext(60, RoundingMode.HALF_EVEN);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal SMALL = new BigDecimal("0.01");
    private static final BigDecimal EPSILON = new BigDecimal("1e-62");

    private BigMath() {}

    /** ln(x) for x > 0: 2·atanh((x − 1)/(x + 1)), after taking out powers of two so the series converges fast. */
    static BigDecimal ln(BigDecimal x) {
        if (x.signum() <= 0) throw new ArithmeticException("ln of " + x);
        int twos = 0;
        BigDecimal m = x;
        BigDecimal upper = new BigDecimal("1.41421356237309504880");
        BigDecimal lower = new BigDecimal("0.70710678118654752440");
        while (m.compareTo(upper) > 0) {
            m = m.divide(TWO, MC);
            twos++;
        }
        while (m.compareTo(lower) < 0) {
            m = m.multiply(TWO, MC);
            twos--;
        }
        BigDecimal s = m.subtract(BigDecimal.ONE).divide(m.add(BigDecimal.ONE), MC);
        BigDecimal s2 = s.multiply(s, MC);
        BigDecimal term = s;
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = 1; term.abs().compareTo(EPSILON) > 0; k += 2) {
            sum = sum.add(term.divide(BigDecimal.valueOf(k), MC), MC);
            term = term.multiply(s2, MC);
        }
        BigDecimal lnM = sum.multiply(TWO, MC);
        return twos == 0 ? lnM : lnM.add(ln2().multiply(BigDecimal.valueOf(twos), MC), MC);
    }

    /** e^t − 1, accurate in relative terms for tiny t (where e^t − 1 would cancel). */
    static BigDecimal expm1(BigDecimal t) {
        if (t.abs().compareTo(SMALL) <= 0) return taylorExpm1(t);
        int halvings = 0;
        BigDecimal r = t;
        while (r.abs().compareTo(SMALL) > 0) {
            r = r.divide(TWO, MC);
            halvings++;
        }
        // e^(2r) − 1 = (e^r − 1)(e^r − 1 + 2)
        BigDecimal m = taylorExpm1(r);
        for (int i = 0; i < halvings; i++) m = m.multiply(m.add(TWO), MC);
        return m;
    }

    private static BigDecimal taylorExpm1(BigDecimal t) {
        BigDecimal term = t;
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = 2; term.abs().compareTo(EPSILON) > 0; k++) {
            sum = sum.add(term, MC);
            term = term.multiply(t, MC).divide(BigDecimal.valueOf(k), MC);
        }
        return sum;
    }

    private static BigDecimal ln2;

    private static synchronized BigDecimal ln2() {
        if (ln2 == null) {
            // ln 2 = 2·atanh(1/3)
            BigDecimal s = BigDecimal.ONE.divide(BigDecimal.valueOf(3), MC);
            BigDecimal s2 = s.multiply(s, MC);
            BigDecimal term = s;
            BigDecimal sum = BigDecimal.ZERO;
            for (int k = 1; term.compareTo(EPSILON) > 0; k += 2) {
                sum = sum.add(term.divide(BigDecimal.valueOf(k), MC), MC);
                term = term.multiply(s2, MC);
            }
            ln2 = sum.multiply(TWO, MC);
        }
        return ln2;
    }
}
