package dev.ballast.venue;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A token as a venue model needs it: its decimals and its price in the numeraire per whole token.
 *
 * @param symbol   a name for tables and errors
 * @param decimals the token's decimals, 0..18
 * @param price    numeraire per whole token, > 0
 */
public record Token(String symbol, int decimals, BigDecimal price) {
    public Token {
        Checks.name("token symbol", symbol);
        if (decimals < 0 || decimals > 18) throw new IllegalArgumentException("decimals of " + symbol + " must be in [0, 18], got " + decimals);
        if (price == null || price.signum() <= 0) throw new IllegalArgumentException("price of " + symbol + " must be > 0, got " + price);
    }

    /** Raw units worth {@code value} numeraire, rounded down. */
    public BigInteger raw(BigDecimal value) {
        return value.divide(price, BigMath.MC).movePointRight(decimals).toBigInteger();
    }
}
