package dev.ballast.deploy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** Whole-token amounts to and from raw integer units, exactly (token amounts are never doubles). */
public final class TokenAmounts {
    private TokenAmounts() {}

    /** {@code "1.5"} with 6 decimals → 1500000. More fractional digits than the token has is an error, not a rounding. */
    public static BigInteger toRaw(BigDecimal amount, int decimals) {
        try {
            return amount.movePointRight(decimals).toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "amount " + amount.toPlainString() + " has more than " + decimals + " decimal places", e);
        }
    }

    public static BigInteger toRaw(String amount, int decimals) {
        return toRaw(new BigDecimal(amount), decimals);
    }

    public static BigDecimal fromRaw(BigInteger raw, int decimals) {
        return new BigDecimal(raw, decimals);
    }

    /** An 18-decimal fixed-point value (price, weight) as a decimal. */
    public static BigDecimal fromWad(BigInteger wad) {
        return new BigDecimal(wad, 18);
    }

    /** Rounded for display only. */
    public static String format(BigInteger raw, int decimals, int shownDecimals) {
        return fromRaw(raw, decimals).setScale(Math.min(shownDecimals, decimals), RoundingMode.DOWN).toPlainString();
    }
}
