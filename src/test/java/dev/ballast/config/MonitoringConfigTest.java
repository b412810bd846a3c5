package dev.ballast.config;

import static dev.ballast.config.ConfigTestSupport.parse;
import static dev.ballast.config.ConfigTestSupport.single;
import static dev.ballast.config.ConfigTestSupport.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metrics: and alerts: sections of keeper-config.yaml. */
class MonitoringConfigTest {
    @TempDir
    Path dir;

    @Test
    void metricsAreOnByDefaultOnLoopback() {
        MonitoringConfig m = parse(ConfigTestSupport.MINIMAL, dir, Map.of()).monitoring();
        assertThat(m).isEqualTo(MonitoringConfig.DEFAULTS);
        assertThat(m.enabled()).isTrue();
        assertThat(m.bind()).isEqualTo("127.0.0.1");
        assertThat(m.port()).isEqualTo(9464);
        assertThat(m.webhookUrl()).isEmpty();
    }

    @Test
    void everyKeyIsReadAndOverridable() {
        MonitoringConfig m = parse(with("""
                metrics:
                  enabled: false
                  bind: 0.0.0.0
                  port: 9100
                  maxHeadLagBlocks: 3
                  minSignerBalance: 0.2
                alerts:
                  webhookUrl: https://hooks.example.com/services/T0/B0/xyz
                  minInterval: 30m
                """), dir, Map.of("BALLAST_METRICS_PORT", "9200")).monitoring();
        assertThat(m.enabled()).isFalse();
        assertThat(m.bind()).isEqualTo("0.0.0.0");
        assertThat(m.port()).isEqualTo(9200);
        assertThat(m.maxHeadLagBlocks()).isEqualTo(3);
        assertThat(m.minSignerBalance()).isEqualTo(new BigInteger("200000000000000000"));
        assertThat(m.webhookUrl()).contains(URI.create("https://hooks.example.com/services/T0/B0/xyz"));
        assertThat(m.webhookMinInterval()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void badValuesNameTheirKey() {
        single(with("metrics:\n  port: 70000\n"), dir, Map.of(), "metrics.port", "70000");
        single(with("metrics:\n  prot: 9100\n"), dir, Map.of(), "metrics.prot", "unknown");
        ConfigProblem hook = single(with("alerts:\n  webhookUrl: ftp://hooks.example.com/T0/secret\n"), dir, Map.of(),
                "alerts.webhookUrl", "http or https");
        assertThat(hook.toString()).as("a webhook URL holds a token: never echoed").doesNotContain("secret");
    }
}
