package dev.ballast.backtest.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;

/** Number and date formatting shared by every writer, so a figure reads the same in the table, CSV and HTML. */
public final class Fmt {
    private Fmt() {
    }

    /**
     * Four significant digits by magnitude: thousands grouped from 10,000, scientific below 0.001 (a rounding residue
     * such as 2.612e-13 must not print as a row of zeros); "n/a" for NaN. E.g. 2.612e-13, 0.01235, 12.35, 12,346.
     */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        if (Math.abs(v) >= 10_000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (Math.abs(v) < 0.001) {
            BigDecimal d = new BigDecimal(v).round(new MathContext(4));
            int exponent = d.precision() - d.scale() - 1;
            return d.movePointLeft(exponent).stripTrailingZeros().toPlainString() + "e" + exponent;
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** A fraction as a percentage with two decimals: 0.1234 -> "12.34%". */
    public static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }

    /** Full precision for machine-readable output (CSV): shortest text that parses back to the same double. */
    public static String exact(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /** UTC date for midnight timestamps, else the UTC instant. */
    public static String time(long epochSeconds) {
        Instant at = Instant.ofEpochSecond(epochSeconds);
        return epochSeconds % 86_400 == 0 ? at.atZone(ZoneOffset.UTC).toLocalDate().toString() : at.toString();
    }
}
