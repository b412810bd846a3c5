package dev.ballast.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.bench.SyntheticJournal;
import dev.ballast.paper.PaperLedger;
import dev.ballast.paper.PaperReport;
import dev.ballast.web.Browser;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paper runs on the page, in real Chromium: beside a keeper journal's live vault, the paper vault's section with
 * the report's figures (the same numbers {@code ballast paper report} prints), its NAV and drift charts drawn, each
 * simulated rebalance listed, the gap shown; no console or page error. Screenshot kept in
 * target/browser-artifacts/dashboard-paper.png.
 */
class DashboardPaperBrowserTest {
    @TempDir
    Path dir;

    @Test
    void thePaperVaultsSectionShowsTheReportsFiguresAndCharts() throws Exception {
        Path keeperJournal = dir.resolve("journal.db");
        SyntheticJournal.write(keeperJournal, 1, 2, 6, System.currentTimeMillis(), 5);
        Path paperJournal = dir.resolve("paper.db");
        int rebalances = PaperRunFixture.write(paperJournal, 300, 7);
        PaperReport expected;
        try (PaperLedger ledger = PaperLedger.open(paperJournal)) {
            expected = ledger.report(PaperRunFixture.GAS, PaperRunFixture.CONFIG);
        }
        DashboardSettings settings = DashboardModelTest.settings(keeperJournal, 1, URI.create("http://127.0.0.1:1/"),
                Optional.empty());
        try (DashboardServer server = DashboardServer.start(settings, Optional.of(PaperRunFixture.source(paperJournal)))) {
            String url = "http://127.0.0.1:" + server.port() + "/";
            Browser.PageCheck check = Browser.open(url, "#paper .paper-vault[data-points] canvas",
                    "(() => { const v = document.querySelector('#paper .paper-vault');"
                            + " const fig = t => Object.fromEntries([...v.querySelectorAll(t + ' tbody tr')]"
                            + "   .map(r => [r.cells[0].textContent, r.cells[1].textContent]));"
                            + " return {hidden: document.getElementById('paper').hidden, name: v.dataset.name,"
                            + " points: +v.dataset.points, paper: fig('.paper-figures'), backtest: fig('.paper-backtest'),"
                            + " rebalanceRows: v.querySelectorAll('.paper-rebalances tbody tr').length,"
                            + " refusedRows: v.querySelectorAll('.paper-rebalances tbody tr.bad').length,"
                            + " gaps: v.querySelector('.paper-gaps').textContent,"
                            + " navCanvas: v.querySelectorAll('.paper-nav canvas').length,"
                            + " driftCanvas: v.querySelectorAll('.paper-drift canvas').length,"
                            + " navLegend: [...v.querySelectorAll('.paper-nav .u-legend .u-label')].map(e => e.textContent),"
                            + " liveRows: document.querySelectorAll('#vaults tbody tr[data-name]').length}; })()",
                    "dashboard-paper", 1400, 30_000);
            assertThat(check.pageErrors()).isEmpty();
            assertThat(check.consoleErrors()).isEmpty();
            assertThat(check.externalRequests()).isEmpty();
            JsonNode v = check.value();
            assertThat(v.get("hidden").asBoolean()).isFalse();
            assertThat(v.get("name").asText()).isEqualTo(PaperRunFixture.VAULT);
            assertThat(v.get("points").asInt()).isEqualTo(expected.series().size());
            for (String k : new String[] {"final NAV", "buy-and-hold NAV", "target (free, every block) NAV",
                    "turnover % (one-way, of average NAV)", "tracking error % (annualised)", "sharpe (annualised, rf 0)",
                    "gas", "execution cost", "rebalances", "max drift %", "quoted vs forked mean |bps|"}) {
                assertThat(v.get("paper").get(k).asText()).as(k).isEqualTo(shown(expected.paper().get(k)));
            }
            for (String k : new String[] {"final NAV", "rebalances", "paper minus backtest NAV"}) {
                assertThat(v.get("backtest").get(k).asText()).as("backtest " + k).isEqualTo(shown(expected.backtest().get(k)));
            }
            assertThat(v.get("rebalanceRows").asInt()).isEqualTo(rebalances + 1);
            assertThat(v.get("refusedRows").asInt()).isEqualTo(1);
            assertThat(v.get("gaps").asText()).contains("node unreachable for 20 blocks");
            assertThat(v.get("navCanvas").asInt()).isEqualTo(1);
            assertThat(v.get("driftCanvas").asInt()).isEqualTo(1);
            assertThat(v.get("navLegend").toString()).contains("paper NAV", "buy-and-hold", "target", "backtest");
            assertThat(v.get("liveRows").asInt()).as("the live vaults are still there").isEqualTo(1);
        }
    }

    /** The page's number format: en-US grouping, four decimals. */
    private static String shown(double x) {
        return String.format(Locale.US, "%,.4f", x);
    }
}
