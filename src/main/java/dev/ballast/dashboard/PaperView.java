package dev.ballast.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.paper.PaperReport;
import dev.ballast.paper.PaperRows;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * The paper runs on the dashboard: the paper ledger's tables read with plain SELECTs ({@link PaperRows}'s statements)
 * on a read-only SQLite connection, each vault's figures computed by {@link PaperReport} itself, so the page shows
 * exactly what {@code ballast paper report} prints. Re-read only when the ledger moved (a vault's last block, a new
 * rebalance or gap).
 */
final class PaperView implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Points per chart line: 60 days of 12-s blocks are 432,000 observations; the page draws a sample of them. */
    static final int MAX_POINTS = 2_000;

    private final PaperSource source;
    private final Connection connection;
    private final int maxPoints;
    private String version;
    private byte[] body;

    private PaperView(PaperSource source, Connection connection, int maxPoints) {
        this.source = source;
        this.connection = connection;
        this.maxPoints = maxPoints;
    }

    /** @throws IllegalArgumentException naming the file when it is missing or holds no paper ledger */
    static PaperView open(PaperSource source) {
        return open(source, MAX_POINTS);
    }

    /** As {@link #open(PaperSource)}, drawing at most {@code maxPoints} points per chart line. */
    static PaperView open(PaperSource source, int maxPoints) {
        Path file = source.journal();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--paper-config: no paper journal at " + file + " (has `ballast paper` run yet?)");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5000);
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT name FROM paper_vaults LIMIT 1")) {
                rs.next();
            }
            c.setAutoCommit(false); // each page read is one read transaction: one committed state of the ledger
            c.commit();
            return new PaperView(source, c, maxPoints);
        } catch (SQLException e) {
            throw new IllegalArgumentException("--paper-config: cannot read the paper ledger in " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** Every paper vault's run as JSON: {@code {"vaults":[...]}}. */
    synchronized byte[] json() throws SQLException {
        try {
            return read();
        } finally {
            connection.commit(); // ends the read transaction so the paper runner's writes are not held back
        }
    }

    private byte[] read() throws SQLException {
        String now = single("SELECT COALESCE((SELECT group_concat(name || '@' || last_block) FROM paper_vaults), '') || ':'"
                + " || COALESCE((SELECT MAX(id) FROM paper_rebalances), 0) || ':' || COALESCE((SELECT MAX(id) FROM paper_gaps), 0)");
        if (body != null && now.equals(version)) return body;
        ObjectNode root = JSON.createObjectNode();
        ArrayNode vaults = root.putArray("vaults");
        for (PaperSource.Vault v : source.vaults()) vaults.add(vault(v));
        body = root.toString().getBytes(StandardCharsets.UTF_8);
        version = now;
        return body;
    }

    /** One vault's report, or the reason there is none yet. */
    private ObjectNode vault(PaperSource.Vault v) throws SQLException {
        ObjectNode out = JSON.createObjectNode();
        out.put("name", v.name());
        out.put("band", v.policy().band() / 1e18);
        Optional<PaperRows.Run> run = readRun(v.name());
        if (run.isEmpty()) return out.put("error", "no ledger rows yet for paper vault " + v.name());
        PaperReport r;
        try {
            r = report(v, run.get());
        } catch (IllegalArgumentException e) {
            return out.put("error", e.getMessage());
        }
        out.put("fromBlock", r.fromBlock()).put("toBlock", r.toBlock()).put("fromTime", r.fromTime()).put("toTime", r.toTime());
        figures(out.putObject("paper"), r.paper());
        figures(out.putObject("backtest"), r.backtest());
        // the figures above are the whole run's; the lines are sampled (every k-th point and the last), and drift
        // keeps each sample's maximum so an excursion past the band between two samples still shows
        String[] series = {"t", "nav", "navNetGas", "buyHold", "target", "backtestNav"};
        List<Integer> picked = sample(r.series().size());
        for (int c = 0; c < series.length; c++) {
            ArrayNode a = out.putArray(series[c]);
            for (int t : picked) number(a, r.series().get(t)[c]);
        }
        ArrayNode driftT = out.putArray("driftT");
        ArrayNode drift = out.putArray("drift");
        List<PaperRows.Observation> obs = run.get().observations();
        int from = 0;
        for (int to : sample(obs.size())) {
            double max = 0;
            for (int i = from; i <= to; i++) max = Math.max(max, obs.get(i).maxDrift());
            driftT.add(obs.get(to).time());
            number(drift, max);
            from = to + 1;
        }
        ArrayNode rebalances = out.putArray("rebalances");
        for (PaperRows.RebalanceRow x : run.get().rebalances()) {
            ObjectNode o = rebalances.addObject();
            o.put("block", x.block()).put("time", x.time()).put("status", x.status()).put("reason", x.reason())
                    .put("legs", x.legs());
            o.put("traded", x.tradedValue()).put("cost", x.costValue()).put("fee", x.feeValue()).put("impact", x.impactValue());
            o.put("gasUnits", x.gasUnits()).put("gasPriceWei", x.gasPriceWei().toString()).put("gas", x.gasValue());
            o.put("navBefore", x.navBefore()).put("navAfter", x.navAfter());
            o.put("driftBefore", x.driftBefore()).put("driftAfter", x.driftAfter());
            if (x.forkStatus() != null) o.put("forkStatus", x.forkStatus());
            if (x.forkGasUsed() != null) o.put("forkGasUsed", x.forkGasUsed());
            if (x.forkDiffBps() != null) o.put("forkDiffBps", x.forkDiffBps());
        }
        ArrayNode gaps = out.putArray("gaps");
        for (PaperRows.Gap g : r.gaps()) gaps.addObject().put("from", g.fromBlock()).put("to", g.toBlock()).put("reason", g.reason());
        ArrayNode refusals = out.putArray("refusals");
        r.refusals().forEach(refusals::add);
        return out;
    }

    /** {@link PaperReport}'s figures for a run read here (package-visible for the test that compares them). */
    PaperReport report(PaperSource.Vault v, PaperRows.Run run) {
        return PaperReport.of(source.gas(), v.policy(), run);
    }

    /** A vault's ledger rows, read with the ledger's own statements; empty when the vault has none yet. */
    synchronized Optional<PaperRows.Run> run(String vault) throws SQLException {
        try {
            return readRun(vault);
        } finally {
            connection.commit();
        }
    }

    private Optional<PaperRows.Run> readRun(String vault) throws SQLException {
        List<PaperRows.VaultRow> row = query(PaperRows.VAULT, PaperRows.VAULT_ROW, vault);
        if (row.isEmpty()) return Optional.empty();
        return Optional.of(new PaperRows.Run(row.getFirst(), query(PaperRows.OBSERVATIONS, PaperRows.OBSERVATION, vault),
                query(PaperRows.REBALANCES, PaperRows.REBALANCE, vault), query(PaperRows.GAPS, PaperRows.GAP, vault),
                query(PaperRows.FORK_DIFFS, PaperRows.FORK_DIFF, vault)));
    }

    private <T> List<T> query(String sql, PaperRows.Mapper<T> mapper, String vault) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            p.setString(1, vault);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) out.add(mapper.map(rs));
            }
            return out;
        }
    }

    private String single(String sql) throws SQLException {
        try (var s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    /** Indices 0, k, 2k, ... and the last, at most {@code maxPoints} + 1 of them. */
    private List<Integer> sample(int n) {
        int step = Math.max(1, (n + maxPoints - 1) / maxPoints);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i += step) out.add(i);
        if (n > 0 && out.getLast() != n - 1) out.add(n - 1);
        return out;
    }

    private static void figures(ObjectNode out, Map<String, Double> figures) {
        figures.forEach((k, x) -> {
            if (Double.isFinite(x)) out.put(k, x);
            else out.putNull(k); // JSON has no NaN: "not defined" (e.g. Sharpe of a flat NAV) is null
        });
    }

    private static void number(ArrayNode a, double x) {
        if (Double.isFinite(x)) a.add(x);
        else a.addNull();
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a read-only connection loses nothing
        }
    }
}
