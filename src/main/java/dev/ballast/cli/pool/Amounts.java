package dev.ballast.cli.pool;

import dev.ballast.cli.UserInputException;
import dev.ballast.deploy.TokenAmounts;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Amounts as the user types and reads them: whole-token decimals (USDC "1.5" is 1500000 raw), or raw integer units
 * with {@code --raw}. Anything that is not a positive number the token can represent is refused, naming the field.
 */
final class Amounts {
    /** LP tokens: the pool is its own 18-decimal ERC20. */
    static final int LP_DECIMALS = 18;

    private Amounts() {}

    /** A strictly positive amount of a token with {@code decimals}, as raw units. */
    static BigInteger parse(String field, String text, int decimals, String symbol, boolean raw) {
        BigDecimal value;
        try {
            value = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new UserInputException(field + ": '" + text + "' is not a number");
        }
        if (value.signum() <= 0) {
            throw new UserInputException(field + ": " + text + " " + symbol + " must be greater than zero");
        }
        if (raw) {
            try {
                return value.toBigIntegerExact();
            } catch (ArithmeticException e) {
                throw new UserInputException(field + ": " + text + " is not a whole number of raw units (--raw)");
            }
        }
        try {
            return TokenAmounts.toRaw(value, decimals);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(field + ": " + text + " has more decimal places than " + symbol + " has ("
                    + decimals + ")");
        }
    }

    /** An amount for display: exact whole-token decimals (trailing zeros dropped), or raw units. */
    static String format(BigInteger raw, int decimals, boolean rawUnits) {
        if (rawUnits) return raw.toString();
        BigDecimal value = TokenAmounts.fromRaw(raw, decimals).stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0, RoundingMode.UNNECESSARY).toPlainString() : value.toPlainString();
    }

    /** {@code amount × (1 − bps/10000)}, rounded down: the least a trade may return. */
    static BigInteger minusSlippage(BigInteger amount, int bps) {
        return amount.multiply(BigInteger.valueOf(10_000L - bps)).divide(BigInteger.valueOf(10_000));
    }

    /** {@code amount × (1 + bps/10000)}, rounded up: the most a trade may take. */
    static BigInteger plusSlippage(BigInteger amount, int bps) {
        BigInteger[] qr = amount.multiply(BigInteger.valueOf(10_000L + bps)).divideAndRemainder(BigInteger.valueOf(10_000));
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    /** Slippage given as a percentage, e.g. "0.5" → 50 basis points. */
    static int slippageBps(BigDecimal percent) {
        if (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(50)) > 0) {
            throw new UserInputException("--slippage: " + percent.toPlainString() + "% must be between 0 and 50");
        }
        try {
            return percent.movePointRight(2).intValueExact();
        } catch (ArithmeticException e) {
            throw new UserInputException("--slippage: " + percent.toPlainString() + "% has more than 2 decimal places");
        }
    }
}
