package dev.ballast.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.cli.CliRun;
import dev.ballast.web.Browser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a real {@code ballast backtest --out} run, opened from disk in headless Chromium at a 1,400-pixel
 * viewport with the network cut off: no errors, no request leaves the page, every chart has data, and the sweep's
 * frontier labels stay inside the plot without overlapping. Screenshots are kept in target/browser-artifacts.
 */
class ReportBrowserTest {
    /** What the page reports about itself: per chart its series (label, shown, dashed, points) and the layout. */
    private static final String INSPECT = """
            (() => {
              const charts = {};
              for (const [id, u] of Object.entries(window.ballastCharts)) {
                charts[id] = u.series.slice(1).map((s, i) => ({label: s.label, show: s.show, dash: !!s.dash,
                  points: u.data[i + 1].filter(v => v != null).length}));
              }
              const table = document.getElementById('strategies-table');
              const box = document.querySelector('details.columns input[data-col="11"]');
              const before = table.getBoundingClientRect().width;
              box.click();
              const shownAfterToggle = getComputedStyle(table.querySelector('th[data-col="11"]')).display !== 'none';
              box.click();
              // ink inside each frontier label's box: the text is drawn where the layout says it is
              const f = window.ballastCharts.frontier, dpr = devicePixelRatio || 1;
              const labels = (window.ballastLabels.frontier || []).map(l => {
                const px = f.ctx.getImageData(l.x0 * dpr, l.y0 * dpr, (l.x1 - l.x0) * dpr, (l.y1 - l.y0) * dpr).data;
                let ink = 0;
                for (let i = 0; i < px.length; i += 4) if (px[i + 3] > 160 && px[i] < 120 && px[i + 1] < 120 && px[i + 2] < 120) ink++;
                return Object.assign({ink}, l);
              });
              return {charts, labels,
                tableWidth: before, tableRight: table.getBoundingClientRect().right,
                tableScrolls: table.parentElement.scrollWidth > table.parentElement.clientWidth,
                pageWidth: document.documentElement.scrollWidth, viewport: window.innerWidth,
                detailColumn: table.querySelector('th[data-col="11"]').textContent, shownAfterToggle,
                pngButtons: document.querySelectorAll('h2 button').length,
                rows: table.tBodies[0].rows.length,
                rowNames: [...table.tBodies[0].rows].map(r => r.cells[0].textContent)};
            })()""";

    private static JsonNode open(Path dir, String artefact) throws Exception {
        Browser.PageCheck check = Browser.open(dir.resolve("report.html").toUri().toString(), "body[data-charts-ready]",
                INSPECT, artefact, 1400, 15_000);
        assertThat(check.pageErrors()).isEmpty();
        assertThat(check.consoleErrors()).isEmpty();
        assertThat(check.externalRequests()).isEmpty();
        assertThat(Path.of("target/browser-artifacts/" + artefact + ".png")).isNotEmptyFile();
        return check.value();
    }

    private static List<String> labels(JsonNode series) {
        List<String> out = new ArrayList<>();
        series.forEach(s -> out.add(s.get("label").asText()));
        return out;
    }

    @Test
    void standardSetReportHasEveryChartWithDataBandLinesAndFitsTheWidth(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.run("backtest", "--quiet", "--out", dir.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode page = open(dir, "report-standard-set");
        JsonNode charts = page.get("charts");
        assertThat(charts.fieldNames()).toIterable().containsExactly("frontier", "nav", "drawdown", "drift", "weights",
                "rolling-sharpe", "rolling-te");
        charts.fields().forEachRemaining(c -> c.getValue().forEach(s ->
                assertThat(s.get("points").asInt()).as(c.getKey() + " " + s.get("label")).isGreaterThan(1)));
        // the band strategies are in the drift chart, and each of their bands is a dashed line
        List<String> drift = labels(charts.get("drift"));
        assertThat(drift).contains("band 1%", "band 2.5%", "band 5%", "band 10%", "calendar monthly");
        List<String> dashed = new ArrayList<>();
        charts.get("drift").forEach(s -> { if (s.get("dash").asBoolean()) dashed.add(s.get("label").asText()); });
        assertThat(dashed).containsExactlyInAnyOrder("band 1%", "band 2.5%", "band 5%", "band 10%");
        // NAV: strategies, buy-and-hold and the continuously rebalanced yardstick
        assertThat(labels(charts.get("nav"))).contains("buy-and-hold", "band 5%", "continuously rebalanced (no costs)");
        assertThat(labels(charts.get("weights"))).containsExactly("DAX", "SMI", "CAC", "FTSE");
        assertThat(page.get("tableScrolls").asBoolean()).isFalse();
        assertThat(page.get("tableRight").asDouble()).isLessThanOrEqualTo(1400);
        assertThat(page.get("pageWidth").asInt()).isLessThanOrEqualTo(page.get("viewport").asInt());
        assertThat(page.get("shownAfterToggle").asBoolean()).as(page.get("detailColumn").asText()).isTrue();
        assertThat(page.get("pngButtons").asInt()).isEqualTo(charts.size());
    }

    @Test
    void sweepReportLabelsTiesOnceInsideThePlotAndCollapsesIdenticalRows(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.run("backtest", "--quiet", "--sweep", "--monte-carlo", "20", "--horizon-days", "260",
                "--out", dir.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode page = open(dir, "report-sweep");
        JsonNode labels = page.get("labels");
        assertThat(labels).isNotEmpty();
        List<String> texts = new ArrayList<>();
        for (JsonNode l : labels) {
            texts.add(l.get("text").asText());
            JsonNode plot = l.get("plot");
            assertThat(l.get("x0").asDouble()).as(l.toString()).isGreaterThanOrEqualTo(plot.get("left").asDouble());
            assertThat(l.get("x1").asDouble()).as(l.toString()).isLessThanOrEqualTo(plot.get("right").asDouble());
            assertThat(l.get("y0").asDouble()).as(l.toString()).isGreaterThanOrEqualTo(plot.get("top").asDouble());
            assertThat(l.get("y1").asDouble()).as(l.toString()).isLessThanOrEqualTo(plot.get("bottom").asDouble());
            assertThat(l.get("ink").asInt()).as(l.toString()).isGreaterThan(20);
        }
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                JsonNode a = labels.get(i);
                JsonNode b = labels.get(j);
                boolean overlap = a.get("x0").asDouble() < b.get("x1").asDouble() && b.get("x0").asDouble() < a.get("x1").asDouble()
                        && a.get("y0").asDouble() < b.get("y1").asDouble() && b.get("y0").asDouble() < a.get("y1").asDouble();
                assertThat(overlap).as(a + " / " + b).isFalse();
            }
        }
        assertThat(texts).anyMatch(t -> t.endsWith("= buy-and-hold"));
        assertThat(page.get("rowNames").toString()).contains("= buy-and-hold");
        assertThat(page.get("rows").asInt()).isLessThan(126); // 1 + 5 calendar + 20 bands + 100 pairs, ties collapsed
        assertThat(page.get("charts").get("histogram").get(0).get("points").asInt()).isGreaterThan(1);
        assertThat(page.get("tableScrolls").asBoolean()).isFalse();
        assertThat(page.get("pageWidth").asInt()).isLessThanOrEqualTo(page.get("viewport").asInt());
    }

    /** The monthly heatmap as the page shows it: first table's cells, and which tables show after a new choice. */
    private static final String HEATMAP = """
            (() => {
              const tables = [...document.querySelectorAll('table.heatmap')];
              const t = tables[0];
              const cells = [...t.querySelectorAll('tbody td[data-month]')].filter(td => td.dataset.month.length === 7);
              const pick = document.getElementById('heatmap-strategy');
              const shownBefore = tables.map(x => getComputedStyle(x).display !== 'none');
              pick.value = '1';
              pick.dispatchEvent(new Event('change'));
              const shownAfter = tables.map(x => getComputedStyle(x).display !== 'none');
              pick.value = '0';
              pick.dispatchEvent(new Event('change'));
              document.getElementById('monthly-returns').scrollIntoView();
              return {strategy: t.dataset.strategy, shownBefore, shownAfter,
                cells: cells.map(td => ({month: td.dataset.month, r: td.dataset.return === undefined ? null
                  : Number(td.dataset.return), text: td.textContent, bg: getComputedStyle(td).backgroundColor})),
                tableRight: t.getBoundingClientRect().right, viewport: innerWidth,
                fontPx: parseFloat(getComputedStyle(t.querySelector('tbody td')).fontSize)};
            })()""";

    @Test
    void monthlyHeatmapHasACellPerMonthWithTheReturnOfTheNavPath(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.run("backtest", "--quiet", "--out", dir.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        Browser.PageCheck check = Browser.open(dir.resolve("report.html").toUri().toString(), "body[data-charts-ready]",
                HEATMAP, "report-monthly-heatmap", 1400, 15_000);
        assertThat(check.pageErrors()).isEmpty();
        assertThat(check.consoleErrors()).isEmpty();
        assertThat(check.externalRequests()).isEmpty();
        assertThat(Path.of("target/browser-artifacts/report-monthly-heatmap.png")).isNotEmptyFile();
        JsonNode page = check.value();

        // the NAV path the run exported, read independently of the report
        JsonNode navJson = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("nav.json").toFile());
        String strategy = page.get("strategy").asText();
        JsonNode ts = navJson.get("timestamps");
        JsonNode nav = navJson.get("nav").get(strategy);
        assertThat(nav).as(strategy).isNotNull();
        java.util.TreeMap<java.time.YearMonth, Double> lastNavOfMonth = new java.util.TreeMap<>();
        for (int t = 0; t < ts.size(); t++) {
            lastNavOfMonth.put(java.time.YearMonth.from(java.time.Instant.ofEpochSecond(ts.get(t).asLong())
                    .atZone(java.time.ZoneOffset.UTC)), nav.get(t).asDouble());
        }
        java.util.Map<String, JsonNode> cells = new java.util.LinkedHashMap<>();
        page.get("cells").forEach(c -> { if (!c.get("r").isNull()) cells.put(c.get("month").asText(), c); });
        assertThat(cells.keySet()).as("a cell with a value for every month of the data, and no other")
                .containsExactlyElementsOf(lastNavOfMonth.keySet().stream().map(Object::toString).toList());
        assertThat(cells.size()).isGreaterThan(24);

        // one month in the middle, computed here: last NAV of the month over the previous month's last NAV
        java.time.YearMonth month = new ArrayList<>(lastNavOfMonth.keySet()).get(lastNavOfMonth.size() / 2);
        double expected = lastNavOfMonth.get(month) / lastNavOfMonth.get(month.minusMonths(1)) - 1;
        JsonNode cell = cells.get(month.toString());
        assertThat(cell.get("r").asDouble()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(cell.get("text").asText()).isEqualTo(String.format(java.util.Locale.ROOT, "%+.1f%%", expected * 100));

        // coloured by sign: green over red for a gain, red over green for a loss
        int gains = 0;
        int losses = 0;
        for (JsonNode c : cells.values()) {
            String[] rgb = c.get("bg").asText().replaceAll("[^0-9,]", "").split(",");
            int red = Integer.parseInt(rgb[0]);
            int green = Integer.parseInt(rgb[1]);
            if (c.get("r").asDouble() > 0) {
                assertThat(green).as(c.toString()).isGreaterThan(red);
                gains++;
            } else if (c.get("r").asDouble() < 0) {
                assertThat(red).as(c.toString()).isGreaterThan(green);
                losses++;
            }
        }
        assertThat(gains).isPositive();
        assertThat(losses).isPositive();
        // legible and inside the page at 1,400 px; one strategy at a time, switched by the list
        assertThat(page.get("fontPx").asDouble()).isGreaterThanOrEqualTo(12);
        assertThat(page.get("tableRight").asDouble()).isLessThanOrEqualTo(page.get("viewport").asDouble());
        assertThat(page.get("shownBefore").get(0).asBoolean()).isTrue();
        assertThat(page.get("shownBefore").get(1).asBoolean()).isFalse();
        assertThat(page.get("shownAfter").get(0).asBoolean()).isFalse();
        assertThat(page.get("shownAfter").get(1).asBoolean()).isTrue();
    }
}
