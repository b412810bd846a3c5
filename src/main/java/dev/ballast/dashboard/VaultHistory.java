package dev.ballast.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.dashboard.JournalReader.RebalanceRow;
import dev.ballast.dashboard.JournalReader.Snapshot;
import dev.ballast.metrics.RollingPerformance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One vault's history as the dashboard holds it: journal snapshots thinned to at most {@link #MAX_POINTS} (one per
 * time bucket; when full, every other point goes and the bucket doubles, so memory stays bounded however long the
 * page runs), its rebalances, and the series and figures computed from them. Guarded by the model's lock.
 *
 * <p>The history is loaded lazily (the page is served before any vault's history is read): until then the vault
 * knows only its newest read, and reads the refresh brings are held back, to be appended once the older history
 * (read up to the id the refresh started after) is in. {@link #loaded()} says which state the figures are in.
 */
final class VaultHistory {
    static final int MAX_POINTS = 600;
    /** Figures (turnover, tracking error, Sharpe, cost) cover the same rolling window as the keeper's metrics. */
    static final long FIGURES_WINDOW_SECONDS = 30L * 86_400;
    /** Figures over less history than this are not shown: a yearly rate from a few hours of reads is noise. */
    static final long FIGURES_MIN_SPAN_SECONDS = 86_400;
    private static final Pattern MOVING = Pattern.compile("moving ([0-9]+(?:\\.[0-9]+)?)");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    final DashboardSettings.Vault vault;
    private final List<Point> points = new ArrayList<>();
    /** Reads newer than the loaded history's last id, held until the history is in. */
    private final List<Point> pending = new ArrayList<>();
    private boolean loaded;
    private Snapshot latest;
    private List<RebalanceRow> rebalances = List.of();
    private long bucketMillis;
    private RollingPerformance.Figures figures = new RollingPerformance.Figures(Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, 0, 0);

    record Point(long recordedAt, long block, Snapshot snapshot) {}

    /** What the chain says about a mined rebalance: its effective gas price (wei) and navBefore - navAfter. */
    record ChainCost(double effectiveGasPriceWei, double executionCost) {}

    VaultHistory(DashboardSettings.Vault vault) {
        this.vault = vault;
        this.bucketMillis = 1_000; // a vault with no history yet: one point a second until the span says otherwise
    }

    /** The newest read before the history is loaded (a newer read the refresh already brought wins). */
    void seedLatest(Snapshot s) {
        if (latest == null) latest = s;
    }

    /**
     * Installs the history read up to the id the refresh follows after: its rows in id order, then the reads the
     * refresh brought meanwhile. The bucket is the span from its first row to now over {@link #MAX_POINTS}.
     */
    void load(List<JournalReader.Row> rows, long nowMillis, long windowStartMillis) {
        if (loaded) return;
        if (!rows.isEmpty()) bucketMillis = Math.max(1_000, (nowMillis - rows.getFirst().recordedAt()) / MAX_POINTS);
        loaded = true;
        for (JournalReader.Row r : rows) add(r.recordedAt(), r.block(), r.snapshot(), windowStartMillis);
        for (Point p : pending) add(p.recordedAt, p.block, p.snapshot, windowStartMillis);
        pending.clear();
    }

    boolean loaded() {
        return loaded;
    }

    /** Adds a read; a read in the same bucket as the last one replaces it (the latest read of a bucket stands). */
    void add(long recordedAt, long block, Snapshot s, long windowStartMillis) {
        Point p = new Point(recordedAt, block, s);
        latest = s;
        if (!loaded) {
            pending.add(p);
            return;
        }
        if (!points.isEmpty() && points.getLast().recordedAt / bucketMillis == recordedAt / bucketMillis) {
            points.set(points.size() - 1, p);
        } else {
            points.add(p);
        }
        while (!points.isEmpty() && points.getFirst().recordedAt < windowStartMillis) points.removeFirst();
        if (points.size() > 2 * MAX_POINTS) {
            List<Point> kept = new ArrayList<>(MAX_POINTS + 1);
            for (int i = points.size() % 2 == 0 ? 1 : 0; i < points.size(); i += 2) kept.add(points.get(i));
            points.clear();
            points.addAll(kept);
            bucketMillis *= 2;
        }
    }

    void rebalances(List<RebalanceRow> rows) {
        this.rebalances = List.copyOf(rows);
    }

    List<RebalanceRow> rebalanceRows() {
        return rebalances;
    }

    int size() {
        return points.size();
    }

    Snapshot latest() {
        return latest;
    }

    /** Recomputes the rolling figures (after new points or rebalances); nothing before the history is loaded. */
    void refigure(Map<String, ChainCost> costs) {
        if (!loaded) return;
        RollingPerformance p = new RollingPerformance(FIGURES_WINDOW_SECONDS, 1);
        for (Point pt : points) p.offer(pt.snapshot.time(), pt.snapshot.values(), pt.snapshot.prices(), pt.snapshot.targets());
        for (RebalanceRow r : rebalances) {
            if (!r.success() || r.snapshot() == null) continue;
            ChainCost c = costs.get(r.txHash());
            p.rebalanced(r.snapshot().time(), traded(r), c == null ? 0 : c.executionCost());
        }
        figures = p.figures();
    }

    RollingPerformance.Figures figures() {
        return figures;
    }

    /** Largest |weight - target| of the latest read. */
    double maxDrift() {
        Snapshot s = latest();
        return s == null ? Double.NaN : maxDrift(s);
    }

    static double maxDrift(Snapshot s) {
        double nav = s.nav();
        double max = 0;
        for (int i = 0; i < s.values().length; i++) max = Math.max(max, Math.abs(s.values()[i] / nav - s.targets()[i]));
        return nav > 0 ? max : Double.NaN;
    }

    /**
     * Value the rebalance moved (one way): the amount the keeper logged ("moving X"), else the value that sat above
     * target in its snapshot (what a full rebalance to target sells).
     */
    static double traded(RebalanceRow r) {
        Matcher m = r.reason() == null ? null : MOVING.matcher(r.reason());
        if (m != null && m.find()) return Double.parseDouble(m.group(1));
        Snapshot s = r.snapshot();
        if (s == null) return 0;
        double nav = s.nav();
        double over = 0;
        for (int i = 0; i < s.values().length; i++) over += Math.max(0, s.values()[i] - s.targets()[i] * nav);
        return over;
    }

    /**
     * The charts' data: per point time, NAV, the buy-and-hold basket (the first point's holdings at each later
     * point's prices), the continuously rebalanced target (target weights times each step's price moves), and
     * per-asset drift; plus the latest weights and the rebalances with cost and gas.
     */
    ObjectNode detail(Map<String, ChainCost> costs) {
        ObjectNode out = NODES.objectNode();
        out.put("name", vault.name()).put("address", vault.address()).put("band", vault.band());
        int n = points.size();
        ArrayNode t = out.putArray("t");
        ArrayNode nav = out.putArray("nav");
        ArrayNode hold = out.putArray("buyHold");
        ArrayNode target = out.putArray("target");
        ArrayNode maxDrift = out.putArray("maxDrift");
        if (n == 0) return out;
        Snapshot first = points.getFirst().snapshot;
        int assets = first.values().length;
        ArrayNode drift = out.putArray("drift");
        ArrayNode[] perAsset = new ArrayNode[assets];
        for (int i = 0; i < assets; i++) perAsset[i] = drift.addArray();
        double[] units = new double[assets];
        for (int i = 0; i < assets; i++) units[i] = first.values()[i] / first.prices()[i];
        double targetIndex = first.nav();
        Snapshot prev = first;
        for (Point p : points) {
            Snapshot s = p.snapshot;
            if (s.values().length != assets) continue; // the vault's assets changed: later points do not compare
            double v = s.nav();
            double h = 0;
            double move = 0;
            for (int i = 0; i < assets; i++) {
                h += units[i] * s.prices()[i];
                move += s.targets()[i] * (s.prices()[i] / prev.prices()[i] - 1);
            }
            targetIndex *= 1 + move;
            t.add(s.time());
            add(nav, v);
            add(hold, h);
            add(target, targetIndex);
            add(maxDrift, maxDrift(s));
            for (int i = 0; i < assets; i++) add(perAsset[i], v > 0 ? s.values()[i] / v - s.targets()[i] : 0);
            prev = s;
        }
        Snapshot last = latest();
        ArrayNode weights = out.putArray("weights");
        for (int i = 0; i < last.values().length; i++) {
            put(weights.addObject().put("asset", last.ids()[i]).put("target", last.targets()[i]), "weight",
                    last.values()[i] / last.nav());
        }
        ArrayNode rows = out.putArray("rebalances");
        for (RebalanceRow r : rebalances) rows.add(rebalance(r, costs.get(r.txHash())));
        return out;
    }

    private static ObjectNode rebalance(RebalanceRow r, ChainCost cost) {
        ObjectNode o = NODES.objectNode().put("tx", r.txHash()).put("block", r.block()).put("success", r.success());
        Snapshot s = r.snapshot();
        if (s != null) o.put("time", s.time());
        double traded = traded(r);
        put(o, "traded", traded);
        if (r.gasUsed() != null) {
            o.put("gasUsed", r.gasUsed().longValue());
            // the chain's effective price when read, else the keeper's own quote at decision time
            double price = cost != null ? cost.effectiveGasPriceWei() : s == null ? 0 : s.gasPriceWei();
            double nativeCost = r.gasUsed().doubleValue() * price / 1e18;
            o.put("gasNative", nativeCost).put("gasPriceSource", cost != null ? "receipt" : "quote");
            if (s != null && s.nativePrice() > 0) put(o, "gasNumeraire", nativeCost * s.nativePrice() / 1e8);
        }
        if (cost != null) {
            put(o, "executionCost", cost.executionCost());
            if (traded > 0) put(o, "costBps", cost.executionCost() / traded * 1e4);
        }
        return o;
    }

    /** A number, or JSON null when it is not finite (NaN is not JSON: the browser's parser would refuse the page). */
    static ObjectNode put(ObjectNode o, String key, double x) {
        return Double.isFinite(x) ? o.put(key, round(x)) : o.putNull(key);
    }

    static void add(ArrayNode a, double x) {
        if (Double.isFinite(x)) {
            a.add(round(x));
        } else {
            a.addNull();
        }
    }

    /** Six significant digits: the page shows no more, and 1,000 vaults' JSON stays small. */
    static double round(double x) {
        if (!Double.isFinite(x) || x == 0) return x;
        // a power of ten and one rounding, not a BigDecimal per number: 1,000 vaults' rows are built on every change
        double scale = POWERS[Math.max(0, Math.min(POWERS.length - 1, 5 - (int) Math.floor(Math.log10(Math.abs(x))) + 20))];
        return Math.round(x * scale) / scale;
    }

    /** 10^-20 .. 10^25. */
    private static final double[] POWERS = new double[46];

    static {
        for (int i = 0; i < POWERS.length; i++) POWERS[i] = Math.pow(10, i - 20);
    }
}
