package dev.ballast.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.policy.RebalanceMode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's series and figures from a ledger written by hand, where every number is known. */
class PaperReportTest {
    private static final BigInteger HALF = BigInteger.TEN.pow(17).multiply(BigInteger.valueOf(5));
    private static final String A = "0x00000000000000000000000000000000000000a1";
    private static final String B = "0x00000000000000000000000000000000000000b2";

    @Test
    void buyAndHoldTargetGasAndGapsAreComputedFromTheLedger(@TempDir Path dir) {
        PaperConfig.Vault v = new PaperConfig.Vault("v", A, B, List.of(new PaperConfig.PaperAsset(A, HALF), new PaperConfig.PaperAsset(B, HALF)),
                new PaperConfig.Start(new BigDecimal("200"), null), new PaperConfig.Policy(RebalanceMode.BAND, HALF.divide(BigInteger.TEN),
                86_400, 60, 0, BigInteger.TEN.pow(16), HALF, 1800, BigInteger.TEN.pow(17), BigInteger.TEN.pow(17), 0, BigInteger.TEN.pow(16).longValueExact()));
        PaperConfig.Gas gas = new PaperConfig.Gas(400_000, 150_000, 3000_00000000L, BigInteger.ONE);
        try (PaperLedger ledger = PaperLedger.open(dir.resolve("j.db"))) {
            // 100 A at $1 and 1 B at $100 (decimals 0); B doubles; one rebalance recorded at block 11
            ledger.write(b -> {
                b.saveVault(new PaperRows.VaultRow("v", List.of(A, B), List.of(0, 0), List.of(HALF, HALF), 10,
                        List.of(BigInteger.valueOf(100), BigInteger.ONE), List.of(BigInteger.valueOf(100), BigInteger.ONE), 0, 12));
                b.observe(obs(10, 1000, 1, 100, 200));
                b.observe(obs(11, 1012, 1, 200, 300));
                b.observe(obs(12, 1024, 1, 200, 300));
                b.rebalance(new PaperRows.RebalanceRow("v", 11, 1012, "FILLED", "test", 1, 50, 0.5, 0.3, 0.2, 550_000,
                        BigInteger.valueOf(2_000_000_000L), 3.3, 300, 299.5, 0.17, 0.0, "MINED", 440_000L, -1.5), List.of());
                b.gap(new PaperRows.Gap("v", 13, 20, "test gap"));
            });
            PaperReport r = ledger.report(gas, v);
            assertThat(r.series()).hasSize(3);
            double[] last = r.series().get(2);
            assertThat(last[1]).isEqualTo(300.0);              // paper NAV
            assertThat(last[2]).isCloseTo(296.7, within(1e-9)); // net of the 3.3 gas paid at block 11
            assertThat(last[3]).isEqualTo(300.0);              // 100 A × 1 + 1 B × 200
            assertThat(last[4]).isCloseTo(300, within(1e-9)); // 200 × (0.5 × 1 + 0.5 × 2)
            assertThat(r.paper().get("rebalances")).isEqualTo(1.0);
            assertThat(r.paper().get("gas")).isEqualTo(3.3);
            assertThat(r.paper().get("cost bps of traded (incl. gas)")).isCloseTo((0.5 + 3.3) / 50 * 1e4, within(1e-6));
            assertThat(r.gaps()).extracting(PaperRows.Gap::reason).containsExactly("test gap");
            assertThat(r.backtest()).containsKeys("final NAV", "rebalances", "paper minus backtest NAV");
            assertThat(PaperReportWriter.json(r)).contains("\"gaps\":[{\"from\":13,\"to\":20,\"reason\":\"test gap\"}]");
        }
    }

    private static PaperRows.Observation obs(long block, long time, double a, double b, double nav) {
        return new PaperRows.Observation("v", block, time, BigInteger.ONE, List.of(a, b), nav, 0.01, "SKIPPED");
    }
}
