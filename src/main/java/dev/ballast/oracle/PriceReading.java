package dev.ballast.oracle;

/** One source's answer for one asset: a quote, or a failure that says what went wrong. */
public sealed interface PriceReading permits PriceQuote, PriceFailure {
    String asset();

    String source();
}
