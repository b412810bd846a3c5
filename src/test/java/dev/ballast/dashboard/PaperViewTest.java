package dev.ballast.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.paper.PaperLedger;
import dev.ballast.paper.PaperReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's paper section against {@code ballast paper report}: a ledger written by the real PaperLedger, read
 * by the dashboard's read-only {@link PaperView}, must give exactly the report's figures and series for the same run.
 */
class PaperViewTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    @Test
    void theDashboardShowsThePaperReportsFiguresForTheSameRun() throws Exception {
        Path journal = dir.resolve("paper.db");
        int rebalances = PaperRunFixture.write(journal, 300, 7);
        assertThat(rebalances).as("the fixture's market moves enough to rebalance").isGreaterThan(1);
        PaperReport expected;
        try (PaperLedger ledger = PaperLedger.open(journal)) {
            expected = ledger.report(PaperRunFixture.GAS, PaperRunFixture.CONFIG);
        }
        byte[] before = digest(journal);
        try (PaperView view = PaperView.open(PaperRunFixture.source(journal))) {
            JsonNode v = JSON.readTree(view.json()).get("vaults").get(0);
            assertThat(v.has("error")).as("error: %s", v.path("error").asText()).isFalse();
            assertThat(v.get("name").asText()).isEqualTo(PaperRunFixture.VAULT);
            assertThat(v.get("fromBlock").asLong()).isEqualTo(expected.fromBlock());
            assertThat(v.get("toBlock").asLong()).isEqualTo(expected.toBlock());
            assertFigures(v.get("paper"), expected.paper());
            assertFigures(v.get("backtest"), expected.backtest());
            assertThat(expected.paper().get("rebalances")).isEqualTo((double) rebalances);
            assertThat(expected.paper()).containsKey("quoted vs forked mean |bps|");
            String[] series = {"t", "nav", "navNetGas", "buyHold", "target", "backtestNav"};
            for (int c = 0; c < series.length; c++) {
                JsonNode a = v.get(series[c]);
                assertThat(a.size()).as(series[c]).isEqualTo(expected.series().size());
                for (int t = 0; t < a.size(); t++) {
                    assertThat(a.get(t).asDouble()).as("%s[%d]", series[c], t).isEqualTo(expected.series().get(t)[c]);
                }
            }
            assertThat(v.get("rebalances").size()).isEqualTo(rebalances + 1); // and the refused one
            assertThat(v.get("refusals").size()).isEqualTo(1);
            assertThat(v.get("gaps").get(0).get("reason").asText()).isEqualTo("node unreachable for 20 blocks");
            assertThat(v.get("drift").size()).isEqualTo(300);
            assertThat(v.get("band").asDouble()).isEqualTo(0.05);
        }
        assertThat(digest(journal)).as("the dashboard left the journal file as it was").isEqualTo(before);
    }

    @Test
    void aNewBlockInTheLedgerReachesThePageAndAVaultWithoutRowsSaysSo() throws Exception {
        Path journal = dir.resolve("paper.db");
        PaperRunFixture.write(journal, 40, 3);
        PaperSource source = new PaperSource(journal, PaperRunFixture.GAS, List.of(PaperRunFixture.source(journal).vaults()
                .getFirst(), new PaperSource.Vault("not-started", PaperLedger.policy(PaperRunFixture.CONFIG))));
        try (PaperView view = PaperView.open(source)) {
            JsonNode first = JSON.readTree(view.json()).get("vaults");
            assertThat(first.get(1).get("error").asText()).contains("not-started");
            long toBlock = first.get(0).get("toBlock").asLong();
            PaperRunFixture.write(dir.resolve("other.db"), 2, 1); // another file: unchanged ledger, same page
            assertThat(JSON.readTree(view.json()).get("vaults").get(0).get("toBlock").asLong()).isEqualTo(toBlock);
            try (PaperLedger ledger = PaperLedger.open(journal)) {
                var last = ledger.observations(PaperRunFixture.VAULT).getLast();
                var row = ledger.vault(PaperRunFixture.VAULT).orElseThrow();
                ledger.write(b -> {
                    b.observe(new dev.ballast.paper.PaperRows.Observation(last.vault(), last.block() + 1, last.time() + 12,
                            last.baseFeeWei(), last.prices(), last.nav(), last.maxDrift(), "SKIPPED"));
                    b.saveVault(new dev.ballast.paper.PaperRows.VaultRow(row.name(), row.tokens(), row.decimals(),
                            row.targets(), row.startBlock(), row.initialBalances(), row.balances(), row.lastRebalance(),
                            last.block() + 1));
                });
            }
            assertThat(JSON.readTree(view.json()).get("vaults").get(0).get("toBlock").asLong()).isEqualTo(toBlock + 1);
        }
    }

    @Test
    void aLongRunsLinesAreSampledButItsFiguresAndItsWorstDriftAreKept() throws Exception {
        Path journal = dir.resolve("paper.db");
        PaperRunFixture.write(journal, 300, 11);
        PaperReport expected;
        double worstDrift;
        try (PaperLedger ledger = PaperLedger.open(journal)) {
            expected = ledger.report(PaperRunFixture.GAS, PaperRunFixture.CONFIG);
            worstDrift = ledger.observations(PaperRunFixture.VAULT).stream().mapToDouble(o -> o.maxDrift()).max().orElseThrow();
        }
        try (PaperView view = PaperView.open(PaperRunFixture.source(journal), 40)) {
            JsonNode v = JSON.readTree(view.json()).get("vaults").get(0);
            assertFigures(v.get("paper"), expected.paper());
            int n = expected.series().size();
            JsonNode nav = v.get("nav");
            assertThat(nav.size()).isBetween(30, 41);
            assertThat(nav.get(0).asDouble()).isEqualTo(expected.series().getFirst()[1]);
            assertThat(nav.get(nav.size() - 1).asDouble()).isEqualTo(expected.series().get(n - 1)[1]);
            assertThat(v.get("t").get(1).asDouble()).as("every k-th point, k = ceil(n / 40)")
                    .isEqualTo(expected.series().get((n + 39) / 40)[0]);
            JsonNode drift = v.get("drift");
            assertThat(drift.size()).isBetween(30, 41);
            double shownWorst = 0;
            for (JsonNode d : drift) shownWorst = Math.max(shownWorst, d.asDouble());
            assertThat(shownWorst).as("the worst drift survives the sampling").isEqualTo(worstDrift);
        }
    }

    @Test
    void aFileWithoutAPaperLedgerIsRefusedNamingTheOption() throws Exception {
        Path empty = Files.writeString(dir.resolve("not-a-journal.db"), "");
        assertThatThrownBy(() -> PaperView.open(PaperRunFixture.source(empty)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--paper-config");
        assertThatThrownBy(() -> PaperView.open(PaperRunFixture.source(dir.resolve("missing.db"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no paper journal");
    }

    private static void assertFigures(JsonNode shown, Map<String, Double> report) {
        assertThat(shown.size()).isEqualTo(report.size());
        report.forEach((k, x) -> {
            if (Double.isFinite(x)) assertThat(shown.get(k).asDouble()).as(k).isEqualTo(x);
            else assertThat(shown.get(k).isNull()).as(k).isTrue();
        });
    }

    private static byte[] digest(Path file) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    }
}
