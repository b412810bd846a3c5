package dev.ballast.backtest.report;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.backtest.BacktestResult;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The value path: NAV per bar per strategy (after the bar's trades and costs), in full double precision, so a user
 * can rebuild any measure or chart elsewhere. {@code nav.csv}: one row per bar ({@code date,timestamp}, then one
 * column per strategy, in report order); {@code nav.json}: {@code {"dates": [...], "timestamps": [...], "nav":
 * {strategy: [...]}}}. All results must share the bars (they do: one price series per run).
 */
public final class NavPathWriter {
    private NavPathWriter() {}

    /** Writes both files into {@code dir}; returns them. */
    public static List<Path> write(List<BacktestResult> results, Path dir) throws IOException {
        if (results.isEmpty()) throw new IllegalArgumentException("no results to export");
        long[] ts = results.get(0).timestamps();
        for (BacktestResult r : results) {
            if (r.nav().length != ts.length) throw new IllegalArgumentException(r.strategy() + ": other bars");
        }
        Path csv = dir.resolve("nav.csv");
        try (Writer w = Files.newBufferedWriter(csv)) {
            List<String> head = new ArrayList<>(List.of("date", "timestamp"));
            for (BacktestResult r : results) head.add(r.strategy());
            CsvReportWriter.row(w, head);
            // the rows are a date and numbers: nothing in them can need quoting
            for (int t = 0; t < ts.length; t++) {
                StringBuilder row = new StringBuilder(Fmt.time(ts[t])).append(',').append(ts[t]);
                for (BacktestResult r : results) row.append(',').append(r.nav()[t]);
                w.write(row.append('\n').toString());
            }
        }
        JsonMapper mapper = new JsonMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode dates = root.putArray("dates");
        ArrayNode stamps = root.putArray("timestamps");
        for (long t : ts) {
            dates.add(Fmt.time(t));
            stamps.add(t);
        }
        ObjectNode nav = root.putObject("nav");
        for (BacktestResult r : results) {
            ArrayNode a = nav.putArray(r.strategy());
            for (double v : r.nav()) a.add(v);
        }
        Path json = dir.resolve("nav.json");
        mapper.writeValue(json.toFile(), root);
        return List.of(csv, json);
    }
}
