package dev.ballast.backtest.optimize;

import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.backtest.data.Regime;
import dev.ballast.backtest.data.RegimePath;
import dev.ballast.backtest.report.Fmt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Labels each bar of a real history bull, bear or sideways, so a setting's measures can be read per regime.
 *
 * <p>Automatic rule: the equal-weight basket's index is {@code B_t = mean_i(p_i,t / p_i,0)}; its trailing return
 * over {@code window} bars is {@code B_t / B_{t−w} − 1} with {@code w = min(window, t)} (the first bars use what
 * history there is; bar 0 is sideways). Bull when that return is above {@code +threshold}, bear when below
 * {@code −threshold}, sideways otherwise. Default window 126 bars (about six months of trading days), threshold 10%.
 * The label is known at the bar's close, so it uses no future prices.
 */
public final class RegimeRule {
    public static final int DEFAULT_WINDOW = 126;
    public static final double DEFAULT_THRESHOLD = 0.10;
    public static final List<Regime> REGIMES = List.of(label("bull"), label("bear"), label("sideways"));
    private static final int BULL = 0;
    private static final int BEAR = 1;
    private static final int SIDEWAYS = 2;

    private RegimeRule() {}

    public static RegimePath auto(PriceSeries prices) {
        return auto(prices, DEFAULT_WINDOW, DEFAULT_THRESHOLD);
    }

    public static RegimePath auto(PriceSeries prices, int window, double threshold) {
        return trend(prices, basket(prices), window, threshold);
    }

    /** The automatic rule on one column ({@code --regime-asset}) instead of the basket. */
    public static RegimePath auto(PriceSeries prices, String asset, int window, double threshold) {
        return trend(prices, column(prices, asset), window, threshold);
    }

    /**
     * Drawdown rule: a bar is "drawdown" when {@code index} closes at least {@code threshold} below its running peak
     * (the highest close so far, so no look-ahead), "near peak" otherwise. {@code asset} null: the basket.
     */
    public static RegimePath drawdown(PriceSeries prices, String asset, double threshold) {
        if (!(threshold > 0 && threshold < 1)) throw new IllegalArgumentException("drawdown threshold " + threshold
                + ": must be in (0, 1)");
        double[] index = asset == null ? basket(prices) : column(prices, asset);
        int[] at = new int[index.length];
        double peak = index[0];
        for (int t = 0; t < index.length; t++) {
            peak = Math.max(peak, index[t]);
            at[t] = index[t] <= peak * (1 - threshold) ? 0 : 1;
        }
        return new RegimePath(prices, List.of(label("drawdown"), label("near peak")), at);
    }

    /** Equal-weight basket {@code B_t = mean_i(p_i,t / p_i,0)}. */
    private static double[] basket(PriceSeries prices) {
        int n = prices.assetCount();
        double[] basket = new double[prices.size()];
        for (int t = 0; t < basket.length; t++) {
            double s = 0;
            for (int i = 0; i < n; i++) s += prices.price(t, i) / prices.price(0, i);
            basket[t] = s / n;
        }
        return basket;
    }

    private static double[] column(PriceSeries prices, String asset) {
        int i = prices.indexOf(asset);
        double[] x = new double[prices.size()];
        for (int t = 0; t < x.length; t++) x[t] = prices.price(t, i);
        return x;
    }

    private static RegimePath trend(PriceSeries prices, double[] basket, int window, double threshold) {
        if (window < 1) throw new IllegalArgumentException("window = " + window + ": must be >= 1");
        if (!(threshold >= 0)) throw new IllegalArgumentException("threshold = " + threshold + ": must be >= 0");
        int[] at = new int[basket.length];
        at[0] = SIDEWAYS;
        for (int t = 1; t < basket.length; t++) {
            double r = basket[t] / basket[t - Math.min(window, t)] - 1;
            at[t] = r > threshold ? BULL : r < -threshold ? BEAR : SIDEWAYS;
        }
        return new RegimePath(prices, REGIMES, at);
    }

    /**
     * Regimes from a CSV file of {@code from,to,regime} lines (ISO dates, inclusive, UTC; a header line starting
     * with "from" is allowed; '#' starts a comment). Bars outside every range are "other".
     *
     * @throws IllegalArgumentException naming the file and line of a bad line
     */
    public static RegimePath fromFile(PriceSeries prices, Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<Regime> regimes = new ArrayList<>();
        int[] at = new int[prices.size()];
        Arrays.fill(at, -1);
        for (int no = 1; no <= lines.size(); no++) {
            String line = lines.get(no - 1).strip();
            if (line.isEmpty() || line.startsWith("#") || (no == 1 && line.toLowerCase().startsWith("from"))) continue;
            String[] f = line.split(",");
            if (f.length != 3 || f[2].isBlank()) {
                throw new IllegalArgumentException(file + " line " + no + ": expected from,to,regime, got '" + line + "'");
            }
            long from;
            long to;
            try {
                from = LocalDate.parse(f[0].strip()).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
                to = LocalDate.parse(f[1].strip()).plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(file + " line " + no + ": bad date (" + e.getParsedString()
                        + "), expected yyyy-MM-dd");
            }
            if (to <= from) throw new IllegalArgumentException(file + " line " + no + ": 'to' is before 'from'");
            int k = indexOf(regimes, f[2].strip());
            for (int t = 0; t < at.length; t++) {
                if (prices.timestamp(t) >= from && prices.timestamp(t) < to) at[t] = k;
            }
        }
        if (regimes.isEmpty()) throw new IllegalArgumentException(file + ": no regime ranges");
        int other = -1;
        for (int t = 0; t < at.length; t++) {
            if (at[t] < 0) {
                if (other < 0) other = indexOf(regimes, "other");
                at[t] = other;
            }
        }
        return new RegimePath(prices, regimes, at);
    }

    /**
     * Which periods each regime covers, for the report: per regime its bars, its runs of consecutive bars, and the
     * longest runs (at most {@code longest}), e.g. "bear: 310 bars in 4 periods, longest 2000-09-01..2001-04-04".
     */
    public static List<String> periods(RegimePath path, int longest) {
        int[] at = path.regimeAt();
        long[] ts = path.series().timestamps();
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < path.regimes().size(); k++) {
            List<int[]> runs = new ArrayList<>();
            for (int t = 0; t < at.length; t++) {
                if (at[t] != k) continue;
                int from = t;
                while (t + 1 < at.length && at[t + 1] == k) t++;
                runs.add(new int[] {from, t});
            }
            int bars = runs.stream().mapToInt(r -> r[1] - r[0] + 1).sum();
            List<String> top = runs.stream().sorted((a, b) -> (b[1] - b[0]) - (a[1] - a[0])).limit(longest)
                    .sorted((a, b) -> a[0] - b[0])
                    .map(r -> Fmt.time(ts[r[0]]) + ".." + Fmt.time(ts[r[1]]))
                    .toList();
            lines.add(path.regimes().get(k).name() + ": " + bars + " bars in " + runs.size() + " period"
                    + (runs.size() == 1 ? "" : "s") + (top.isEmpty() ? "" : ", longest " + String.join(", ", top)));
        }
        return lines;
    }

    private static int indexOf(List<Regime> regimes, String name) {
        for (int k = 0; k < regimes.size(); k++) if (regimes.get(k).name().equals(name)) return k;
        regimes.add(label(name));
        return regimes.size() - 1;
    }

    /** A regime used only as a label: the generator parameters are unused here. */
    private static Regime label(String name) {
        return new Regime(name, 0, 0, 0);
    }
}
