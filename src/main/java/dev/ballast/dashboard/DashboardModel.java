package dev.ballast.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.dashboard.JournalReader.RebalanceRow;
import dev.ballast.dashboard.JournalReader.Row;
import dev.ballast.metrics.RollingPerformance;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the dashboard shows, kept current by {@link #refresh()}: every vault's thinned history, its rebalances with
 * their on-chain cost, the rolling figures, and the keeper's health. The page's JSON is built from it under one lock;
 * the overview is cached per {@link #version()} so polling costs nothing while nothing changes.
 *
 * <p>Nothing is read at construction but the newest journal id: the page is served at once. {@link #loadHistories()}
 * (a background thread in the server) first reads each vault's newest snapshot (one indexed row each: the overview's
 * NAV and drift), then each vault's history (the rolling figures); {@link #vault} loads a vault's history on demand
 * when the page asks for it first. The refresh follows the journal after that id from the start, so nothing is read
 * twice or missed. Until a vault's figures are in, the overview says "loading" for them rather than a number.
 */
final class DashboardModel implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Journal rows read per refresh at most (a keeper far ahead is caught up over several refreshes). */
    private static final int ROWS_PER_REFRESH = 50_000;
    /** Receipts fetched per refresh at most: costs fill in gradually instead of stalling a refresh. */
    private static final int RECEIPTS_PER_REFRESH = 25;

    private final DashboardSettings settings;
    private final Clock clock;
    private final JournalReader journal;
    /** A second read-only connection for history loads, so they never wait for the refresh's reads. */
    private final JournalReader histories;
    private final KeeperHealth health;
    private final DepositCaps caps = new DepositCaps();
    private final Optional<BacktestBand> backtest;
    private final Map<String, VaultHistory> byAddress = new LinkedHashMap<>();
    private final Map<String, VaultHistory> byName = new LinkedHashMap<>();
    private final Map<String, VaultHistory.ChainCost> costs = new ConcurrentHashMap<>();
    private final Set<String> costless = new HashSet<>();
    /** Journal id the history is loaded up to; the refresh reads after {@link #cursor}, which starts here. */
    private final long loadedUpTo;
    private long cursor;
    private volatile Map<String, List<String>> spellings;
    /** Whether every vault's newest read and the rebalances are in: until then the rows say "loading". */
    private boolean rowsRead;
    private boolean rebalancesRead;
    private int historiesLoaded;
    private String attemptsVersion = "";
    private long version;
    private byte[] overviewCache;
    private long overviewCacheVersion = -1;
    /** Background load timings (-1 until done), for the bench and the start-up log. */
    private volatile long loadMillis = -1;
    private volatile long rowsMillis = -1;
    private final long created = System.nanoTime();
    private final AtomicLong loadedRows = new AtomicLong();

    private DashboardModel(DashboardSettings settings, Clock clock, JournalReader journal, JournalReader histories,
            Optional<BacktestBand> backtest)
            throws SQLException {
        this.settings = settings;
        this.clock = clock;
        this.journal = journal;
        this.histories = histories;
        this.backtest = backtest;
        this.health = new KeeperHealth(settings);
        for (DashboardSettings.Vault v : settings.vaults()) {
            VaultHistory h = new VaultHistory(v);
            byAddress.put(v.address().toLowerCase(Locale.ROOT), h);
            byName.put(v.name(), h);
        }
        this.loadedUpTo = journal.maxId();
        this.cursor = loadedUpTo;
    }

    /** Opens the journal (the history loads later). @throws IllegalArgumentException naming a bad file */
    static DashboardModel load(DashboardSettings settings, Clock clock) {
        Optional<BacktestBand> band = settings.backtestReport().map(p -> BacktestBand.read(p, settings.backtestStrategy()));
        JournalReader reader = JournalReader.open(settings.journal());
        JournalReader histories;
        try {
            histories = JournalReader.open(settings.journal());
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
        try {
            return new DashboardModel(settings, clock, reader, histories, band);
        } catch (SQLException e) {
            reader.close();
            histories.close();
            throw new IllegalArgumentException("journal.path: cannot read " + settings.journal() + ": " + e.getMessage(), e);
        }
    }

    private long windowStart() {
        return clock.millis() - settings.history().toMillis();
    }

    /**
     * Reads every vault's newest snapshot, then every vault's history (in the configured order, so the page's
     * first vault comes first), bumping the version as they come in so the page fills in. Run once, on its own thread.
     */
    void loadHistories() throws SQLException {
        long start = windowStart();
        Map<String, List<String>> names = spellings();
        Map<VaultHistory, Row> newest = new HashMap<>();
        for (Row r : histories.newestPerVault(start, loadedUpTo)) {
            VaultHistory h = byAddress.get(r.vault().toLowerCase(Locale.ROOT));
            if (h != null && (!newest.containsKey(h) || newest.get(h).id() < r.id())) newest.put(h, r);
        }
        for (Map.Entry<String, VaultHistory> e : byAddress.entrySet()) {
            if (newest.containsKey(e.getValue())) continue; // the newest row has no snapshot: the newest that has one
            histories.latest(names.getOrDefault(e.getKey(), List.of()), start, loadedUpTo)
                    .ifPresent(r -> newest.put(e.getValue(), r));
        }
        synchronized (this) {
            for (Map.Entry<VaultHistory, Row> e : newest.entrySet()) e.getKey().seedLatest(e.getValue().snapshot());
            rowsRead = true;
            rowsMillis = (System.nanoTime() - created) / 1_000_000;
            version++;
        }
        long shown = System.nanoTime();
        for (VaultHistory h : byName.values()) {
            ensureLoaded(h);
            if (System.nanoTime() - shown > 500_000_000L) { // the page's next poll shows the figures so far
                synchronized (this) {
                    version++;
                }
                shown = System.nanoTime();
            }
        }
        synchronized (this) {
            version++;
        }
        loadMillis = (System.nanoTime() - created) / 1_000_000;
    }

    private Map<String, List<String>> spellings() throws SQLException {
        Map<String, List<String>> s = spellings;
        if (s == null) {
            s = histories.vaultSpellings();
            spellings = s;
        }
        return s;
    }

    /** Reads a vault's history up to {@link #loadedUpTo} unless it is in already (outside the lock: one vault's rows). */
    private void ensureLoaded(VaultHistory h) throws SQLException {
        synchronized (this) {
            if (h.loaded()) return;
        }
        long start = windowStart();
        List<Row> rows = histories.history(spellings().getOrDefault(h.vault.address().toLowerCase(Locale.ROOT), List.of()),
                start, loadedUpTo);
        synchronized (this) {
            if (h.loaded()) return;
            h.load(rows, clock.millis(), start);
            h.refigure(costs);
            historiesLoaded++;
            loadedRows.addAndGet(rows.size());
        }
    }

    private VaultHistory add(Row r, long windowStart) {
        cursor = Math.max(cursor, r.id());
        VaultHistory h = byAddress.get(r.vault().toLowerCase(Locale.ROOT));
        if (h != null) h.add(r.recordedAt(), r.block(), r.snapshot(), windowStart);
        return h;
    }

    /** The journal's rebalances per vault address when any attempt changed since the last call, else null. */
    private Map<String, List<RebalanceRow>> changedRebalances() throws SQLException {
        String v = journal.attemptsVersion();
        if (v.equals(attemptsVersion)) return null;
        attemptsVersion = v;
        Map<String, List<RebalanceRow>> per = new HashMap<>();
        for (RebalanceRow r : journal.rebalances(windowStart())) {
            per.computeIfAbsent(r.vault().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(r);
        }
        return per;
    }

    private void applyRebalances(Map<String, List<RebalanceRow>> per) {
        for (Map.Entry<String, VaultHistory> e : byAddress.entrySet()) {
            e.getValue().rebalances(per.getOrDefault(e.getKey(), List.of()));
        }
    }

    /**
     * Reads what is new in the journal and on the chain; returns whether anything the page shows changed. Only the
     * refresh thread calls it (the journal connection is its alone); reads and RPC calls run outside the lock, so a
     * slow node or a busy journal never holds up a page request.
     */
    boolean refresh() {
        Set<VaultHistory> touched = new HashSet<>();
        try {
            List<Row> rows = journal.after(cursor, ROWS_PER_REFRESH);
            Map<String, List<RebalanceRow>> rebalances = changedRebalances();
            synchronized (this) {
                long start = windowStart();
                for (Row r : rows) {
                    VaultHistory h = add(r, start);
                    if (h != null) touched.add(h);
                }
                if (rebalances != null) {
                    applyRebalances(rebalances);
                    touched.addAll(byName.values());
                }
                if (!rebalancesRead) {
                    rebalancesRead = true;
                    version++;
                }
            }
            health.probe(journal);
        } catch (SQLException e) {
            health.journalError(e.getMessage());
        }
        touched.addAll(fetchCosts());
        boolean capsChanged = caps.refresh(health.rpc(), settings.vaults());
        synchronized (this) {
            for (VaultHistory h : touched) h.refigure(costs);
            if (!touched.isEmpty() || capsChanged) version++;
        }
        return !touched.isEmpty() || capsChanged;
    }

    /**
     * Receipts of mined rebalances whose cost is not known yet, a bounded number per call. Outside the lock: the
     * vault map never changes after loading and each rebalance list is replaced whole (immutable), never edited.
     */
    private Set<VaultHistory> fetchCosts() {
        Set<VaultHistory> touched = new HashSet<>();
        int budget = RECEIPTS_PER_REFRESH;
        for (VaultHistory h : byName.values()) {
            for (RebalanceRow r : h.rebalanceRows()) {
                if (budget == 0) return touched;
                if (costs.containsKey(r.txHash()) || costless.contains(r.txHash())) continue;
                budget--;
                try {
                    Optional<JsonNode> receipt = health.rpc().receipt(r.txHash());
                    Optional<VaultHistory.ChainCost> cost = receipt.flatMap(x -> ChainCosts.of(x, h.vault.address()));
                    if (cost.isPresent()) {
                        costs.put(r.txHash(), cost.get());
                        touched.add(h);
                    } else {
                        costless.add(r.txHash()); // not on this chain (or pruned): the journal's figures stand
                    }
                } catch (IOException e) {
                    return touched; // node unreachable: try again next refresh
                }
            }
        }
        return touched;
    }

    synchronized long version() {
        return version;
    }

    /** Milliseconds from construction until every vault's history was in; -1 while loading. */
    long loadMillis() {
        return loadMillis;
    }

    /** Milliseconds from construction until every vault's row (newest read and rebalances) was in; -1 until then. */
    synchronized long rowsMillis() {
        return rebalancesRead ? rowsMillis : -1;
    }

    /** Journal rows read into histories so far. */
    long loadedRows() {
        return loadedRows.get();
    }

    /** Every vault's row of figures, the keeper's health and the backtest band: the page's first request. */
    synchronized byte[] overview(long since) throws IOException {
        ObjectNode head = JSON.createObjectNode();
        head.put("version", version).put("chainId", settings.chainId()).put("now", clock.millis() / 1000);
        head.set("health", health.json());
        head.putObject("loading").put("rows", !(rowsRead && rebalancesRead)).put("histories", historiesLoaded)
                .put("of", byName.size());
        // the page polls with the version it has: while the vaults are unchanged it gets the health only
        if (since == version) return JSON.writeValueAsBytes(head.put("unchanged", true));
        if (overviewCacheVersion != version) {
            ObjectNode body = JSON.createObjectNode();
            backtest.ifPresent(b -> body.set("backtest", backtestJson(b)));
            ArrayNode vaults = body.putArray("vaults");
            for (VaultHistory h : byName.values()) vaults.add(row(h));
            overviewCache = JSON.writeValueAsBytes(body);
            overviewCacheVersion = version;
        }
        // splice the cached vault rows after the fresh head: {"version":..,"health":..} + ,"vaults":[...]}
        byte[] h = JSON.writeValueAsBytes(head);
        byte[] out = new byte[h.length + overviewCache.length - 1];
        System.arraycopy(h, 0, out, 0, h.length - 1);
        out[h.length - 1] = ',';
        System.arraycopy(overviewCache, 1, out, h.length, overviewCache.length - 1);
        return out;
    }

    private ObjectNode row(VaultHistory h) {
        ObjectNode o = JSON.createObjectNode().put("name", h.vault.name()).put("address", h.vault.address())
                .put("band", h.vault.band()).put("points", h.size());
        JournalReader.Snapshot s = h.latest();
        if (s != null) {
            VaultHistory.put(o, "nav", s.nav());
            o.put("time", s.time());
        }
        caps.json(h.vault.address()).ifPresent(c -> o.set("depositCap", c));
        double drift = h.maxDrift();
        VaultHistory.put(o, "maxDrift", drift);
        o.put("outsideBand", Double.isFinite(drift) && drift > h.vault.band());
        long mined = h.rebalanceRows().stream().filter(RebalanceRow::success).count();
        o.put("rebalances", mined).put("reverted", h.rebalanceRows().size() - mined);
        if (!h.loaded()) {
            // the figures need the vault's history, not read yet: say so rather than show a number
            o.put("figuresLoading", true);
            return o;
        }
        RollingPerformance.Figures f = h.figures();
        o.put("figuresSpanSeconds", f.spanSeconds());
        if (f.spanSeconds() < VaultHistory.FIGURES_MIN_SPAN_SECONDS) {
            // not enough history to annualise: the page shows the span instead of the figures
            f = new RollingPerformance.Figures(Double.NaN, Double.NaN, Double.NaN, Double.NaN, f.returns(), f.spanSeconds());
        }
        RollingPerformance.Figures shown = f;
        VaultHistory.put(o, "turnoverPct", f.turnover() * 100);
        VaultHistory.put(o, "trackingErrorPct", f.trackingError() * 100);
        VaultHistory.put(o, "sharpe", f.sharpe());
        VaultHistory.put(o, "costBpsPerYear", f.costBpsPerYear());
        backtest.ifPresent(b -> {
            ArrayNode flags = o.putArray("flags");
            b.band(BacktestBand.TURNOVER).filter(x -> x.outside(shown.turnover() * 100)).ifPresent(x -> flags.add("turnover"));
            b.band(BacktestBand.COST).filter(x -> x.outside(shown.costBpsPerYear())).ifPresent(x -> flags.add("cost"));
        });
        return o;
    }

    private static ObjectNode backtestJson(BacktestBand b) {
        ObjectNode o = JSON.createObjectNode().put("strategy", b.strategy()).put("source", b.source());
        ObjectNode bands = o.putObject("bands");
        b.bands().forEach((m, band) -> {
            ObjectNode x = bands.putObject(m);
            VaultHistory.put(x, "p5", band.p5());
            VaultHistory.put(x, "p50", band.p50());
            VaultHistory.put(x, "p95", band.p95());
            x.put("paths", band.paths());
        });
        return o;
    }

    /** One vault's charts and rebalances (its history read now if the loader has not reached it); empty for an unknown name. */
    Optional<byte[]> vault(String name) throws IOException, SQLException {
        VaultHistory h = byName.get(name);
        if (h == null) return Optional.empty();
        ensureLoaded(h);
        return Optional.of(detail(h));
    }

    private synchronized byte[] detail(VaultHistory h) throws IOException {
        ObjectNode o = h.detail(costs);
        o.put("version", version);
        o.set("row", row(h));
        o.put("rebalancesLoading", !rebalancesRead);
        return JSON.writeValueAsBytes(o);
    }

    @Override
    public synchronized void close() {
        journal.close();
        histories.close();
    }
}
