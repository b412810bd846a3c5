package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.bench.PaperMarket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ballast paper} and {@code ballast paper report} through the real entry point, on the moving Anvil market. */
class PaperCliTest {

    @Test
    void paperRunsCatchUpAndTheReportComparesNavBuyAndHoldTargetAndTheBacktest(@TempDir Path dir) throws Exception {
        try (PaperMarket market = PaperMarket.start(11, 0.04, 600)) {
            Path config = dir.resolve("paper.yaml");
            Files.writeString(config, yaml(market, "journal.db"));
            CliRun first = CliRun.run("paper", "-c", config.toString(), "--once");
            assertThat(first.exit()).as(first.err()).isZero();
            assertThat(first.out()).contains("paper trading 1 virtual vault(s) on chain 31337");
            for (int i = 0; i < 24; i++) {
                market.step();
                CliRun again = CliRun.run("paper", "-c", config.toString(), "--once");
                assertThat(again.exit()).as(again.err()).isZero();
            }
            Path out = dir.resolve("report");
            CliRun report = CliRun.run("paper", "report", "-c", config.toString(), "--out", out.toString());
            assertThat(report.exit()).as(report.err()).isZero();
            assertThat(report.out()).contains("paper vault cli-paper: blocks").contains("buy-and-hold NAV")
                    .contains("target (free, every block) NAV").contains("tracking error %").contains("sharpe")
                    .contains("backtest of the same policy on the observed prices").contains("paper minus backtest NAV");
            assertThat(report.out()).containsPattern("rebalances\\s+[1-9]");
            String csv = Files.readString(out.resolve("cli-paper.csv"));
            assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("time,paper_nav,paper_nav_net_gas,buy_and_hold,target,backtest_nav");
            assertThat(csv.lines().count()).isGreaterThan(20);
            assertThat(Files.readString(out.resolve("cli-paper.json"))).contains("\"vault\":\"cli-paper\"").contains("\"backtest\":{");
            assertThat(Files.readString(out.resolve("cli-paper.html"))).contains("new uPlot(").contains("<table id=\"figures\">");
        }
    }

    @Test
    void aBadPaperConfigExitsTwoNamingTheField(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("paper.yaml");
        Files.writeString(config, "rpc: http://127.0.0.1:1\nvaults:\n  - name: x\n    priceRouter: \"0x12\"\n");
        CliRun r = CliRun.run("paper", "-c", config.toString(), "--once");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("vaults[0].priceRouter = 0x12").contains("vaults[0].venue").contains("vaults[0].assets");
    }

    private static String yaml(PaperMarket market, String journal) {
        var s = market.stack();
        return """
                rpc: %s
                chainId: 31337
                journal: %s
                vaults:
                  - name: cli-paper
                    priceRouter: "%s"
                    venue: "%s"
                    assets:
                      - {token: "%s", target: 0.6}
                      - {token: "%s", target: 0.2}
                      - {token: "%s", target: 0.2}
                    start: {notional: 100000}
                    policy: {band: 0.03, cooldown: 1m, twapWindow: 30m, maxSpotTwapDeviation: 0.05, maxOracleVenueDeviation: 0.05,
                             maxSlippage: 0.02, gasBudget: 0}
                """.formatted(market.rpcUrl(), journal, s.router().getContractAddress(), s.venue().getContractAddress(), s.asset(0),
                s.asset(1), s.asset(2));
    }
}
