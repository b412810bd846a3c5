package dev.ballast.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.web3j.crypto.Keys;

/** Parsers for the value types in keeper-config.yaml, each with its allowed range in the message. */
final class Values {
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final BigDecimal GWEI = BigDecimal.TEN.pow(9);

    private Values() {
    }

    static ValueParser<String> text() {
        return s -> {
            if (s.isBlank()) {
                throw new IllegalArgumentException("must not be empty");
            }
            return s;
        };
    }

    static ValueParser<String> name() {
        return s -> {
            if (!NAME.matcher(s).matches()) {
                throw new IllegalArgumentException("must be 1-64 characters: letters, digits, '.', '_', '-', "
                        + "starting with a letter or digit");
            }
            return s;
        };
    }

    static ValueParser<Boolean> bool() {
        return s -> switch (s) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    static ValueParser<Long> integer(long min, long max) {
        return s -> {
            long v;
            try {
                v = Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a whole number in [" + min + ", " + max + "]");
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException("must be in [" + min + ", " + max + "]");
            }
            return v;
        };
    }

    /** A decimal in a range; {@code lowOpen}/{@code highOpen} exclude the bound. */
    static ValueParser<BigDecimal> decimal(String low, boolean lowOpen, String high, boolean highOpen, String example) {
        BigDecimal lo = new BigDecimal(low);
        BigDecimal hi = new BigDecimal(high);
        String range = (lowOpen ? "(" : "[") + low + ", " + high + (highOpen ? ")" : "]");
        String allowed = "must be a number in " + range + ", e.g. " + example;
        return s -> {
            BigDecimal v;
            try {
                v = new BigDecimal(s.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(allowed);
            }
            int cLo = v.compareTo(lo);
            int cHi = v.compareTo(hi);
            if (cLo < 0 || (lowOpen && cLo == 0) || cHi > 0 || (highOpen && cHi == 0)) {
                throw new IllegalArgumentException(allowed);
            }
            return v;
        };
    }

    /** Gwei as a decimal with at most 9 fractional digits, returned in wei. */
    static ValueParser<BigInteger> gwei(String low, boolean lowOpen, String high) {
        ValueParser<BigDecimal> amount = decimal(low, lowOpen, high, false, "1.5");
        return s -> {
            BigDecimal g = amount.parse(s);
            BigDecimal wei = g.multiply(GWEI);
            if (wei.stripTrailingZeros().scale() > 0) {
                throw new IllegalArgumentException("gwei has at most 9 decimals (1 wei = 0.000000001 gwei)");
            }
            return wei.toBigIntegerExact();
        };
    }

    /**
     * Durations as {@code 250ms}, {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 7d}, or ISO-8601 ({@code PT5M}).
     * A bare number is refused: "10" could mean seconds or blocks.
     */
    static ValueParser<Duration> duration(Duration min, Duration max) {
        String allowed = "must be a duration between " + show(min) + " and " + show(max)
                + " written like 250ms, 90s, 5m, 1h30m, 7d or PT5M";
        return s -> {
            Duration d = parseDuration(s.strip()).orElseThrow(() -> new IllegalArgumentException(allowed));
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new IllegalArgumentException(allowed);
            }
            return d;
        };
    }

    private static Optional<Duration> parseDuration(String s) {
        if (s.startsWith("P") || s.startsWith("p")) {
            try {
                return Optional.of(Duration.parse(s));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        Matcher m = DURATION_PART.matcher(s);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.lookingAt()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            end = m.end();
            m.region(end, s.length());
        }
        return end == s.length() && end > 0 ? Optional.of(total) : Optional.empty();
    }

    static String show(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        if (s % 86400 == 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    /** A 20-byte hex address; mixed case must be a valid EIP-55 checksum (a typo detector). */
    static ValueParser<String> address() {
        return s -> {
            if (!ADDRESS.matcher(s).matches()) {
                throw new IllegalArgumentException("must be an address: 0x followed by 40 hex digits");
            }
            String hex = s.substring(2);
            boolean mixed = !hex.equals(hex.toLowerCase(Locale.ROOT)) && !hex.equals(hex.toUpperCase(Locale.ROOT));
            if (mixed && !Keys.toChecksumAddress(s).equals(s)) {
                throw new IllegalArgumentException("has an invalid EIP-55 checksum (mistyped?); expected "
                        + Keys.toChecksumAddress(s));
            }
            return Keys.toChecksumAddress(s);
        };
    }

    static ValueParser<URI> url(String... schemes) {
        Set<String> allowed = Set.of(schemes);
        String what = "must be an absolute URL with a host, scheme " + String.join(" or ", schemes);
        return s -> {
            URI uri;
            try {
                uri = new URI(s.strip());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(what);
            }
            if (uri.getScheme() == null || !allowed.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException(what);
            }
            return uri;
        };
    }

    static ValueParser<String> envName() {
        return s -> {
            if (!ENV_NAME.matcher(s).matches()) {
                throw new IllegalArgumentException("must be the NAME of an environment variable "
                        + "(letters, digits, '_'; not starting with a digit)");
            }
            return s;
        };
    }

    static <E extends Enum<E>> ValueParser<E> oneOf(Class<E> type) {
        String choices = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        return s -> {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(s.strip())) {
                    return e;
                }
            }
            throw new IllegalArgumentException("must be one of: " + choices);
        };
    }
}
