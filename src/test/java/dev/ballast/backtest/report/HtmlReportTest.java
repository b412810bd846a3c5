package dev.ballast.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The page's structure and data; {@link ReportBrowserTest} checks what Chromium makes of it. */
class HtmlReportTest {
    private static ReportData example;

    @BeforeAll
    static void build() {
        example = ExampleReports.euStocks();
    }

    static JsonNode specs(String html) throws Exception {
        String open = "<script type=\"application/json\" id=\"chart-specs\">";
        int from = html.indexOf(open) + open.length();
        return new ObjectMapper().readTree(html.substring(from, html.indexOf("</script>", from)).replace("\\u003c", "<"));
    }

    static JsonNode chart(JsonNode specs, String id) {
        for (JsonNode s : specs) if (s.get("id").asText().equals(id)) return s;
        throw new AssertionError("no chart " + id + " in " + specs);
    }

    @Test
    void driftChartDrawsEachBandAsADashedLineAtTheBand() throws Exception {
        JsonNode drift = chart(specs(HtmlReportWriter.render(example, false)), "drift");
        List<JsonNode> bands = new ArrayList<>();
        drift.get("series").forEach(s -> { if (s.path("band").asBoolean()) bands.add(s); });
        // the example charts band 1%, band 5% and band 10% among others (band 2.5% is left out)
        assertThat(bands).extracting(b -> b.get("label").asText()).containsExactly("band 1%", "band 5%", "band 10%");
        for (JsonNode b : bands) {
            assertThat(b.get("dash").asBoolean()).isTrue();
            assertThat(b.get("values")).hasSize(drift.get("x").size());
        }
        assertThat(bands.get(1).get("values").get(0).asDouble()).isEqualTo(5.0);
        assertThat(bands.get(2).get("values").get(100).asDouble()).isEqualTo(10.0);
    }

    @Test
    void everyPartHasAChartOrTable() throws Exception {
        ReportData withNav = ReportData.builder("t").strategy("a", Map.of("return %", 1.0))
                .nav(new NavSeries("a", new long[] {0, 86_400, 172_800, 259_200, 345_600, 432_000, 518_400, 604_800,
                        691_200, 777_600}, new double[] {100, 90, 80, 85, 100, 101, 95, 96, 97, 102}, false)).build();
        String html = HtmlReportWriter.render(withNav, false);
        assertThat(specs(html)).extracting(s -> s.get("id").asText())
                .containsExactly("nav", "drawdown", "rolling-sharpe");
        // the deepest fall: 100 -> 80 (20%), from day 0 to day 2, recovered on day 4
        assertThat(html).contains("<td>a</td><td class=\"num\">-20.00%</td><td>1970-01-01</td><td>1970-01-03</td><td class=\"num\">2</td>"
                + "<td>1970-01-05</td><td class=\"num\">2</td>");
        assertThat(HtmlReportWriter.render(example, false)).contains("id=\"chart-frontier\"", "id=\"chart-weights\"",
                "id=\"chart-histogram\"", "id=\"costs\"", "id=\"regimes\"");
    }

    @Test
    void identicalSettingsShareOneRowAndSmallFiguresKeepTheirMagnitude() {
        Map<String, Double> same = new LinkedHashMap<>();
        same.put("return %", 210.5);
        same.put("tracking error %", 2.612e-13);
        ReportData.Builder b = ReportData.builder("sweep").strategy("buy-and-hold", same);
        for (int band = 17; band <= 20; band++) b.strategy("band " + band + "%", same);
        b.strategy("band 5%", Map.of("return %", 230.0, "tracking error %", 1.5));
        String html = HtmlReportWriter.render(b.build(), false);
        assertThat(html).contains(">band 17–20% = buy-and-hold</td>").contains("title=\"buy-and-hold\nband 17%\nband 18%")
                .contains("4 settings had results identical").contains(">2.612e-13</td>")
                .doesNotContain("0.000000").doesNotContain(">band 18%</td>");
        assertThat(html.split("<tr>", -1)).hasSize(1 + 1 + 2); // the split's first part, the header row, two rows
    }

    @Test
    void detailColumnsStartHiddenAndCanBeSwitchedOn() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("return %", 1.0);
        m.put("swaps", 4.0);
        String html = HtmlReportWriter.render(ReportData.builder("t").strategy("a", m).build(), false);
        assertThat(html).contains("<th class=\"num off\" data-col=\"2\">swaps</th>")
                .contains("data-col=\"1\" checked>return %").contains("data-col=\"2\">swaps</label>");
    }

    @Test
    void htmlIsSelfContainedAndEmbedsTheReport() {
        String html = HtmlReportWriter.render(example, true);
        // uPlot names its home page in a comment; nothing else may point off the page
        assertThat(html.replace("https://github.com/leeoniya/uPlot", ""))
                .doesNotContain("http://", "https://", "<script src", "<link", "@import");
        String open = "<script type=\"application/json\" id=\"report-data\">";
        String json = html.substring(html.indexOf(open) + open.length(), html.indexOf("</script>", html.indexOf(open)));
        assertThat(JsonReportWriter.read(json.replace("\\u003c", "<"))).isEqualTo(example);
    }

    @Test
    void htmlEscapesNames() {
        ReportData evil = ReportData.builder("<b>x</b>").strategy("a<script>&", Map.of("m", 1.0))
                .frontier(new FrontierPoint("</script><i>", 0.1, 0.1, false)).build();
        String html = HtmlReportWriter.render(evil, false);
        assertThat(html).doesNotContain("<b>x</b>", "a<script>", "<i>").contains("a&lt;script&gt;&amp;", "&lt;/script&gt;&lt;i&gt;");
    }
}
