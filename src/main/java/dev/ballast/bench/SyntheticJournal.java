package dev.ballast.bench;

import dev.ballast.journal.Journal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A keeper journal as a fleet of two-asset 50/50 vaults would leave it over many days: a decision (with its
 * snapshot, in the keeper's own JSON) per vault every {@code stepHours}, prices on a random walk, and a mined
 * rebalance with its receipt whenever a vault drifts past its band. For the dashboard's load and first-paint
 * figures: deploying and running 1,000 vaults for 90 days is not something a benchmark can wait for.
 */
public final class SyntheticJournal {
    private static final double BAND = 0.05;

    private SyntheticJournal() {}

    /** What was written: decision rows and rebalances. */
    public record Written(long decisions, long rebalances, List<String> vaultAddresses) {}

    public static String address(int vault) {
        return String.format(Locale.ROOT, "0x%040x", 0x1000 + vault);
    }

    public static Written write(Path file, int vaults, int days, int stepHours, long endMillis, long seed)
            throws SQLException {
        Journal.open(file).close(); // the real schema, at the real version
        long steps = days * 24L / stepHours;
        long startMillis = endMillis - days * 86_400_000L;
        long decisions = 0;
        long rebalances = 0;
        List<String> addresses = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA synchronous=OFF"); // a fixture: nothing to lose on a crash, and 20x faster to write
            }
            c.setAutoCommit(false);
            String insert = "INSERT INTO decisions(vault, block_number, snapshot_json, decision, reason, recorded_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)";
            PreparedStatement quiet = c.prepareStatement(insert);
            PreparedStatement traded = c.prepareStatement(insert, Statement.RETURN_GENERATED_KEYS);
            PreparedStatement attempt = c.prepareStatement("INSERT INTO tx_attempts(decision_id, vault, sender, nonce,"
                    + " tx_hash, raw_tx, max_fee_wei, priority_fee_wei, status, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, '0x00', '100000000000', '1000000000', 'MINED', ?, ?)",
                    Statement.RETURN_GENERATED_KEYS);
            PreparedStatement receipt = c.prepareStatement("INSERT INTO receipts(attempt_id, block_number, block_hash,"
                    + " success, gas_used, recorded_at) VALUES (?, ?, ?, 1, '251000', ?)");
            SplittableRandom random = new SplittableRandom(seed);
            double[] eth = new double[vaults];
            double[][] units = new double[vaults][2];
            for (int v = 0; v < vaults; v++) {
                addresses.add(address(v));
                eth[v] = 3000;
                units[v][0] = 50_000; // USDC
                units[v][1] = 50_000 / 3000.0; // WETH
            }
            long nonce = 0;
            for (long k = 0; k <= steps; k++) {
                long at = startMillis + k * stepHours * 3_600_000L;
                long block = 1_000_000 + k * stepHours * 300;
                for (int v = 0; v < vaults; v++) {
                    eth[v] *= Math.exp(0.012 * Math.sqrt(stepHours) * gaussian(random));
                    double usdc = units[v][0];
                    double weth = units[v][1] * eth[v];
                    double nav = usdc + weth;
                    boolean due = Math.abs(weth / nav - 0.5) > BAND;
                    String json = snapshot(at / 1000, usdc, weth, eth[v]);
                    PreparedStatement decision = due ? traded : quiet;
                    decision.setString(1, addresses.get(v));
                    decision.setLong(2, block);
                    decision.setString(3, json);
                    decision.setString(4, due ? "REBALANCE" : "NOT_DUE");
                    decision.setString(5, due ? String.format(Locale.ROOT, "rebalance (band): moving %.2f",
                            Math.abs(weth - nav / 2)) : "skip: not due");
                    decision.setLong(6, at);
                    decisions++;
                    if (!due) {
                        decision.addBatch();
                        continue;
                    }
                    decision.executeUpdate();
                    long decisionId;
                    try (ResultSet keys = decision.getGeneratedKeys()) {
                        keys.next();
                        decisionId = keys.getLong(1);
                    }
                    String hash = String.format(Locale.ROOT, "0x%064x", ++nonce);
                    attempt.setLong(1, decisionId);
                    attempt.setString(2, addresses.get(v));
                    attempt.setString(3, "0x" + "ab".repeat(20));
                    attempt.setLong(4, nonce);
                    attempt.setString(5, hash);
                    attempt.setLong(6, at);
                    attempt.setLong(7, at + 12_000);
                    attempt.executeUpdate();
                    long attemptId;
                    try (ResultSet keys = attempt.getGeneratedKeys()) {
                        keys.next();
                        attemptId = keys.getLong(1);
                    }
                    receipt.setLong(1, attemptId);
                    receipt.setLong(2, block + 1);
                    receipt.setString(3, String.format(Locale.ROOT, "0x%064x", block + 1));
                    receipt.setLong(4, at + 12_000);
                    receipt.executeUpdate();
                    rebalances++;
                    double after = nav * (1 - 0.0005); // 5 bps of execution cost
                    units[v][0] = after / 2;
                    units[v][1] = after / 2 / eth[v];
                }
                quiet.executeBatch();
            }
            c.commit();
        }
        return new Written(decisions, rebalances, addresses);
    }

    private static String snapshot(long time, double usdc, double weth, double ethPrice) {
        // the keeper's SnapshotJson: values in 8-decimal value units, prices 18-decimal, weights 18-decimal
        return String.format(Locale.ROOT, "{\"time\":%d,\"lastRebalance\":0,\"gasPriceWei\":20000000000,"
                + "\"nativePrice\":%d,\"assets\":[{\"id\":\"USDC\",\"balance\":\"0\",\"decimals\":6,"
                + "\"price\":\"1000000000000000000\",\"value\":%d,\"targetWeight\":500000000000000000},"
                + "{\"id\":\"WETH\",\"balance\":\"0\",\"decimals\":18,\"price\":\"%.0f\",\"value\":%d,"
                + "\"targetWeight\":500000000000000000}]}", time, (long) (ethPrice * 1e8), (long) (usdc * 1e8),
                ethPrice * 1e18, (long) (weth * 1e8));
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
