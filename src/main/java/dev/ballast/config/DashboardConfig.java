package dev.ballast.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code dashboard} section: the web page {@code ballast dashboard} serves, and {@code ballast run} too when
 * {@code enabled}. Basic-auth credentials are not here: they come from the environment (BALLAST_DASHBOARD_USER,
 * BALLAST_DASHBOARD_PASSWORD), never from a file.
 *
 * @param enabled          serve the dashboard from {@code ballast run} as well (default false)
 * @param bind             address to listen on (default 127.0.0.1; anything else logs a warning)
 * @param port             TCP port (default 9465)
 * @param backtestReport   a {@code ballast backtest --monte-carlo N --out DIR} report.json: live turnover and cost
 *                         are flagged when outside its p5-p95 band
 * @param backtestStrategy the strategy of that report the vaults run (default: its first)
 */
public record DashboardConfig(boolean enabled, String bind, int port, Optional<Path> backtestReport,
        Optional<String> backtestStrategy) {
    public static final DashboardConfig DEFAULTS = new DashboardConfig(false, "127.0.0.1", 9465, Optional.empty(),
            Optional.empty());

    public DashboardConfig withEnabled(boolean on) {
        return new DashboardConfig(on, bind, port, backtestReport, backtestStrategy);
    }

    static DashboardConfig read(Section s, Path baseDir) {
        DashboardConfig d = DEFAULTS;
        Boolean enabled = s.optional("enabled", Values.bool(), d.enabled());
        String bind = s.optional("bind", Values.text(), d.bind());
        Long port = s.optional("port", Values.integer(0, 65535), (long) d.port());
        Path report = s.optional("backtestReport", text -> {
            Path p = baseDir.resolve(text.strip()).normalize();
            if (!Files.isRegularFile(p)) throw new IllegalArgumentException("no such file " + p);
            return p;
        }, null);
        String strategy = s.optional("backtestStrategy", Values.text(), null);
        return new DashboardConfig(enabled == null ? d.enabled() : enabled, bind == null ? d.bind() : bind,
                port == null ? d.port() : port.intValue(), Optional.ofNullable(report), Optional.ofNullable(strategy));
    }
}
