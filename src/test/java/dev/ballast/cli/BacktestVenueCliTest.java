package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.backtest.report.JsonReportWriter;
import dev.ballast.backtest.report.ReportData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ballast backtest --venue}: "rebalance on V3 0.05% vs Balancer 0.3%" before deploying. */
class BacktestVenueCliTest {
    private static double executionCost(Path dir, String venue) throws Exception {
        CliRun r = CliRun.run("backtest", "--quiet", "--synthetic", "gbm", "--synthetic-assets", "3", "--years", "1", "--mode", "band",
                "--start-value", "100000000", "--venue", venue, "--out", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("routed over");
        ReportData report = JsonReportWriter.read(Files.readString(dir.resolve("report.json")));
        return report.strategies().stream().filter(s -> s.name().startsWith("band")).findFirst().orElseThrow()
                .measures().get("execution cost bps/yr");
    }

    @Test
    void aDeepV3PoolCostsLessThanABalancer8020PoolOverTheSameRun(@TempDir Path dir) throws Exception {
        double v3 = executionCost(dir.resolve("v3"), "v3:5:2e9:2");
        double balancer = executionCost(dir.resolve("bal"), "balancer:30:4e7:80/20");
        assertThat(v3).isPositive().isLessThan(balancer);
    }

    @Test
    void aBadVenueNamesThePart() {
        CliRun r = CliRun.run("backtest", "--quiet", "--venue", "v3:5");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("--venue venue 'v3:5': expected KIND:FEE_BPS:LIQUIDITY");
    }
}
