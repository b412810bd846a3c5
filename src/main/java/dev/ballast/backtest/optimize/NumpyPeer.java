package dev.ballast.backtest.optimize;

import dev.ballast.backtest.data.PriceSeries;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code scripts/bench/sweep_numpy.py}, the vectorised numpy implementation of the same sweep shape (all entry
 * dates of one setting at once), on the benchmark's own prices and entry dates, so {@code bench backtest} can print
 * Ballast's sweep time beside it in one run. A benchmark baseline only: nothing in the product calls Python.
 */
final class NumpyPeer {
    /** The peer's sweep: wall and CPU seconds (loading excluded) and its summary line. */
    record Timing(double wallSeconds, double cpuSeconds, String line) {}

    private static final Pattern TIMES = Pattern.compile("in ([0-9.]+) s wall, ([0-9.]+) s cpu");

    private NumpyPeer() {}

    /** The script beside the installation ({@code ballast.contracts.dir}'s parent) or under the working directory. */
    static Path script() {
        String contracts = System.getProperty("ballast.contracts.dir");
        Path root = contracts != null ? Path.of(contracts).toAbsolutePath().getParent() : Path.of("");
        return root.resolve("scripts/bench/sweep_numpy.py");
    }

    /** Runs the peer, or explains in the exception why it could not (no python3, no numpy, no script). */
    static Timing run(Path script, PriceSeries prices, int[] starts, int horizon, int bands)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(script)) throw new IOException("numpy peer script not found: " + script);
        Path dir = Files.createTempDirectory("ballast-numpy-peer");
        try {
            Path pricesCsv = dir.resolve("prices.csv");
            try (Writer w = Files.newBufferedWriter(pricesCsv, StandardCharsets.US_ASCII)) {
                for (int t = 0; t < prices.size(); t++) {
                    for (int i = 0; i < prices.assetCount(); i++) {
                        if (i > 0) w.write(',');
                        w.write(Double.toString(prices.price(t, i)));
                    }
                    w.write('\n');
                }
            }
            StringBuilder rows = new StringBuilder();
            for (int s : starts) rows.append(s).append('\n');
            Path startsFile = Files.writeString(dir.resolve("starts.txt"), rows);
            Process p = new ProcessBuilder("python3", script.toString(), "--prices", pricesCsv.toString(), "--starts",
                    startsFile.toString(), "--horizon", Integer.toString(horizon), "--bands", Integer.toString(bands))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException("numpy peer failed: " + out);
            }
            Matcher m = TIMES.matcher(out);
            if (!m.find()) throw new IOException("numpy peer printed no timing: " + out);
            return new Timing(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), out);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        }
    }

    /** "x.x× faster" or "x.x× slower" for Ballast's seconds against the peer's. */
    static String ratio(double ballast, double peer) {
        return ballast <= peer ? String.format(Locale.ROOT, "%.2f× faster", peer / ballast)
                : String.format(Locale.ROOT, "%.2f× slower", ballast / peer);
    }
}
