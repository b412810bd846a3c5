package dev.ballast.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvJsonWriterTest {
    static ReportData small() {
        return ReportData.builder("t")
                .meta("prices", "x.csv")
                .strategy("band, \"5%\"", Map.of("return", 0.1 + 0.2))
                .strategy("hold", Map.of("return", -1.5e-7, "turnover", 0.0))
                .frontier(new FrontierPoint("hold", 0, 0.02, false))
                .weights(new WeightSeries("hold", List.of("A", "B"), new long[] {86_400, 172_800},
                        new double[][] {{0.5, 0.5}, {0.6, 0.4}}))
                .drift(new DriftSeries("hold", new long[] {86_400, 172_800}, new double[] {0, 0.1}, Double.NaN))
                .cost(new CostBreakdown("hold", Map.of("gas", 5.0)))
                .distribution(new Distribution("ret", new double[] {1, 2, 3}))
                .regime(new RegimeSplit("bear", "hold", Map.of("return", -0.2)))
                .build();
    }

    /** RFC 4180 reader for the test: quotes, doubled quotes, commas inside quotes. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            List<String> cells = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean q = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (q && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    q = !q;
                } else if (c == ',' && !q) {
                    cells.add(cur.toString());
                    cur.setLength(0);
                } else {
                    cur.append(c);
                }
            }
            cells.add(cur.toString());
            rows.add(cells);
        }
        return rows;
    }

    @Test
    void csvFilesParseBackToTheSameValues(@TempDir Path dir) throws Exception {
        List<Path> files = CsvReportWriter.writeAll(small(), dir);
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("strategies.csv", "frontier.csv",
                "weights.csv", "drift.csv", "costs.csv", "distributions.csv", "regimes.csv");
        List<List<String>> s = parseCsv(Files.readString(dir.resolve("strategies.csv")));
        assertThat(s.get(0)).containsExactly("strategy", "return", "turnover");
        assertThat(s.get(1).get(0)).isEqualTo("band, \"5%\"");
        assertThat(Double.parseDouble(s.get(1).get(1))).isEqualTo(0.1 + 0.2);
        assertThat(s.get(1).get(2)).isEmpty();
        assertThat(Double.parseDouble(s.get(2).get(1))).isEqualTo(-1.5e-7);
        List<List<String>> w = parseCsv(Files.readString(dir.resolve("weights.csv")));
        assertThat(w).hasSize(5);
        assertThat(w.get(3)).containsExactly("hold", "1970-01-03", "172800", "A", "0.6");
        List<List<String>> d = parseCsv(Files.readString(dir.resolve("drift.csv")));
        assertThat(d.get(2)).containsExactly("hold", "1970-01-03", "172800", "0.1", "");
        assertThat(parseCsv(Files.readString(dir.resolve("frontier.csv"))).get(1))
                .containsExactly("hold", "0.0", "0.02", "false");
        assertThat(parseCsv(Files.readString(dir.resolve("regimes.csv"))).get(1)).containsExactly("bear", "hold", "-0.2");
    }

    @Test
    void emptyPartsWriteNoFile(@TempDir Path dir) {
        assertThat(CsvReportWriter.writeAll(ReportData.builder("empty").build(), dir)).isEmpty();
    }

    @Test
    void jsonRoundTripsIncludingNaNAndMeasureOrder() throws Exception {
        ReportData data = small();
        String json = JsonReportWriter.toJson(data);
        ReportData back = JsonReportWriter.read(json);
        assertThat(back).isEqualTo(data);
        assertThat(back.drift().getFirst().band()).isNaN();
        assertThat(back.strategies().get(1).measures().keySet()).containsExactlyElementsOf(
                data.strategies().get(1).measures().keySet());
        JsonNode tree = new ObjectMapper().readTree(json);
        assertThat(tree.get("title").asText()).isEqualTo("t");
        assertThat(tree.get("strategies").get(0).get("measures").get("return").asDouble()).isEqualTo(0.1 + 0.2);
        assertThat(tree.get("drift").get(0).get("band").asText()).isEqualTo("NaN");
        assertThat(tree.get("weights").get(0).get("weights").get(1).get(0).asDouble()).isEqualTo(0.6);
    }

    @Test
    void terminalReportShowsEverySection() {
        String out = TerminalReport.render(small());
        assertThat(out).contains("Strategies", "Frontier", "Costs", "Distributions", "By regime", "prices: x.csv");
        assertThat(out).containsPattern("band, \"5%\" +0\\.3\\n").containsPattern("hold +-1\\.5e-7 +0\\n");
    }
}
