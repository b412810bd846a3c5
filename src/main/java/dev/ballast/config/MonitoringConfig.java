package dev.ballast.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code metrics} and {@code alerts} sections: where the keeper serves /metrics, /healthz and /readyz, what
 * /readyz demands, and the optional webhook for deployments without Prometheus.
 *
 * @param enabled            serve the endpoints at all (default true)
 * @param bind               address to listen on (default 127.0.0.1: never exposed unless asked)
 * @param port               TCP port (default 9464)
 * @param maxHeadLagBlocks   /readyz fails when the keeper's last handled block is more than this behind the chain
 * @param minSignerBalance   /readyz fails when the signer holds less native token than this (wei)
 * @param webhookUrl         where alerts are POSTed as JSON ({@code text} field: Slack, Discord's /slack URL)
 * @param webhookMinInterval least time between two alerts with the same subject (vault and kind)
 * @param dashboard          the web dashboard ({@code dashboard} section)
 */
public record MonitoringConfig(boolean enabled, String bind, int port, long maxHeadLagBlocks, BigInteger minSignerBalance,
        Optional<URI> webhookUrl, Duration webhookMinInterval, DashboardConfig dashboard) {
    public static final int DEFAULT_PORT = 9464;
    public static final MonitoringConfig DEFAULTS = new MonitoringConfig(true, "127.0.0.1", DEFAULT_PORT, 5,
            BigInteger.TEN.pow(16).multiply(BigInteger.valueOf(5)), Optional.empty(), Duration.ofMinutes(10),
            DashboardConfig.DEFAULTS);

    public MonitoringConfig withEnabled(boolean on) {
        return new MonitoringConfig(on, bind, port, maxHeadLagBlocks, minSignerBalance, webhookUrl, webhookMinInterval,
                dashboard);
    }

    public MonitoringConfig withPort(int p) {
        return new MonitoringConfig(enabled, bind, p, maxHeadLagBlocks, minSignerBalance, webhookUrl, webhookMinInterval,
                dashboard);
    }

    public MonitoringConfig withDashboard(DashboardConfig d) {
        return new MonitoringConfig(enabled, bind, port, maxHeadLagBlocks, minSignerBalance, webhookUrl, webhookMinInterval,
                d);
    }

    /** Reads the three sections (all optional; absent keys take {@link #DEFAULTS}). */
    static MonitoringConfig read(Section metrics, Section alerts, Section dashboard, Path baseDir) {
        MonitoringConfig d = DEFAULTS;
        // a bad value is recorded as a problem by the reader (and the load fails); the default stands in until then
        Boolean enabled = metrics.optional("enabled", Values.bool(), d.enabled());
        String bind = metrics.optional("bind", Values.text(), d.bind());
        Long port = metrics.optional("port", Values.integer(0, 65535), (long) d.port());
        Long lag = metrics.optional("maxHeadLagBlocks", Values.integer(1, 10_000), d.maxHeadLagBlocks());
        BigDecimal balance = metrics.optional("minSignerBalance",
                Values.decimal("0", false, "1000000", false, "0.05"), new BigDecimal(d.minSignerBalance(), 18));
        Optional<URI> webhook = Optional.ofNullable(alerts.secret("webhookUrl", Values.url("http", "https")));
        Duration every = alerts.optional("minInterval", Values.duration(Duration.ofSeconds(1), Duration.ofDays(1)),
                d.webhookMinInterval());
        return new MonitoringConfig(enabled == null ? d.enabled() : enabled, bind == null ? d.bind() : bind,
                port == null ? d.port() : port.intValue(), lag == null ? d.maxHeadLagBlocks() : lag,
                balance == null ? d.minSignerBalance() : balance.movePointRight(18).toBigInteger(), webhook,
                every == null ? d.webhookMinInterval() : every, DashboardConfig.read(dashboard, baseDir));
    }
}
