package dev.ballast.deploy.plan;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.crypto.Keys;

/** Parsers for the deployment file's value types; each message says what is allowed. */
final class SpecValues {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(s|m|h|d)");
    private static final Pattern SECRET = Pattern.compile("(0x)?[0-9a-fA-F]{64}");

    private SpecValues() {}

    static boolean looksSecret(String text) {
        return SECRET.matcher(text.strip()).matches();
    }

    static Fields.Parser<String> name() {
        return s -> {
            if (!NAME.matcher(s).matches()) {
                throw new IllegalArgumentException("must be 1-64 characters: letters, digits, '.', '_', '-'");
            }
            return s;
        };
    }

    static Fields.Parser<String> text(int maxLength) {
        return s -> {
            if (s.isBlank() || s.length() > maxLength) {
                throw new IllegalArgumentException("must be 1 to " + maxLength + " characters");
            }
            return s;
        };
    }

    static Fields.Parser<String> envName() {
        return s -> {
            if (!ENV_NAME.matcher(s).matches()) {
                throw new IllegalArgumentException("must be the NAME of an environment variable");
            }
            return s;
        };
    }

    /** A 20-byte address, returned checksummed; mixed case must already be a valid EIP-55 checksum. */
    static Fields.Parser<String> address() {
        return s -> {
            if (!ADDRESS.matcher(s).matches()) {
                throw new IllegalArgumentException("must be an address: 0x followed by 40 hex digits");
            }
            String hex = s.substring(2);
            boolean mixed = !hex.equals(hex.toLowerCase(Locale.ROOT)) && !hex.equals(hex.toUpperCase(Locale.ROOT));
            if (mixed && !Keys.toChecksumAddress(s).equals(s)) {
                throw new IllegalArgumentException("has an invalid EIP-55 checksum (mistyped?)");
            }
            if (new BigInteger(hex, 16).signum() == 0) throw new IllegalArgumentException("must not be the zero address");
            return Keys.toChecksumAddress(s);
        };
    }

    static Fields.Parser<Long> integer(long min, long max) {
        return s -> {
            try {
                long v = Long.parseLong(s);
                if (v >= min && v <= max) return v;
            } catch (NumberFormatException ignored) {
                // fall through to the message
            }
            throw new IllegalArgumentException("must be a whole number in [" + min + ", " + max + "]");
        };
    }

    /** A decimal fraction in [min, max] returned as 18-decimal fixed point (exact: more than 18 decimals is refused). */
    static Fields.Parser<BigInteger> wad(String min, String max) {
        BigDecimal lo = new BigDecimal(min);
        BigDecimal hi = new BigDecimal(max);
        String allowed = "must be a decimal in [" + min + ", " + max + "] with at most 18 decimals";
        return s -> {
            try {
                BigDecimal v = new BigDecimal(s);
                if (v.compareTo(lo) >= 0 && v.compareTo(hi) <= 0) return v.movePointRight(18).toBigIntegerExact();
            } catch (NumberFormatException | ArithmeticException ignored) {
                // fall through to the message
            }
            throw new IllegalArgumentException(allowed);
        };
    }

    static Fields.Parser<BigDecimal> positiveDecimal() {
        return s -> {
            try {
                BigDecimal v = new BigDecimal(s);
                if (v.signum() > 0) return v;
            } catch (NumberFormatException ignored) {
                // fall through to the message
            }
            throw new IllegalArgumentException("must be a positive decimal number");
        };
    }

    /** A duration written 90s, 30m, 1h30m or 7d, returned in seconds and bounded to [min, max] seconds. */
    static Fields.Parser<Long> seconds(long min, long max) {
        String allowed = "must be a duration between " + show(min) + " and " + show(max) + " written like 90s, 30m, 1h30m, 7d";
        return s -> {
            Matcher m = DURATION_PART.matcher(s);
            long total = 0;
            int end = 0;
            while (m.lookingAt()) {
                long n = Long.parseLong(m.group(1));
                total += n * switch (m.group(2)) {
                    case "s" -> 1;
                    case "m" -> 60;
                    case "h" -> 3600;
                    default -> 86_400;
                };
                end = m.end();
                m.region(end, s.length());
            }
            if (end == 0 || end != s.length() || total < min || total > max) throw new IllegalArgumentException(allowed);
            return total;
        };
    }

    static String show(long seconds) {
        if (seconds == 0) return "0s";
        if (seconds % 86_400 == 0) return seconds / 86_400 + "d";
        if (seconds % 3600 == 0) return seconds / 3600 + "h";
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
