package dev.ballast.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A price source's own time of its value, as exchanges write it: Unix seconds ({@code 1764493130}, CoinGecko's
 * {@code last_updated_at}), Unix milliseconds ({@code 1764493140000}, Binance's {@code closeTime}), either as a JSON
 * number or a numeric string, possibly with a fraction, or ISO-8601 text ({@code 2025-11-30T08:59:00.123456Z},
 * Coinbase Exchange's {@code time}; an offset such as {@code +02:00} is accepted too). Numbers before 2001 are
 * refused rather than read as 1970: they are a price or an id picked up by a wrong path.
 */
final class SourceTimestamp {
    /**
     * Numbers at or above this are milliseconds: 1e11 seconds is the year 5138, 1e11 milliseconds is 1973, so the two
     * ranges any real timestamp falls in do not overlap.
     */
    static final BigDecimal MILLIS_FROM = new BigDecimal("100000000000");
    /** Seconds below this (2001-09-09) are no exchange's clock: a price or an id at the wrong path. */
    static final BigDecimal EARLIEST_SECONDS = new BigDecimal("1000000000");

    private SourceTimestamp() {
    }

    /** The instant, or empty when the node is neither a positive number nor ISO-8601 text. */
    static Optional<Instant> parse(JsonNode node) {
        Optional<BigDecimal> number = node.isNumber() ? Optional.of(node.decimalValue()) : numericText(node);
        if (number.isPresent()) {
            BigDecimal n = number.get();
            if (n.compareTo(EARLIEST_SECONDS) < 0) return Optional.empty();
            BigDecimal millis = n.compareTo(MILLIS_FROM) >= 0 ? n : n.movePointRight(3);
            try {
                return Optional.of(Instant.ofEpochMilli(millis.longValue()));
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
        if (!node.isTextual()) return Optional.empty();
        String text = node.textValue().trim();
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException notUtc) {
            try {
                return Optional.of(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }

    private static Optional<BigDecimal> numericText(JsonNode node) {
        if (!node.isTextual()) return Optional.empty();
        try {
            return Optional.of(new BigDecimal(node.textValue().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
