package dev.ballast.paper;

import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * The paper ledger's rows, the SELECTs that read them and how a result row becomes a record. Kept apart from
 * {@link PaperLedger} (which opens, migrates and writes the journal) so a read-only reader such as the dashboard can
 * read the same tables with the same statements and mapping without reaching any class that writes.
 */
public final class PaperRows {
    private PaperRows() {}

    /** A paper vault's state as last committed. */
    public record VaultRow(String name, List<String> tokens, List<Integer> decimals, List<BigInteger> targets, long startBlock,
            List<BigInteger> initialBalances, List<BigInteger> balances, long lastRebalance, long lastBlock) {}

    /** A rebalance's ledger row (what the vault would have done, or why it would have refused). */
    public record RebalanceRow(String vault, long block, long time, String status, String reason, int legs, double tradedValue,
            double costValue, double feeValue, double impactValue, long gasUnits, BigInteger gasPriceWei, double gasValue,
            double navBefore, double navAfter, double driftBefore, double driftAfter, String forkStatus, Long forkGasUsed,
            Double forkDiffBps) {}

    /** One leg's fill. */
    public record FillRow(int leg, String tokenIn, String tokenOut, BigInteger amountIn, BigInteger quotedOut, BigInteger oracleOut,
            BigInteger minOut, double feeBps, double impactBps, double costBps, BigInteger forkedOut, Double forkDiffBps) {}

    /** One observed block of one vault: prices (numeraire per whole token) and NAV at them. */
    public record Observation(String vault, long block, long time, BigInteger baseFeeWei, List<Double> prices, double nav,
            double maxDrift, String verdict) {}

    /** Blocks a vault did not observe, and why. */
    public record Gap(String vault, long fromBlock, long toBlock, String reason) {}

    /** Everything the ledger holds for one vault: what {@link PaperReport} adds up. */
    public record Run(VaultRow vault, List<Observation> observations, List<RebalanceRow> rebalances, List<Gap> gaps,
            List<Double> forkDiffsBps) {
        public Run {
            observations = List.copyOf(observations);
            rebalances = List.copyOf(rebalances);
            gaps = List.copyOf(gaps);
            forkDiffsBps = List.copyOf(forkDiffsBps);
        }
    }

    /** A row mapper. */
    public interface Mapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public static final String VAULT_NAMES = "SELECT name FROM paper_vaults ORDER BY name";
    /** One parameter: the vault's name. */
    public static final String VAULT = "SELECT name, tokens, decimals, targets, start_block, initial_balances, balances,"
            + " last_rebalance, last_block FROM paper_vaults WHERE name = ?";
    public static final String OBSERVATIONS = "SELECT vault, block, time, base_fee_wei, prices, nav, max_drift, verdict"
            + " FROM paper_observations WHERE vault = ? ORDER BY block";
    public static final String REBALANCES = "SELECT vault, block, time, status, reason, legs, traded_value, cost_value,"
            + " fee_value, impact_value, gas_units, gas_price_wei, gas_value, nav_before, nav_after, drift_before, drift_after,"
            + " fork_status, fork_gas_used, fork_diff_bps FROM paper_rebalances WHERE vault = ? ORDER BY id";
    public static final String FORK_DIFFS = "SELECT f.fork_diff_bps FROM paper_fills f JOIN paper_rebalances r"
            + " ON r.id = f.rebalance_id WHERE r.vault = ? AND f.fork_diff_bps IS NOT NULL ORDER BY f.rebalance_id, f.leg";
    public static final String GAPS = "SELECT vault, from_block, to_block, reason FROM paper_gaps WHERE vault = ?"
            + " ORDER BY from_block";

    public static final Mapper<VaultRow> VAULT_ROW = rs -> new VaultRow(rs.getString(1), strings(rs.getString(2)),
            strings(rs.getString(3)).stream().map(Integer::valueOf).toList(), ints(rs.getString(4)), rs.getLong(5),
            ints(rs.getString(6)), ints(rs.getString(7)), rs.getLong(8), rs.getLong(9));
    public static final Mapper<Observation> OBSERVATION = rs -> new Observation(rs.getString(1), rs.getLong(2), rs.getLong(3),
            new BigInteger(rs.getString(4)), strings(rs.getString(5)).stream().map(Double::valueOf).toList(), rs.getDouble(6),
            rs.getDouble(7), rs.getString(8));
    public static final Mapper<RebalanceRow> REBALANCE = rs -> new RebalanceRow(rs.getString(1), rs.getLong(2), rs.getLong(3),
            rs.getString(4), rs.getString(5), rs.getInt(6), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9), rs.getDouble(10),
            rs.getLong(11), new BigInteger(rs.getString(12)), rs.getDouble(13), rs.getDouble(14), rs.getDouble(15),
            rs.getDouble(16), rs.getDouble(17), rs.getString(18), rs.getObject(19) == null ? null : rs.getLong(19),
            rs.getObject(20) == null ? null : rs.getDouble(20));
    public static final Mapper<Double> FORK_DIFF = rs -> rs.getDouble(1);
    public static final Mapper<Gap> GAP = rs -> new Gap(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4));

    /** The ledger's list columns: comma-joined values. */
    static String join(List<?> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }

    private static List<String> strings(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static List<BigInteger> ints(String joined) {
        return strings(joined).stream().map(BigInteger::new).toList();
    }
}
