package dev.ballast.backtest.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a price CSV: a header line, one time column named {@code date}, {@code time}, {@code timestamp} or
 * {@code datetime} (values {@code yyyy-MM-dd}, epoch seconds, or ISO date-time; UTC), and one column per asset.
 * Rows must be in strictly increasing time order. Blank lines and lines starting with {@code #} are skipped.
 *
 * <p>Missing cells ({@code ""}, {@code NA}, {@code NaN}, {@code null}, {@code .}, {@code -}) are handled by
 * <b>forward-fill</b>: the asset keeps its previous price, i.e. a zero return that day (a market closed while
 * others trade). Rows with no price at all are dropped as non-trading days; rows before every asset has had a
 * first price are dropped, since no price can be invented for them. More than {@code maxConsecutiveFills}
 * fills in a row for one asset means stale data and is an error. Everything filled or dropped, and every
 * calendar gap, is listed in the {@link LoadReport}. Anything else wrong fails with a {@link PriceDataException}
 * naming the line, column and value.
 */
public final class PriceCsvReader {
    public static final int DEFAULT_MAX_CONSECUTIVE_FILLS = 5;
    private static final Set<String> MISSING = Set.of("", "na", "nan", "null", ".", "-", "#n/a");

    private final int maxConsecutiveFills;

    public PriceCsvReader() {
        this(DEFAULT_MAX_CONSECUTIVE_FILLS);
    }

    public PriceCsvReader(int maxConsecutiveFills) {
        if (maxConsecutiveFills < 0) {
            throw new IllegalArgumentException("maxConsecutiveFills = " + maxConsecutiveFills + ": must be >= 0");
        }
        this.maxConsecutiveFills = maxConsecutiveFills;
    }

    public LoadedPrices read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.getFileName().toString());
        } catch (IOException e) {
            throw new PriceDataException(file.toString(), "cannot read: " + e.getMessage(), e);
        }
    }

    public LoadedPrices read(Reader reader, String source) {
        List<RawRow> rows = new ArrayList<>();
        Header header = null;
        boolean dateOnly = true;
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        int lineNo = 0;
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank() || line.stripLeading().startsWith("#")) {
                    continue;
                }
                if (header == null) {
                    header = Header.parse(source, lineNo, line);
                    continue;
                }
                RawRow row = parseRow(source, lineNo, line, header, rows.isEmpty() ? null : rows.getLast());
                dateOnly &= row.dateOnly();
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": read failed after line " + lineNo, e);
        }
        if (header == null) {
            throw new PriceDataException(source, "empty file: expected a header line like 'date,ASSET1,ASSET2'");
        }
        if (rows.isEmpty()) {
            throw new PriceDataException(source, "no data rows after the header");
        }
        return new ForwardFill(source, header.assets(), maxConsecutiveFills).apply(rows, dateOnly);
    }

    private static RawRow parseRow(String source, int lineNo, String line, Header header, RawRow previous) {
        List<String> fields = CsvFields.split(line);
        if (fields == null) {
            throw new PriceDataException(source, lineNo, "a quote is opened but never closed");
        }
        if (fields.size() != header.columns()) {
            throw new PriceDataException(source, lineNo, "expected " + header.columns() + " columns "
                    + "(as in the header), found " + fields.size());
        }
        String timeText = fields.get(header.timeIndex());
        long ts = parseTime(source, lineNo, header.timeName(), timeText);
        if (previous != null && ts == previous.timestamp()) {
            throw new PriceDataException(source, lineNo, "duplicate " + header.timeName() + " " + timeText
                    + " (first on line " + previous.line() + ")");
        }
        if (previous != null && ts < previous.timestamp()) {
            throw new PriceDataException(source, lineNo, header.timeName() + " " + timeText + " is before "
                    + LoadReport.format(previous.timestamp()) + " on line " + previous.line()
                    + "; rows must be in increasing time order");
        }
        double[] values = new double[header.assets().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = parsePrice(source, lineNo, header.assets().get(i), fields.get(header.assetIndex(i)));
        }
        return new RawRow(lineNo, ts, TimeColumn.isDateOnly(timeText), values);
    }

    private static long parseTime(String source, int lineNo, String column, String text) {
        if (text.isEmpty()) {
            throw new PriceDataException(source, lineNo, "column '" + column + "' is empty");
        }
        try {
            return TimeColumn.parse(text).orElseThrow(() -> new PriceDataException(source, lineNo,
                    "column '" + column + "': '" + text + "' is not a date (yyyy-MM-dd), epoch seconds or ISO date-time"));
        } catch (TimeColumn.MillisecondsException e) {
            throw new PriceDataException(source, lineNo, "column '" + column + "': '" + text
                    + "' looks like epoch milliseconds; epoch seconds are expected");
        }
    }

    /** The price in a cell, or NaN when the cell is a missing-value marker. */
    private static double parsePrice(String source, int lineNo, String asset, String text) {
        if (MISSING.contains(text.toLowerCase(Locale.ROOT))) {
            return Double.NaN;
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new PriceDataException(source, lineNo, "column '" + asset + "': '" + text + "' is not a number");
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new PriceDataException(source, lineNo, "column '" + asset + "': price " + text
                    + " must be finite and > 0");
        }
        return value;
    }

    /** One parsed data line; {@code values[i]} is NaN where the cell was missing. */
    record RawRow(int line, long timestamp, boolean dateOnly, double[] values) {
    }

    /** Column layout taken from the header line. */
    private record Header(String timeName, int timeIndex, List<String> assets, int[] assetColumns) {
        int columns() {
            return assets.size() + 1;
        }

        int assetIndex(int asset) {
            return assetColumns[asset];
        }

        static Header parse(String source, int lineNo, String line) {
            List<String> names = CsvFields.split(line);
            if (names == null) {
                throw new PriceDataException(source, lineNo, "header: a quote is opened but never closed");
            }
            int time = -1;
            for (int i = 0; i < names.size(); i++) {
                if (TimeColumn.isTimeHeader(names.get(i))) {
                    if (time >= 0) {
                        throw new PriceDataException(source, lineNo, "header has two time columns: '"
                                + names.get(time) + "' and '" + names.get(i) + "'");
                    }
                    time = i;
                }
            }
            if (time < 0) {
                throw new PriceDataException(source, lineNo, "header " + names + " has no time column; name one of "
                        + TimeColumn.NAMES.stream().sorted().toList());
            }
            List<String> assets = new ArrayList<>();
            int[] cols = new int[names.size() - 1];
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < names.size(); i++) {
                if (i == time) {
                    continue;
                }
                String name = names.get(i);
                if (name.isEmpty()) {
                    throw new PriceDataException(source, lineNo, "header column " + (i + 1) + " has no asset name"
                            + (i == 0 ? " (row numbers from R's write.csv? write with row.names = FALSE)" : ""));
                }
                if (!seen.add(name)) {
                    throw new PriceDataException(source, lineNo, "header names asset '" + name + "' twice");
                }
                cols[assets.size()] = i;
                assets.add(name);
            }
            if (assets.isEmpty()) {
                throw new PriceDataException(source, lineNo, "header has no asset columns besides '"
                        + names.get(time) + "'");
            }
            return new Header(names.get(time), time, List.copyOf(assets), cols);
        }
    }
}
