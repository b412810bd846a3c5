package dev.ballast.backtest.report;

import dev.ballast.backtest.data.GbmGenerator;
import dev.ballast.backtest.data.LoadedPrices;
import dev.ballast.backtest.data.PriceCsvReader;
import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.backtest.data.SyntheticAsset;
import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Prints throughput of the data and report layers (median of timed runs after warm-up, this thread's CPU time, which
 * is the figure to trust on a shared machine): reading a 10-asset × 100,000-row price CSV, generating GBM paths, and
 * rendering a report with a 20-strategy frontier and five 10-year weight charts to HTML (charts as uPlot data).
 * Run: {@code java -cp <classpath> dev.ballast.backtest.report.DataAndReportBenchmark [runs]}.
 */
public final class DataAndReportBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private DataAndReportBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        List<SyntheticAsset> assets = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            assets.add(new SyntheticAsset("X" + i, 100, 0.05, 0.2 + 0.03 * i));
        }
        GbmGenerator gen = new GbmGenerator(assets);
        PriceSeries big = gen.generate(100_000, 1);
        String csv = toCsv(big);
        double csvMs = median(runs, () -> new PriceCsvReader().read(new StringReader(csv), "bench.csv"));
        System.out.printf(Locale.ROOT, "CSV read: 10 assets x 100,000 rows (%.1f MB): %.0f ms CPU, %.0f rows/s%n",
                csv.length() / 1e6, csvMs, 100_000 / (csvMs / 1000));
        double gbmMs = median(runs, () -> gen.generate(100_000, 2));
        System.out.printf(Locale.ROOT, "GBM generate: 1,000,000 asset-steps: %.0f ms CPU, %.1f M asset-steps/s%n",
                gbmMs, 1.0 / (gbmMs / 1000));
        ReportData data = report(gen.generate(3653, 3));
        double htmlMs = median(runs, () -> HtmlReportWriter.render(data, false));
        int htmlBytes = HtmlReportWriter.render(data, false).length();
        System.out.printf(Locale.ROOT, "HTML report (20-point frontier, 5 x 3653-row weight charts, drift): %.0f ms CPU,"
                + " %d kB%n", htmlMs, htmlBytes / 1000);
    }

    private static String toCsv(PriceSeries s) {
        StringBuilder sb = new StringBuilder("timestamp," + String.join(",", s.assets()) + "\n");
        for (int t = 0; t < s.size(); t++) {
            sb.append(s.timestamp(t));
            for (int i = 0; i < s.assetCount(); i++) {
                sb.append(',').append(s.price(t, i));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Weights of buy-and-hold on five subsets, and a frontier of 20 made-up points: only the rendering is timed. */
    private static ReportData report(PriceSeries s) {
        ReportData.Builder b = ReportData.builder("benchmark");
        List<FrontierPoint> pts = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            pts.add(new FrontierPoint("s" + k, 0.01 * (k + 1), 0.02 / (k + 1) + 0.001 * (k % 3), false));
            b.strategy("s" + k, Map.of("turnover", 0.01 * (k + 1)));
        }
        Frontier.markDominated(pts).forEach(b::frontier);
        for (int k = 0; k < 5; k++) {
            double[][] w = new double[s.size()][];
            double[] drift = new double[s.size()];
            for (int t = 0; t < s.size(); t++) {
                double[] v = new double[s.assetCount()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = s.price(t, i) / s.price(0, i);
                }
                double total = Arrays.stream(v).sum();
                w[t] = Arrays.stream(v).map(x -> x / total).toArray();
                drift[t] = Arrays.stream(w[t]).map(x -> Math.abs(x - 0.1)).max().orElse(0);
            }
            b.weights(new WeightSeries("s" + k, s.assets(), s.timestamps(), w));
            b.drift(new DriftSeries("s" + k, s.timestamps(), drift, 0.05));
        }
        return b.build();
    }

    private static double median(int runs, Supplier<?> work) {
        work.get(); // warm-up
        work.get();
        double[] ms = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            work.get();
            ms[r] = (THREADS.getCurrentThreadCpuTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }
}
