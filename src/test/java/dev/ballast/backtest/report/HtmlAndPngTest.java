package dev.ballast.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.backtest.report.chart.Chart;
import dev.ballast.backtest.report.chart.Charts;
import dev.ballast.backtest.report.chart.FrontierChart;
import dev.ballast.backtest.report.chart.PngChartWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class HtmlAndPngTest {
    private static ReportData example;

    @BeforeAll
    static void build() {
        System.setProperty("java.awt.headless", "true");
        example = ExampleReports.euStocks();
    }

    private static List<String> svgs(String html) {
        Matcher m = Pattern.compile("<svg[\\s\\S]*?</svg>").matcher(html);
        return m.results().map(r -> r.group()).toList();
    }

    @Test
    void htmlHasOneWellFormedSvgPerChartAndTheFigures() throws Exception {
        String html = HtmlReportWriter.render(example, false);
        List<Chart> charts = Charts.forReport(example);
        List<String> svgs = svgs(html);
        assertThat(svgs).hasSize(charts.size()).hasSize(8);
        for (String svg : svgs) {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        }
        String frontier = svgs.getFirst();
        // 7 strategies -> 7 points; one (monthly) is dominated and drawn hollow in grey.
        assertThat(count(frontier, "<circle")).isEqualTo(7 + 1); // + the legend's hollow marker
        assertThat(count(frontier, "stroke=\"#9a9a9a\"")).isEqualTo(2);
        assertThat(svgs.get(1)).contains("<polyline").contains("stroke-dasharray");
        assertThat(svgs.get(2)).contains("<polygon");
        for (StrategyRow s : example.strategies()) {
            assertThat(html).contains("<td>" + HtmlReportWriter.esc(s.name()) + "</td>");
            assertThat(html).contains(Fmt.number(s.measure("tracking error")));
        }
        assertThat(html).contains("<tr class=\"dominated\"><td>monthly</td>");
        assertThat(html).contains("EuStockMarkets").contains("SYNTHETIC");
    }

    @Test
    void htmlIsSelfContained() {
        String html = HtmlReportWriter.render(example, true);
        String withoutSvgNamespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertThat(withoutSvgNamespace).doesNotContain("http://", "https://", "<script src", "<link", "@import");
        assertThat(html).contains("<script type=\"application/json\" id=\"report-data\">");
        String json = html.substring(html.indexOf("id=\"report-data\">") + 17, html.lastIndexOf("</script>"));
        assertThat(JsonReportWriter.read(json.replace("<\\/", "</"))).isEqualTo(example);
        assertThat(HtmlReportWriter.render(example, false)).doesNotContain("<script");
    }

    @Test
    void htmlEscapesNames() {
        ReportData evil = ReportData.builder("<b>x</b>").strategy("a<script>&", java.util.Map.of("m", 1.0))
                .frontier(new FrontierPoint("<i>", 0.1, 0.1, false)).build();
        String html = HtmlReportWriter.render(evil, false);
        assertThat(html).doesNotContain("<b>x</b>", "a<script>", "<i>").contains("a&lt;script&gt;&amp;", "&lt;i&gt;");
    }

    @Test
    void pngIsDecodableAtTheRequestedSizeAndShowsTheData() throws Exception {
        Chart chart = new FrontierChart(example.frontier());
        BufferedImage img = PngChartWriter.render(chart, 640, 400);
        assertThat(img.getWidth()).isEqualTo(640);
        assertThat(img.getHeight()).isEqualTo(400);
        Path f = Files.createTempFile("frontier", ".png");
        PngChartWriter.write(chart, 640, 400, f);
        BufferedImage back = ImageIO.read(f.toFile());
        assertThat(back.getWidth()).isEqualTo(640);
        assertThat(back.getHeight()).isEqualTo(400);
        // The efficient points are drawn in the first series colour, #4e79a7.
        assertThat(countColour(back, 0x4e79a7)).isGreaterThan(50);
        Files.delete(f);
    }

    @Test
    void writeAllRendersEveryChartAsPng(@TempDir Path dir) throws Exception {
        List<Path> files = PngChartWriter.writeAll(example, dir, 1200);
        assertThat(files).hasSize(8);
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("frontier.png", "drift.png",
                "weights-buy-hold.png", "weights-band-5.png", "costs.png", "boxplots.png");
        for (Path p : files) {
            BufferedImage img = ImageIO.read(p.toFile());
            assertThat(img).as(p.toString()).isNotNull();
            assertThat(img.getWidth()).isEqualTo(1200);
            assertThat(countNonWhite(img)).as(p.toString()).isGreaterThan(2000);
        }
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static int countColour(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return n;
    }

    private static int countNonWhite(BufferedImage img) {
        return img.getWidth() * img.getHeight() - countColour(img, 0xffffff);
    }
}
