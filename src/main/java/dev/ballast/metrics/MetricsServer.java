package dev.ballast.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /metrics} ({@link ScrapeHandler}), {@code /healthz} (the process answers) and
 * {@code /readyz} (a fresh {@link Readiness} check, 200 or 503 with JSON naming what is wrong), and runs the same
 * check in the background so the chain-head, balance and readiness gauges stay current between scrapes. Everything
 * runs on the server's and the probe's own daemon threads, never on the keeper's.
 */
public final class MetricsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("keeper");

    static {
        // TCP_NODELAY for the JDK's HTTP server (read once, when its first server starts): a gzipped scrape fits one
        // loopback segment, and Nagle held it until the client's delayed ACK of the headers, ~40 ms a scrape
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService http;
    private final ScheduledExecutorService probe;

    private MetricsServer(HttpServer server, ExecutorService http, ScheduledExecutorService probe) {
        this.server = server;
        this.http = http;
        this.probe = probe;
    }

    /**
     * Starts serving on {@code bind:port} (port 0 picks a free one) and probing every {@code probeEvery};
     * {@code onProbe} sees every background report (webhook alerts on a change of readiness).
     */
    public static MetricsServer start(KeeperMetrics metrics, Readiness readiness, String bind, int port,
            Duration probeEvery, Consumer<Readiness.Report> onProbe) throws IOException {
        long startedMillis = System.currentTimeMillis();
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 16);
        // two threads: a slow scrape (or /readyz waiting on the chain) never holds up /healthz
        ExecutorService http = Executors.newFixedThreadPool(2, daemon("ballast-metrics-http"));
        server.setExecutor(http);
        server.createContext("/metrics", new ScrapeHandler(metrics.registry()));
        server.createContext("/", exchange -> {
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
        });
        server.start();
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
                    + " no secret but show vault names, balances and the signer address", bind, server.getAddress().getPort());
        } else {
            log.info("metrics: http://{}:{}/metrics (also /healthz, /readyz)", bind, server.getAddress().getPort());
        }
        return new MetricsServer(server, http, probe);
    }

    public int port() {
        return server.getAddress().getPort();
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
        server.stop(0);
        http.shutdownNow();
    }
}
