package dev.ballast.backtest.report;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report's data as CSV files (RFC 4180 quoting, full double precision, empty cell for a missing value):
 * {@code strategies.csv} one row per strategy with a column per measure; the others in long form, one value per row.
 */
public final class CsvReportWriter {
    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
    /**
     * Rows quoted by jackson-dataformat-csv: a cell is quoted only when it holds a comma, a quote (then doubled) or a
     * line feed. The strict check is needed because Jackson's default also quotes every cell with a space or a '%'.
     */
    private static final ObjectWriter ROW = CSV.writer(CsvSchema.emptySchema().withLineSeparator("\n"));
    /**
     * The strict check (2.17) leaves a carriage return, and a leading or trailing space, unquoted; a lone CR breaks
     * the row in most readers and an edge space is trimmed by some. A row holding one is written with every cell
     * quoted.
     */
    private static final ObjectWriter QUOTED_ROW = ROW.with(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS);

    private CsvReportWriter() {
    }

    /** Writes every non-empty part into {@code dir} and returns the files written. */
    public static List<Path> writeAll(ReportData data, Path dir) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            file(written, dir, "strategies.csv", !data.strategies().isEmpty(), w -> writeStrategies(data, w));
            file(written, dir, "frontier.csv", !data.frontier().isEmpty(), w -> writeFrontier(data, w));
            file(written, dir, "weights.csv", !data.weights().isEmpty(), w -> writeWeights(data, w));
            file(written, dir, "drift.csv", !data.drift().isEmpty(), w -> writeDrift(data, w));
            file(written, dir, "costs.csv", !data.costs().isEmpty(), w -> writeCosts(data, w));
            file(written, dir, "distributions.csv", !data.distributions().isEmpty(), w -> writeDistributions(data, w));
            file(written, dir, "regimes.csv", !data.regimes().isEmpty(), w -> writeRegimes(data, w));
        } catch (IOException e) {
            throw new UncheckedIOException("writing CSV report to " + dir, e);
        }
        return written;
    }

    private interface Body {
        void write(Appendable out) throws IOException;
    }

    private static void file(List<Path> written, Path dir, String name, boolean any, Body body) throws IOException {
        if (!any) {
            return;
        }
        Path p = dir.resolve(name);
        try (Writer w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
            body.write(w);
        }
        written.add(p);
    }

    public static void writeStrategies(ReportData data, Appendable out) throws IOException {
        List<String> names = data.measureNames();
        List<String> head = new ArrayList<>(List.of("strategy"));
        head.addAll(names);
        row(out, head);
        for (StrategyRow s : data.strategies()) {
            row(out, withValues(List.of(s.name()), names, s.measures()));
        }
    }

    public static void writeFrontier(ReportData data, Appendable out) throws IOException {
        row(out, List.of("strategy", "turnover", "tracking_error", "dominated"));
        for (FrontierPoint p : data.frontier()) {
            row(out, List.of(p.label(), Fmt.exact(p.turnover()), Fmt.exact(p.trackingError()),
                    Boolean.toString(p.dominated())));
        }
    }

    public static void writeWeights(ReportData data, Appendable out) throws IOException {
        row(out, List.of("strategy", "time", "timestamp", "asset", "weight"));
        for (WeightSeries w : data.weights()) {
            for (int t = 0; t < w.timestamps().length; t++) {
                for (int a = 0; a < w.assets().size(); a++) {
                    long ts = w.timestamps()[t];
                    row(out, List.of(w.strategy(), Fmt.time(ts), Long.toString(ts), w.assets().get(a),
                            Fmt.exact(w.weights()[t][a])));
                }
            }
        }
    }

    public static void writeDrift(ReportData data, Appendable out) throws IOException {
        row(out, List.of("strategy", "time", "timestamp", "drift", "band"));
        for (DriftSeries d : data.drift()) {
            for (int t = 0; t < d.timestamps().length; t++) {
                long ts = d.timestamps()[t];
                row(out, List.of(d.strategy(), Fmt.time(ts), Long.toString(ts), Fmt.exact(d.drift()[t]),
                        Fmt.exact(d.band())));
            }
        }
    }

    public static void writeCosts(ReportData data, Appendable out) throws IOException {
        row(out, List.of("strategy", "component", "amount"));
        for (CostBreakdown c : data.costs()) {
            for (Map.Entry<String, Double> e : c.components().entrySet()) {
                row(out, List.of(c.strategy(), e.getKey(), Fmt.exact(e.getValue())));
            }
        }
    }

    public static void writeDistributions(ReportData data, Appendable out) throws IOException {
        row(out, List.of("quantity", "index", "value"));
        for (Distribution d : data.distributions()) {
            for (int i = 0; i < d.samples().length; i++) {
                row(out, List.of(d.name(), Integer.toString(i), Fmt.exact(d.samples()[i])));
            }
        }
    }

    public static void writeRegimes(ReportData data, Appendable out) throws IOException {
        List<String> names = data.regimes().stream().flatMap(r -> r.measures().keySet().stream()).distinct().toList();
        List<String> head = new ArrayList<>(List.of("regime", "strategy"));
        head.addAll(names);
        row(out, head);
        for (RegimeSplit r : data.regimes()) {
            row(out, withValues(List.of(r.regime(), r.strategy()), names, r.measures()));
        }
    }

    private static List<String> withValues(List<String> first, List<String> keys, Map<String, Double> values) {
        List<String> cells = new ArrayList<>(first);
        for (String k : keys) {
            Double v = values.get(k);
            cells.add(v == null ? "" : Fmt.exact(v));
        }
        return cells;
    }

    /** One CSV row (RFC 4180) ended by a line feed; the writer every CSV output of the backtester goes through. */
    public static void row(Appendable out, List<String> cells) throws IOException {
        boolean quoteAll = cells.stream().anyMatch(c -> c.indexOf('\r') >= 0 || !c.equals(c.strip()));
        out.append((quoteAll ? QUOTED_ROW : ROW).writeValueAsString(cells));
    }
}
