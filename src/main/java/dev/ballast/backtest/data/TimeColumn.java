package dev.ballast.backtest.data;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Recognises the time column and turns its values into epoch seconds (UTC). */
final class TimeColumn {
    static final Set<String> NAMES = Set.of("date", "time", "timestamp", "datetime");

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern EPOCH = Pattern.compile("-?\\d+");
    /** Epoch seconds pass 1e11 only in the year 5138; such values are almost surely milliseconds. */
    private static final long MAX_EPOCH_SECONDS = 100_000_000_000L;

    private TimeColumn() {
    }

    static boolean isTimeHeader(String header) {
        return NAMES.contains(header.toLowerCase(Locale.ROOT));
    }

    static boolean isDateOnly(String value) {
        return ISO_DATE.matcher(value).matches();
    }

    /** Epoch seconds of a yyyy-MM-dd date (UTC midnight), epoch-seconds integer or ISO date-time; empty if none fits. */
    static Optional<Long> parse(String value) throws MillisecondsException {
        try {
            if (isDateOnly(value)) {
                return Optional.of(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toEpochSecond());
            }
            if (EPOCH.matcher(value).matches()) {
                long seconds = Long.parseLong(value);
                if (Math.abs(seconds) >= MAX_EPOCH_SECONDS) {
                    throw new MillisecondsException();
                }
                return Optional.of(seconds);
            }
            return parseDateTime(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> parseDateTime(String raw) {
        // "2024-01-01 10:00:00" (SQL and spreadsheet exports) is ISO with a space for the 'T'.
        String value = raw.length() > 10 && raw.charAt(10) == ' ' ? raw.substring(0, 10) + 'T' + raw.substring(11) : raw;
        try {
            return Optional.of(OffsetDateTime.parse(value).toEpochSecond());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.parse(value).getEpochSecond());
            } catch (DateTimeParseException e2) {
                return Optional.of(LocalDateTime.parse(value).toEpochSecond(ZoneOffset.UTC));
            }
        }
    }

    /** The value looks like epoch milliseconds, which would silently put every row thousands of years ahead. */
    static final class MillisecondsException extends Exception {
        private static final long serialVersionUID = 1L;
    }
}
