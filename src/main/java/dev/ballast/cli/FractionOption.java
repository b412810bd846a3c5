package dev.ballast.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one unit rule for fraction options of {@code backtest} (band, correction benefit, pool volume, harvest loss),
 * the same as the keeper config's: {@code 5%} is five percent, a bare {@code 0.05} is the fraction 0.05. A bare
 * number of 1 or more is refused as ambiguous ({@code --band 5} could mean 5% or 500%), so a value written in one
 * convention can never be read in the other.
 */
final class FractionOption {
    private FractionOption() {}

    /** The fraction {@code text} denotes, exactly; the error names {@code option}. */
    static BigDecimal parse(String option, String text) {
        String s = text.strip();
        boolean percent = s.endsWith("%");
        BigDecimal v;
        try {
            v = new BigDecimal(percent ? s.substring(0, s.length() - 1).strip() : s);
        } catch (NumberFormatException e) {
            throw new UserInputException(option + " " + text + ": not a number (write 5% or 0.05)");
        }
        if (v.signum() < 0) throw new UserInputException(option + " " + text + ": must be >= 0");
        if (percent) return v.divide(BigDecimal.valueOf(100));
        if (v.compareTo(BigDecimal.ONE) >= 0) {
            throw new UserInputException(option + " " + text + ": ambiguous; a bare number is a fraction below 1 "
                    + "(0.05 = 5%), a percent needs the sign (" + v.stripTrailingZeros().toPlainString() + "%)");
        }
        return v;
    }

    /** The fraction as an 18-decimal integer, rounded half up (exact for every value of at most 18 decimals). */
    static long wad(BigDecimal fraction) {
        return fraction.movePointRight(18).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** {@code 0.05} as "5%". */
    static String percent(BigDecimal fraction) {
        return fraction.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
