package dev.ballast.backtest.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Applies the forward-fill policy described on {@link PriceCsvReader} and builds the load report. */
final class ForwardFill {
    private final String source;
    private final List<String> assets;
    private final int maxConsecutiveFills;

    ForwardFill(String source, List<String> assets, int maxConsecutiveFills) {
        this.source = source;
        this.assets = assets;
        this.maxConsecutiveFills = maxConsecutiveFills;
    }

    LoadedPrices apply(List<PriceCsvReader.RawRow> rows, boolean dateOnly) {
        int n = assets.size();
        double[] last = new double[n];
        int[] lastLine = new int[n];
        int[] run = new int[n];
        Arrays.fill(last, Double.NaN);
        List<LoadReport.DroppedRow> dropped = new ArrayList<>();
        List<LoadReport.FilledCell> filled = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<double[]> kept = new ArrayList<>();
        for (PriceCsvReader.RawRow row : rows) {
            double[] v = row.values();
            if (Arrays.stream(v).allMatch(Double::isNaN)) {
                dropped.add(new LoadReport.DroppedRow(row.line(), row.timestamp(), "no prices (non-trading day)"));
                continue;
            }
            int unstarted = firstUnstarted(v, last);
            remember(row, last, lastLine);
            if (unstarted >= 0) {
                dropped.add(new LoadReport.DroppedRow(row.line(), row.timestamp(),
                        "before the first price of '" + assets.get(unstarted) + "'"));
                continue;
            }
            double[] out = v.clone();
            for (int i = 0; i < n; i++) {
                if (!Double.isNaN(v[i])) {
                    run[i] = 0;
                    continue;
                }
                if (++run[i] > maxConsecutiveFills) {
                    throw new PriceDataException(source, row.line(), "column '" + assets.get(i) + "': missing on more than "
                            + maxConsecutiveFills + " consecutive rows since line " + lastLine[i]
                            + "; the series looks stale (fix the file or allow more consecutive fills)");
                }
                out[i] = last[i];
                filled.add(new LoadReport.FilledCell(row.line(), row.timestamp(), assets.get(i), last[i], lastLine[i]));
            }
            times.add(row.timestamp());
            kept.add(out);
        }
        if (kept.isEmpty()) {
            throw new PriceDataException(source, "no row has a price for every asset " + assets);
        }
        long[] ts = times.stream().mapToLong(Long::longValue).toArray();
        PriceSeries series = new PriceSeries(assets, ts, kept.toArray(double[][]::new));
        LoadReport report = new LoadReport(source, rows.size(), kept.size(), dropped, filled,
                GapDetector.find(ts, dateOnly));
        return new LoadedPrices(series, report);
    }

    /** Index of an asset that is missing here and has never had a price, or -1. */
    private static int firstUnstarted(double[] v, double[] last) {
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i]) && Double.isNaN(last[i])) {
                return i;
            }
        }
        return -1;
    }

    private static void remember(PriceCsvReader.RawRow row, double[] last, int[] lastLine) {
        for (int i = 0; i < last.length; i++) {
            if (!Double.isNaN(row.values()[i])) {
                last[i] = row.values()[i];
                lastLine[i] = row.line();
            }
        }
    }
}
