package dev.ballast.metrics;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /metrics} (the Prometheus client's own exporter), {@code /healthz} (the process answers) and
 * {@code /readyz} (a fresh {@link Readiness} check, 200 or 503 with JSON naming what is wrong), and runs the same
 * check in the background so the chain-head, balance and readiness gauges stay current between scrapes. Everything
 * runs on the server's and the probe's own daemon threads, never on the keeper's.
 */
public final class MetricsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("keeper");

    private final HTTPServer server;
    private final ScheduledExecutorService probe;

    private MetricsServer(HTTPServer server, ScheduledExecutorService probe) {
        this.server = server;
        this.probe = probe;
    }

    /**
     * Starts serving on {@code bind:port} (port 0 picks a free one) and probing every {@code probeEvery};
     * {@code onProbe} sees every background report (webhook alerts on a change of readiness).
     */
    public static MetricsServer start(KeeperMetrics metrics, Readiness readiness, String bind, int port,
            Duration probeEvery, Consumer<Readiness.Report> onProbe) throws IOException {
        long startedMillis = System.currentTimeMillis();
        HTTPServer server = HTTPServer.builder().hostname(bind).port(port).registry(metrics.registry())
                .executorService(Executors.newFixedThreadPool(2, daemon("ballast-metrics-http")))
                .defaultHandler(exchange -> {
                    try (exchange) {
                        switch (exchange.getRequestURI().getPath()) {
                            case "/healthz" -> reply(exchange, 200, "{\"status\":\"up\",\"uptimeSeconds\":"
                                    + (System.currentTimeMillis() - startedMillis) / 1000 + "}");
                            case "/readyz" -> {
                                Readiness.Report report = readiness.check();
                                metrics.probed(report);
                                reply(exchange, report.ready() ? 200 : 503, report.json());
                            }
                            default -> reply(exchange, 404, "{\"error\":\"not found: try /metrics, /healthz, /readyz\"}");
                        }
                    }
                })
                .buildAndStart();
        ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor(daemon("ballast-readiness-probe"));
        probe.scheduleWithFixedDelay(() -> {
            try {
                Readiness.Report report = readiness.check();
                metrics.probed(report);
                onProbe.accept(report);
            } catch (RuntimeException e) {
                log.warn("readiness probe failed: {}", e.getMessage());
            }
        }, 0, probeEvery.toMillis(), TimeUnit.MILLISECONDS);
        if (!bind.equals("127.0.0.1") && !bind.equals("localhost") && !bind.equals("::1")) {
            log.warn("metrics: serving /metrics, /healthz and /readyz on {}:{}, reachable from other machines; they carry"
                    + " no secret but show vault names, balances and the signer address", bind, server.getPort());
        } else {
            log.info("metrics: http://{}:{}/metrics (also /healthz, /readyz)", bind, server.getPort());
        }
        return new MetricsServer(server, probe);
    }

    public int port() {
        return server.getPort();
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        probe.shutdownNow();
        server.close();
    }
}
