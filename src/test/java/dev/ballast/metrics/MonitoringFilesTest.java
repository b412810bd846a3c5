package dev.ballast.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * ops/prometheus/alerts.yml and ops/grafana/ballast.json query only metrics the keeper exports (a renamed metric
 * would silently leave an alert that never fires), and promtool accepts the rules and their unit tests.
 */
class MonitoringFilesTest {
    private static final Path ALERTS = Path.of("ops/prometheus/alerts.yml");
    private static final Path ALERT_TESTS = Path.of("ops/prometheus/alerts.test.yml");
    private static final Path DASHBOARD = Path.of("ops/grafana/ballast.json");
    /** Series Prometheus makes itself for every target. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan");
    private static final Pattern IDENT = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTests() throws Exception {
        assertThat(run("promtool", "check", "rules", ALERTS.toString())).contains("SUCCESS: 10 rules found");
        assertThat(run("promtool", "test", "rules", ALERT_TESTS.toString())).contains("SUCCESS");
    }

    @Test
    void everyAlertQueriesExportedMetrics() throws Exception {
        JsonNode rules = new YAMLMapper().readTree(ALERTS.toFile());
        Set<String> exported = exportedNames();
        List<String> alerts = new ArrayList<>();
        for (JsonNode group : rules.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                alerts.add(rule.get("alert").asText());
                Set<String> used = metricNames(rule.get("expr").asText());
                assertThat(used).as("metrics of %s", rule.get("alert").asText()).isNotEmpty();
                assertThat(exported).as("metrics of %s", rule.get("alert").asText()).containsAll(used);
            }
        }
        assertThat(alerts).contains("BallastKeeperDown", "BallastHeadStale", "BallastDriftAboveBand",
                "BallastRebalanceReverted", "BallastStuckPendingTransaction", "BallastSignerBalanceLow",
                "BallastRpcFailoverStorm", "BallastPriceRefused");
    }

    @Test
    void everyDashboardPanelQueriesExportedMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        assertThat(dashboard.get("uid").asText()).isEqualTo("ballast-keeper");
        assertThat(dashboard.get("schemaVersion").asInt()).isPositive();
        Set<String> exported = exportedNames();
        Set<Integer> ids = new HashSet<>();
        JsonNode panels = dashboard.get("panels");
        assertThat(panels.size()).isGreaterThanOrEqualTo(10);
        for (JsonNode panel : panels) {
            String title = panel.get("title").asText();
            assertThat(ids.add(panel.get("id").asInt())).as("unique id of %s", title).isTrue();
            assertThat(panel.get("gridPos").get("w").asInt()).as("width of %s", title).isBetween(1, 24);
            assertThat(panel.get("datasource").get("uid").asText()).isEqualTo("${datasource}");
            assertThat(panel.get("targets").size()).as("queries of %s", title).isPositive();
            for (JsonNode target : panel.get("targets")) {
                Set<String> used = metricNames(target.get("expr").asText());
                assertThat(used).as("metrics of panel %s", title).isNotEmpty();
                assertThat(exported).as("metrics of panel %s", title).containsAll(used);
            }
        }
        Matcher variable = Pattern.compile("label_values\\((\\w+), vault\\)")
                .matcher(dashboard.at("/templating/list/1/query").asText());
        assertThat(variable.matches()).isTrue();
        assertThat(exported).contains(variable.group(1));
    }

    @Test
    void theNameExtractorFindsAMisspelledMetric() {
        assertThat(metricNames("sum by (vault) (increase(ballast_rebalance_total{outcome=\"mined\"}[5m])) > on(vault) x"))
                .containsExactlyInAnyOrder("ballast_rebalance_total", "x");
    }

    /** Metric names a PromQL expression reads: identifiers that are not functions, keywords, labels or strings. */
    static Set<String> metricNames(String promql) {
        String s = promql.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENT.matcher(s);
        while (m.find()) {
            String id = m.group();
            int after = m.end();
            while (after < s.length() && s.charAt(after) == ' ') after++;
            boolean function = after < s.length() && s.charAt(after) == '(';
            boolean number = m.start() > 0 && Character.isDigit(s.charAt(m.start() - 1));
            if (!function && !number && !KEYWORDS.contains(id.toLowerCase())) names.add(id);
        }
        return names;
    }

    /** Every series name the keeper's registry exposes, by the Prometheus text format's suffix rules. */
    static Set<String> exportedNames() {
        Set<String> names = new TreeSet<>(PROMETHEUS_OWN);
        for (MetricSnapshot snapshot : new KeeperMetrics().registry().scrape()) {
            String name = snapshot.getMetadata().getPrometheusName();
            switch (snapshot) {
                case CounterSnapshot c -> names.add(name + "_total");
                case HistogramSnapshot h -> names.addAll(List.of(name + "_bucket", name + "_sum", name + "_count"));
                case SummarySnapshot sm -> names.addAll(List.of(name, name + "_sum", name + "_count"));
                case InfoSnapshot i -> names.add(name + "_info");
                default -> names.add(name);
            }
        }
        return names;
    }

    private static String run(String... command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new AssertionError("promtool is needed (Debian package prometheus; scripts/ensure-promtool.sh fetches it, scripts/test runs that): "
                    + e.getMessage(), e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
