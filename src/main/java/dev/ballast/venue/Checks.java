package dev.ballast.venue;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Input checks shared by the curves: a bad value names its field. */
final class Checks {
    private Checks() {}

    static void name(String field, String value) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(field + " is required");
    }

    static void positive(String field, BigInteger value) {
        if (value == null || value.signum() <= 0) throw new IllegalArgumentException(field + " must be > 0, got " + value);
    }

    static void nonNegative(String field, BigInteger value) {
        if (value == null || value.signum() < 0) throw new IllegalArgumentException(field + " must be >= 0, got " + value);
    }

    static void fee(String field, int pips) {
        if (pips < 0 || pips >= 1_000_000) throw new IllegalArgumentException(field + " must be in [0, 1e6), got " + pips);
    }

    static void gas(String field, long gas) {
        if (gas < 0) throw new IllegalArgumentException(field + " must be >= 0, got " + gas);
    }

    /** A fee in millionths as a percentage, e.g. 500 → "0.05%". */
    static String percent(int pips) {
        return BigDecimal.valueOf(pips, 4).stripTrailingZeros().toPlainString() + "%";
    }
}
