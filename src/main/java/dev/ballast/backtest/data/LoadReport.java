package dev.ballast.backtest.data;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * What loading a price file did besides parsing: which cells were forward-filled, which rows were dropped and
 * where the calendar has gaps. Nothing is filled or dropped silently; {@link #summary()} says it in one line.
 *
 * @param source        file or resource name
 * @param rowsRead      data rows in the file (header, blank and comment lines excluded)
 * @param rowsKept      rows in the resulting series
 * @param droppedRows   rows not in the series, each with the reason
 * @param filledCells   cells that were missing and took the asset's previous price
 * @param gaps          intervals between consecutive kept rows longer than the file's normal step
 */
public record LoadReport(String source, int rowsRead, int rowsKept, List<DroppedRow> droppedRows,
                         List<FilledCell> filledCells, List<Gap> gaps) {

    public LoadReport {
        droppedRows = List.copyOf(droppedRows);
        filledCells = List.copyOf(filledCells);
        gaps = List.copyOf(gaps);
    }

    /** A row left out of the series. */
    public record DroppedRow(int line, long timestamp, String reason) {
    }

    /** A missing cell on {@code line} for {@code asset}, filled with {@code value} carried from {@code fromLine}. */
    public record FilledCell(int line, long timestamp, String asset, double value, int fromLine) {
    }

    /**
     * Nothing observed strictly between {@code after} and {@code before}; {@code missingSteps} normal steps are absent
     * (for dated files: weekdays, since weekends are never a gap).
     */
    public record Gap(long after, long before, int missingSteps) {
    }

    public boolean isClean() {
        return droppedRows.isEmpty() && filledCells.isEmpty() && gaps.isEmpty();
    }

    /** One line for logs and the CLI, e.g. {@code prices.csv: 1860 rows, 0 filled cells, 0 dropped rows, 2 gaps}. */
    public String summary() {
        return source + ": " + rowsKept + " rows"
                + ", " + filledCells.size() + " filled cells"
                + ", " + droppedRows.size() + " dropped rows"
                + ", " + gaps.size() + " gaps"
                + (gaps.isEmpty() ? "" : " (largest " + largestGap() + " missing steps)");
    }

    private int largestGap() {
        return gaps.stream().mapToInt(Gap::missingSteps).max().orElse(0);
    }

    /** Readable UTC rendering of a timestamp for messages: a date when it is midnight, else the instant. */
    static String format(long epochSeconds) {
        Instant at = Instant.ofEpochSecond(epochSeconds);
        return epochSeconds % 86_400 == 0 ? at.atZone(ZoneOffset.UTC).toLocalDate().toString() : at.toString();
    }
}
