package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ballast.backtest.report.JsonReportWriter;
import dev.ballast.backtest.report.ReportData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18 §2: options of {@code ballast backtest} that could make a run say something other than what it did. */
class BacktestHonestyTest {
    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    private static ReportData report(Path dir) throws IOException {
        return JsonReportWriter.read(Files.readString(dir.resolve("report.json")));
    }

    private static double measure(ReportData r, String strategy, String measure) {
        return r.strategies().stream().filter(s -> s.name().equals(strategy)).findFirst().orElseThrow()
                .measures().get(measure);
    }

    @Test
    void aBandIsTheSameWrittenAsAPercentOrAFractionAndABareNumberAboveOneIsRefused(@TempDir Path dir)
            throws IOException {
        CliRun percent = run("backtest", "--quiet", "--mode", "band", "--band", "5%", "--out", dir.resolve("p").toString());
        CliRun fraction = run("backtest", "--quiet", "--mode", "band", "--band", "0.05", "--out", dir.resolve("f").toString());
        assertThat(percent.exit()).as(percent.err()).isZero();
        assertThat(fraction.exit()).as(fraction.err()).isZero();
        double a = measure(report(dir.resolve("p")), "band 5%", "rebalances");
        assertThat(measure(report(dir.resolve("f")), "band 5%", "rebalances")).isEqualTo(a);
        assertThat(a).isBetween(1.0, 100.0); // not the 1,744 of a 0.05% band

        CliRun bare = run("backtest", "--quiet", "--band", "5");
        assertThat(bare.exit()).isEqualTo(2);
        assertThat(bare.err()).contains("--band 5: ambiguous").contains("5%");
        CliRun benefit = run("backtest", "--quiet", "--correction-benefit", "1");
        assertThat(benefit.exit()).isEqualTo(2);
        assertThat(benefit.err()).contains("--correction-benefit 1: ambiguous");
        CliRun word = run("backtest", "--quiet", "--band", "five");
        assertThat(word.exit()).isEqualTo(2);
        assertThat(word.err()).contains("--band five: not a number");
    }

    @Test
    void weightsMustSumToOneUnlessNormalizedAndArePrintedInTheReport() {
        CliRun bad = run("backtest", "--quiet", "--mode", "band", "--weights", "0.4,0.4,0.4,0.4");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--weights").contains("sum to 1.6").contains("--normalize");
        assertThat(bad.out()).doesNotContain("buy-and-hold");

        CliRun normalized = run("backtest", "--quiet", "--mode", "band", "--weights", "0.4,0.4,0.4,0.4", "--normalize");
        assertThat(normalized.exit()).as(normalized.err()).isZero();
        assertThat(normalized.out()).contains("weights: DAX 25%, SMI 25%, CAC 25%, FTSE 25%")
                .contains("untaxed"); // the net-of-tax column of a run without tax options
        CliRun exact = run("backtest", "--quiet", "--mode", "band", "--weights", "0.1,0.2,0.3,0.4");
        assertThat(exact.out()).contains("weights: DAX 10%, SMI 20%, CAC 30%, FTSE 40%");
    }

    @Test
    void thePoolsVolumeIsAnOptionPrintedBesideItsRowWithAConservativeDefault(@TempDir Path dir) throws IOException {
        CliRun byDefault = run("backtest", "--quiet", "--out", dir.resolve("d").toString());
        assertThat(byDefault.exit()).as(byDefault.err()).isZero();
        assertThat(byDefault.out()).contains("weighted pool 0.3% fee, 0%/day volume");
        CliRun five = run("backtest", "--quiet", "--pool-volume", "5%", "--out", dir.resolve("f").toString());
        assertThat(five.out()).contains("weighted pool 0.3% fee, 5%/day volume");
        double none = measure(report(dir.resolve("d")), "weighted pool 0.3% fee, 0%/day volume", "return %");
        double assumed = measure(report(dir.resolve("f")), "weighted pool 0.3% fee, 5%/day volume", "return %");
        double hold = measure(report(dir.resolve("d")), "buy-and-hold", "return %");
        assertThat(assumed).isGreaterThan(none + 50); // the old hidden constant: 342.6% against 210.5% held
        assertThat(none).isLessThan(hold + 10);

        Path csv = dir.resolve("volume.csv");
        Files.writeString(csv, "date,volume_fraction\n1991-07-01,0.5\n1991-07-02,0.25\n");
        CliRun series = run("backtest", "--quiet", "--pool-volume-csv", csv.toString());
        assertThat(series.exit()).as(series.err()).isZero();
        assertThat(series.out()).contains("weighted pool 0.3% fee, volume from volume.csv");
        Files.writeString(csv, "date,volume\n1991-07-01,0.5\n");
        CliRun badHeader = run("backtest", "--quiet", "--pool-volume-csv", csv.toString());
        assertThat(badHeader.exit()).isEqualTo(2);
        assertThat(badHeader.err()).contains("--pool-volume-csv").contains("line 1").contains("date,volume_fraction");
    }

    @Test
    void bothCalendarAndBandRulesAreNamedModesAndTheAmbiguousNameIsRefused() {
        CliRun after = run("backtest", "--quiet", "--mode", "band-after-interval", "--interval", "quarterly");
        assertThat(after.exit()).as(after.err()).isZero();
        assertThat(after.out()).contains("band 5% after quarterly interval");
        CliRun dates = run("backtest", "--quiet", "--mode", "band-on-calendar-dates", "--interval", "quarterly");
        assertThat(dates.out()).contains("band 5% on quarterly dates");
        CliRun old = run("backtest", "--quiet", "--mode", "band-and-calendar");
        assertThat(old.exit()).isEqualTo(2);
        assertThat(old.err()).contains("--mode band-and-calendar: ambiguous").contains("band-after-interval")
                .contains("band-on-calendar-dates");
    }

    @Test
    void regimesCanBeFoundOnANamedAssetOrByDrawdownAndTheReportSaysWhichRuleFoundWhat() {
        CliRun dd = run("backtest", "--quiet", "--mode", "band", "--regimes", "drawdown", "--regime-asset", "DAX",
                "--regime-drawdown", "10%");
        assertThat(dd.exit()).as(dd.err()).isZero();
        assertThat(dd.out()).contains("regimes: drawdown: DAX at least 10% below its running peak")
                .contains("regime periods: drawdown: ").contains("near peak: ");
        CliRun auto = run("backtest", "--quiet", "--mode", "band", "--regimes", "auto", "--regime-asset", "SMI");
        assertThat(auto.out()).contains("regimes: auto: trailing 126-bar return of SMI").contains("bull: ");
        CliRun missing = run("backtest", "--quiet", "--regimes", "auto", "--regime-asset", "SPI");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--regime-asset: no column SPI");
    }

    @Test
    void executionTimingAndCostsAreOptionsShownInTheReport(@TempDir Path dir) throws IOException {
        CliRun same = run("backtest", "--quiet", "--mode", "calendar", "--interval", "weekly", "--out",
                dir.resolve("s").toString());
        CliRun next = run("backtest", "--quiet", "--mode", "calendar", "--interval", "weekly", "--execution", "next-bar",
                "--asset-fee-bps", "DAX=10", "--fixed-cost", "5", "--out", dir.resolve("n").toString());
        assertThat(next.exit()).as(next.err()).isZero();
        assertThat(same.out()).contains("execution: same-bar");
        assertThat(next.out()).contains("execution: next-bar, asset fees (bps) {DAX=10.0}, others 30.0, fixed cost 5.0");
        double sameReturn = measure(report(dir.resolve("s")), "calendar weekly", "return %");
        assertThat(measure(report(dir.resolve("n")), "calendar weekly", "return %")).isNotEqualTo(sameReturn);
        CliRun taxed = run("backtest", "--quiet", "--execution", "next-bar", "--tax-lots", "fifo");
        assertThat(taxed.exit()).isEqualTo(2);
        assertThat(taxed.err()).contains("not supported with tax options");
        CliRun unknown = run("backtest", "--quiet", "--asset-fee-bps", "ZZZ=3");
        assertThat(unknown.err()).contains("--asset-fee-bps: no column ZZZ");
    }

    @Test
    void theNavPathIsExportedPerBarPerStrategyAndAgreesWithTheReport(@TempDir Path dir) throws IOException {
        CliRun r = run("backtest", "--quiet", "--mode", "band", "--assets", "SMI,DAX", "--weights", "0.6,0.4",
                "--out", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("assets: SMI, DAX").contains("weights: SMI 60%, DAX 40%");
        List<String> csv = Files.readAllLines(dir.resolve("nav.csv"));
        assertThat(csv.get(0)).isEqualTo("date,timestamp,buy-and-hold,band 5%");
        assertThat(csv).hasSize(1 + 1860); // the sample's bars
        assertThat(csv.get(1)).startsWith("1991-07-01,").endsWith(",1000000.0,1000000.0");
        JsonNode json = new JsonMapper().readTree(dir.resolve("nav.json").toFile());
        JsonNode band = json.get("nav").get("band 5%");
        assertThat(band).hasSize(1860);
        double ret = measure(report(dir), "band 5%", "return %");
        assertThat((band.get(1859).asDouble() / 1e6 - 1) * 100).isCloseTo(ret, org.assertj.core.api.Assertions.within(1e-9));
        String[] last = csv.get(1860).split(",");
        assertThat(Double.parseDouble(last[3])).isEqualTo(band.get(1859).asDouble());

        CliRun count = run("backtest", "--quiet", "--synthetic", "gbm", "--assets", "3");
        assertThat(count.exit()).isEqualTo(2);
        assertThat(count.err()).contains("--synthetic-assets");
    }

    @Test
    void returnsGrossNetOfCostsAndNetOfTaxAndTheLargestDrawdownsArePrintedAndWritten(@TempDir Path dir)
            throws IOException {
        CliRun r = run("backtest", "--quiet", "--mode", "calendar", "--interval", "weekly", "--tax-lots", "fifo",
                "--out", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("gross of costs %").contains("net of tax %").contains("Largest drawdowns");
        JsonNode all = new JsonMapper().readTree(dir.resolve("returns-and-drawdowns.json").toFile());
        JsonNode weekly = null;
        for (JsonNode n : all) if (n.get("strategy").asText().equals("calendar weekly")) weekly = n;
        assertThat(weekly).isNotNull();
        double net = measure(report(dir), "calendar weekly", "return %") / 100;
        double fees = measure(report(dir), "calendar weekly", "fees");
        double tax = measure(report(dir), "calendar weekly", "tax");
        assertThat(weekly.get("net of costs").asDouble()).isCloseTo(net, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(weekly.get("gross of costs").asDouble())
                .isCloseTo(net + fees / 1e6, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(weekly.get("net of tax").asDouble()).isCloseTo(net - tax / 1e6, org.assertj.core.api.Assertions.within(1e-12));
        JsonNode deepest = weekly.get("largest drawdowns").get(0);
        assertThat(deepest.get("depth").asDouble() * 100)
                .isCloseTo(measure(report(dir), "calendar weekly", "max drawdown %"), org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void helpDescribesTheNewOptionsWithoutFormatWarnings() {
        CliRun help = run("backtest", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--band=FRACTION").contains("5% or 0.05").contains("band-on-calendar-dates")
                .contains("--pool-volume=FRACTION").contains("default 0%").contains("--execution=WHEN")
                .contains("--regime-asset=NAME").contains("--asset-fee-bps=ASSET=BPS").contains("nav.csv");
        assertThat(help.err()).doesNotContain("WARN");
    }

    @Test
    void anUnwritableOutFailsBeforeTheRun(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        CliRun r = run("backtest", "--sweep", "--out", file.resolve("report").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--out " + file.resolve("report")).contains("cannot write");
        assertThat(r.out()).doesNotContain("buy-and-hold"); // nothing was run, nothing printed
    }
}
