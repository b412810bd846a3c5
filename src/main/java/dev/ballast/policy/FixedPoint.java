package dev.ballast.policy;

/**
 * Exact integer arithmetic on scaled longs, with the rounding direction in each method's name.
 *
 * <p>Weights and fractions are 18-decimal fixed point ({@link #WAD} = 1.0), as on chain. Products such as
 * {@code value × weight} exceed 64 bits, so {@code mulDiv*} forms the full 128-bit product with
 * {@link Math#multiplyHigh} and divides it by a 64-bit divisor without allocating: a floating-point estimate of the
 * quotient corrected by the exact 128-bit remainder (the common case), else long division in base 2^32. A result that does not fit in a
 * signed long throws {@link ArithmeticException}: a policy must never act on a silently wrapped number.
 */
public final class FixedPoint {
    /** 1.0 in 18-decimal fixed point. */
    public static final long WAD = 1_000_000_000_000_000_000L;

    private static final long LOW_32 = 0xFFFF_FFFFL;
    private static final long BASE_32 = 1L << 32;

    private FixedPoint() {}

    /** {@code floor(a × b / c)} for {@code a, b >= 0} and {@code c > 0}. */
    public static long mulDivDown(long a, long b, long c) {
        checkOperands(a, b, c);
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if (hi == 0 && lo >= 0) return lo / c;
        long q = estimate(a, b, c);
        if (q >= 0) {
            long d = remainderOf(hi, lo, q, c);
            if (d != NO_FIT) return Math.addExact(q, Math.floorDiv(d, c));
        }
        return toLong(divide128(hi, lo, c, false));
    }

    /** {@code ceil(a × b / c)} for {@code a, b >= 0} and {@code c > 0}. */
    public static long mulDivUp(long a, long b, long c) {
        checkOperands(a, b, c);
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if (hi == 0 && lo >= 0) {
            long q = lo / c;
            return lo % c == 0 ? q : q + 1;
        }
        long q = estimate(a, b, c);
        if (q >= 0) {
            long d = remainderOf(hi, lo, q, c);
            if (d != NO_FIT) return Math.addExact(q, Math.floorDiv(d, c) + (Math.floorMod(d, c) == 0 ? 0 : 1));
        }
        return toLong(divide128(hi, lo, c, true));
    }

    /** Marks a {@link #remainderOf} that does not fit in a long (never a real remainder: see there). */
    private static final long NO_FIT = Long.MIN_VALUE;

    /**
     * A floating-point estimate of {@code a × b / c}, off by at most a few units in 2^53 of the result; -1 when the
     * result may not fit in a long. Only a starting point: {@link #remainderOf} measures and corrects its error
     * exactly, so the fast path is as exact as the long division.
     */
    private static long estimate(long a, long b, long c) {
        double q = (double) a * (double) b / (double) c;
        return q < 9.0e18 ? (long) q : -1;
    }

    /**
     * {@code (hi·2^64 + lo) − q × c} when it fits in a signed long (excluding {@code Long.MIN_VALUE}), else
     * {@link #NO_FIT}. Then {@code floor(a × b / c) = q + floorDiv(remainder, c)}.
     */
    private static long remainderOf(long hi, long lo, long q, long c) {
        long qh = Math.multiplyHigh(q, c);
        long ql = q * c;
        long dl = lo - ql;
        long dh = hi - qh - (Long.compareUnsigned(lo, ql) < 0 ? 1 : 0);
        return dh == (dl >> 63) && dl != NO_FIT ? dl : NO_FIT;
    }

    /** {@code floor(a × b / WAD)}: scales {@code a} by the 18-decimal fraction {@code b}, rounding down. */
    public static long mulWadDown(long a, long b) {
        return mulDivDown(a, b, WAD);
    }

    /** {@code ceil(a × b / WAD)}. */
    public static long mulWadUp(long a, long b) {
        return mulDivUp(a, b, WAD);
    }

    /** {@code floor(a × WAD / b)}: the 18-decimal fraction {@code a / b}, rounding down. */
    public static long divWadDown(long a, long b) {
        return mulDivDown(a, WAD, b);
    }

    private static void checkOperands(long a, long b, long c) {
        if (a < 0 || b < 0) throw new ArithmeticException("mulDiv operands must be non-negative: " + a + ", " + b);
        if (c <= 0) throw new ArithmeticException("mulDiv divisor must be positive: " + c);
    }

    private static long toLong(long unsignedQuotient) {
        if (unsignedQuotient < 0) throw new ArithmeticException("mulDiv result exceeds a signed long");
        return unsignedQuotient;
    }

    /**
     * Unsigned {@code (hi·2^64 + lo) / d} for {@code 0 < d < 2^63}, rounded down or up. Long division in base 2^32
     * on a normalised divisor (Knuth's algorithm D specialised to a two-digit divisor): each quotient digit is
     * estimated from the top digits and corrected at most twice.
     */
    static long divide128(long hi, long lo, long d, boolean roundUp) {
        if (Long.compareUnsigned(hi, d) >= 0) throw new ArithmeticException("mulDiv result exceeds 64 bits");
        int shift = Long.numberOfLeadingZeros(d); // >= 1 because d > 0
        long dn = d << shift;
        long dHi = dn >>> 32;
        long dLo = dn & LOW_32;
        long num32 = (hi << shift) | (lo >>> (64 - shift));
        long num10 = lo << shift;
        long num1 = num10 >>> 32;
        long num0 = num10 & LOW_32;

        long q1 = quotientDigit(num32, num1, dHi, dLo);
        long num21 = (num32 << 32) + num1 - q1 * dn;
        long q0 = quotientDigit(num21, num0, dHi, dLo);
        long quotient = (q1 << 32) | q0;
        if (!roundUp) return quotient;
        long remainder = (num21 << 32) + num0 - q0 * dn;
        if (remainder == 0) return quotient;
        if (quotient == -1L) throw new ArithmeticException("mulDiv result exceeds 64 bits");
        return quotient + 1;
    }

    /** One base-2^32 digit of {@code (top·2^32 + next) / (dHi·2^32 + dLo)}, estimated from {@code top / dHi}. */
    private static long quotientDigit(long top, long next, long dHi, long dLo) {
        long q = Long.divideUnsigned(top, dHi);
        long rem = top - q * dHi;
        while (q >= BASE_32 || Long.compareUnsigned(q * dLo, (rem << 32) | next) > 0) {
            q--;
            rem += dHi;
            if (rem >= BASE_32) break;
        }
        return q;
    }
}
