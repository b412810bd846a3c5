package dev.ballast.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.bench.SyntheticJournal;
import dev.ballast.web.Browser;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * First paint of the dashboard with 1,000 vaults and 90 days of journal (a decision per vault every 6 hours:
 * 361,000 rows), in real Chromium: the figure issue 15 asks for (target < 1 s), printed and kept in
 * target/browser-artifacts/dashboard-first-paint.txt. The assertion allows for a loaded shared machine; the figure
 * itself is what the README reports.
 */
class DashboardFirstPaintBrowserTest {
    static final int VAULTS = 1_000;
    static final int DAYS = 90;
    static final int STEP_HOURS = 6;
    @TempDir
    Path dir;

    @Test
    void aThousandVaultsAndNinetyDaysPaintWithinASecond() throws Exception {
        Path journal = dir.resolve("journal.db");
        long started = System.nanoTime();
        SyntheticJournal.Written w = SyntheticJournal.write(journal, VAULTS, DAYS, STEP_HOURS, System.currentTimeMillis(), 11);
        long writeMs = (System.nanoTime() - started) / 1_000_000;
        DashboardSettings settings = DashboardModelTest.settings(journal, VAULTS, URI.create("http://127.0.0.1:1/"),
                Optional.empty());
        // a first Chromium start warms the OS file cache; not measured, and before the server: the page is opened the
        // moment the server is up, while the journal is still loading
        Browser.open("data:text/html,<body data-ready=1>", "body[data-ready]", null);
        long t0 = System.nanoTime();
        try (DashboardServer server = DashboardServer.start(settings)) {
            long startMs = (System.nanoTime() - t0) / 1_000_000;
            String url = "http://127.0.0.1:" + server.port() + "/";
            Browser.PageCheck check = Browser.open(url, "body[data-ready]",
                    "({rows: document.querySelectorAll('#vaults tbody tr').length,"
                            + " points: +document.getElementById('detail').dataset.points,"
                            + " loadingCells: document.querySelectorAll('#vaults tbody td .muted').length,"
                            + " navs: [...document.querySelectorAll('#vaults tbody tr')].filter(r => r.cells[1].textContent"
                            + " !== '—').length})", "dashboard-first-paint");
            while (server.historyLoadMillis() < 0) Thread.sleep(20);
            String figures = String.format(Locale.ROOT, "dashboard first paint, %,d vaults x %d days (%,d decisions, %,d"
                    + " rebalances; journal written in %,d ms): server start %d ms; page opened at once (Chromium launch"
                    + " not counted): first contentful paint %.0f ms, all vaults' rows and the first vault's charts drawn"
                    + " (readyMs) %d ms, %d figure cells still saying loading then; in the background: %s", VAULTS, DAYS,
                    w.decisions(), w.rebalances(), writeMs, startMs, check.firstContentfulPaintMs(), check.readyMs(),
                    check.value().get("loadingCells").asInt(), server.loadSummary());
            System.out.println(figures);
            Files.writeString(Path.of("target/browser-artifacts/dashboard-first-paint.txt"), figures + "\n");
            assertThat(check.pageErrors()).isEmpty();
            assertThat(check.consoleErrors()).isEmpty();
            assertThat(check.externalRequests()).isEmpty();
            assertThat(check.value().get("rows").asInt()).isEqualTo(VAULTS);
            assertThat(check.value().get("navs").asInt()).as("every row has its NAV when the page says ready").isEqualTo(VAULTS);
            assertThat(check.value().get("points").asInt()).isBetween(300, VaultHistory.MAX_POINTS * 2);
            // served before the history was read (a cold JVM's class loading alone can take seconds under load)
            assertThat(startMs).as("start-up vs the background history load").isLessThan(server.historyLoadMillis());
            assertThat(check.readyMs()).as("ready in ms (target 1,000; generous for a loaded CI machine)").isLessThan(5_000);
        }
    }
}
