package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.backtest.report.JsonReportWriter;
import dev.ballast.backtest.report.ReportData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ballast backtest} through the real entry point. */
class BacktestCommandTest {
    static CliRun run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void sampleDataEndToEndWritesParsableFiles(@TempDir Path dir) throws IOException {
        CliRun r = run("backtest", "--quiet", "--regimes", "auto", "--tax-lots", "fifo", "--out", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("EuStockMarkets").contains("buy-and-hold").contains("band 5%")
                .contains("Frontier").contains("By regime").contains("realized LT");
        for (String f : List.of("strategies.csv", "frontier.csv", "report.json", "report.html", "tax-years-01.csv")) {
            assertThat(dir.resolve(f)).as(f).exists();
        }
        ReportData back = JsonReportWriter.read(Files.readString(dir.resolve("report.json")));
        assertThat(back.strategies()).hasSizeGreaterThan(5);
        assertThat(back.strategies().get(0).measures()).containsKeys("return %", "tax");
        assertThat(back.regimes()).isNotEmpty();
        List<String> csv = Files.readAllLines(dir.resolve("strategies.csv"));
        assertThat(csv.get(0)).contains("tracking error %");
        assertThat(csv).hasSize(back.strategies().size() + 1);
        assertThat(Files.readString(dir.resolve("report.html"))).contains("id=\"chart-specs\"", "id=\"chart-drift\"").contains("buy-and-hold");
    }

    @Test
    void sweepWithMonteCarloOnSyntheticData(@TempDir Path dir) throws IOException {
        CliRun r = run("backtest", "--quiet", "--synthetic", "regime", "--synthetic-assets", "3", "--years", "2",
                "--sweep", "--max-band", "2%", "--monte-carlo", "20", "--horizon-days", "100",
                "--bootstrap-block", "10", "--out", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("SYNTHETIC").contains("band 2% after quarterly interval")
                .contains("Monte Carlo quantiles").contains("By regime");
        List<String> q = Files.readAllLines(dir.resolve("monte-carlo-quantiles.csv"));
        assertThat(q.get(0)).startsWith("strategy,measure,count");
        // buy-and-hold + 5 periods + 2 bands + 10 pairs = 18 strategies, 20 measures each
        assertThat(q).hasSize(1 + 18 * 20);
        assertThat(q.get(1)).startsWith("buy-and-hold,return %,20,");
    }

    /** A falls 30% on the second day and stays there; A2 (A's substitute) moves with it; B is flat. */
    private static Path substituteCsv(Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("date,A,B,A2\n");
        java.time.LocalDate d = java.time.LocalDate.of(2024, 1, 1);
        for (int t = 0; t < 120; t++) {
            double a = t == 0 ? 100 : 70;
            csv.append(d.plusDays(t)).append(',').append(a).append(",100,").append(a * 1.001).append('\n');
        }
        Path file = dir.resolve("sub.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void taxCompareShowsEachTaxSettingWithHarvestingIntoTheSubstitute(@TempDir Path dir) throws IOException {
        CliRun r = run("backtest", "--quiet", "--prices", substituteCsv(dir).toString(), "--mode", "calendar",
                "--interval", "weekly", "--tax-compare", "--substitute", "A=A2", "--out", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("[FIFO + harvest]").contains("[FIFO + harvest + tax-aware]")
                .contains("harvested losses").contains("deferred rebalances");
        ReportData back = JsonReportWriter.read(Files.readString(dir.resolve("report.json")));
        java.util.Map<String, java.util.Map<String, Double>> rows = new java.util.HashMap<>();
        back.strategies().forEach(s -> rows.put(s.name(), s.measures()));
        assertThat(rows.get("calendar weekly [FIFO]").get("harvested losses")).isZero();
        assertThat(rows.get("calendar weekly [FIFO + harvest]").get("harvested losses")).isPositive();
        assertThat(rows.get("calendar weekly [FIFO + harvest]").get("realized ST"))
                .isLessThan(rows.get("calendar weekly [FIFO]").get("realized ST"));
        assertThat(Files.readString(dir.resolve("strategies.csv"))).contains("substitute buys");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("harvested losses");
    }

    @Test
    void badOptionsExitTwoNamingTheOption(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "date,A,B\n2020-01-01,1,2\n2020-01-02,x,2\n");
        Object[][] cases = {
                {new String[] {"backtest", "--band", "-1"}, "--band"},
                {new String[] {"backtest", "--synthetic", "foo"}, "--synthetic foo"},
                {new String[] {"backtest", "--weights", "1,2"}, "--weights: 2 weights for 4 assets"},
                {new String[] {"backtest", "--interval", "hourly", "--mode", "calendar"}, "--interval hourly"},
                {new String[] {"backtest", "--mode", "sometimes"}, "--mode sometimes"},
                {new String[] {"backtest", "--prices", dir.resolve("none.csv").toString()}, "--prices"},
                {new String[] {"backtest", "--prices", bad.toString()}, "line 3"},
                {new String[] {"backtest", "--monte-carlo", "2", "--horizon-days", "99999"}, "--horizon-days 99999"},
                {new String[] {"backtest", "--tax-lots", "random"}, "--tax-lots random"},
                {new String[] {"backtest", "--substitute", "DAX=CAC"}, "--substitute: only used with --tax-harvest"},
                {new String[] {"backtest", "--tax-harvest", "--substitute", "DAX=ZZZ"}, "--substitute: no column ZZZ"},
                {new String[] {"backtest", "--tax-harvest", "--substitute", "DAX=CAC", "--weights", "0.25,0.25,0.25,0.25"},
                        "substitute CAC of DAX must have target weight 0"},
                {new String[] {"backtest", "--regimes", "nope.csv"}, "--regimes nope.csv"},
                {new String[] {"backtest", "--fee-bps", "abc"}, "--fee-bps"},
        };
        for (Object[] c : cases) {
            CliRun r = run((String[]) c[0]);
            assertThat(r.exit()).as(String.join(" ", (String[]) c[0]) + " -> " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", (String[]) c[0])).contains((String) c[1]);
        }
    }
}
