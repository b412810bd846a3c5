package dev.ballast.oracle;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A price observed from one source.
 *
 * @param asset       the asset's symbol or address, as configured
 * @param source      the source's configured name
 * @param price       numeraire units per whole asset token (exact decimal, as the source reported it)
 * @param observedAt  when the source's value was observed (the response time for HTTP sources)
 */
public record PriceQuote(String asset, String source, BigDecimal price, Instant observedAt) implements PriceReading {
    public PriceQuote {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(observedAt, "observedAt");
    }
}
