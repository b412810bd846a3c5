package dev.ballast.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ballast.web.ChartLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard over HTTP with the JDK's own server (no web framework: one page and three JSON endpoints). GET and
 * HEAD only; every other method is 405, so nothing reachable here changes anything. The page is one document with
 * the chart library inlined and a Content-Security-Policy that lets it talk to this origin only: it works offline and
 * cannot be made to load or post anything elsewhere. Live updates by polling {@code /api/overview?since=VERSION}.
 * It serves from the moment it is bound: the journal history loads on a thread of its own (see {@link DashboardModel}),
 * and the page shows "loading" where a figure is not in yet.
 */
public final class DashboardServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("dashboard");
    private static final String CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline';"
            + " connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final byte[] PAGE = page();

    private final HttpServer server;
    private final DashboardModel model;
    private final ScheduledExecutorService refresher;
    private final ExecutorService handlers;
    private final AtomicLong vaultRequests = new AtomicLong();
    private final Optional<PaperView> paper;

    private DashboardServer(HttpServer server, DashboardModel model, Optional<PaperView> paper,
            ScheduledExecutorService refresher, ExecutorService handlers) {
        this.server = server;
        this.model = model;
        this.paper = paper;
        this.refresher = refresher;
        this.handlers = handlers;
    }

    /**
     * Opens the journal, starts serving and refreshing, and starts loading the history in the background.
     *
     * @throws IllegalArgumentException naming the setting (journal, backtest report) that cannot be read
     * @throws IOException              when the address cannot be bound
     */
    public static DashboardServer start(DashboardSettings settings) throws IOException {
        return start(settings, Optional.empty());
    }

    /** As {@link #start(DashboardSettings)}, also showing the paper runs of {@code paper} (issue 19). */
    public static DashboardServer start(DashboardSettings settings, Optional<PaperSource> paperSource) throws IOException {
        Optional<PaperView> paper = paperSource.map(PaperView::open);
        DashboardModel model;
        try {
            model = DashboardModel.load(settings, Clock.systemUTC());
        } catch (RuntimeException e) {
            paper.ifPresent(PaperView::close);
            throw e;
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 0);
        } catch (IOException e) {
            model.close();
            paper.ifPresent(PaperView::close);
            throw new IOException("dashboard: cannot listen on " + settings.bind() + ":" + settings.port() + " ("
                    + e.getMessage() + "); free the port or pick another with --port / dashboard.port", e);
        }
        ExecutorService handlers = Executors.newFixedThreadPool(4, daemon("ballast-dashboard-http"));
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(daemon("ballast-dashboard-refresh"));
        DashboardServer d = new DashboardServer(server, model, paper, refresher, handlers);
        Thread loader = daemon("ballast-dashboard-history").newThread(() -> {
            try {
                model.loadHistories();
                log.info("dashboard: history loaded ({})", d.loadSummary());
            } catch (SQLException | RuntimeException e) {
                log.warn("dashboard: history load failed ({}); vault charts load when opened", e.toString());
            }
        });
        Optional<BasicAuth> auth = settings.auth();
        server.createContext("/", exchange -> {
            try (exchange) {
                d.handle(exchange, auth);
            } catch (IOException | RuntimeException e) {
                log.warn("dashboard: {} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        e.toString());
            }
        });
        server.setExecutor(handlers);
        server.start();
        loader.start();
        long every = settings.refresh().toMillis();
        refresher.scheduleWithFixedDelay(() -> {
            try {
                model.refresh();
            } catch (RuntimeException e) {
                log.warn("dashboard: refresh failed: {}", e.toString());
            }
        }, 0, every, TimeUnit.MILLISECONDS); // the first refresh at once: health and rebalances for the first page
        String where = "http://" + settings.bind() + ":" + d.port() + "/";
        if (settings.loopback()) {
            log.info("dashboard: {} ({} vaults; history loading in the background)", where, settings.vaults().size());
        } else {
            log.warn("dashboard: serving {} to other machines; it shows vault names, balances, NAV and the signer"
                    + " address{}", where, auth.isPresent() ? " (basic auth on: use TLS in front of it)"
                    : " to ANYONE who can reach this port (set " + BasicAuth.USER_ENV + " and " + BasicAuth.PASSWORD_ENV
                    + " for basic auth)");
        }
        return d;
    }

    private void handle(HttpExchange exchange, Optional<BasicAuth> auth) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (auth.isPresent() && !auth.get().accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"ballast\", charset=\"UTF-8\"");
            reply(exchange, 401, "application/json", "{\"error\":\"authentication required\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            reply(exchange, 405, "application/json", "{\"error\":\"the dashboard is read-only\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        switch (path) {
            case "/" -> {
                exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
                reply(exchange, 200, "text/html; charset=utf-8", PAGE);
            }
            case "/api/overview" -> {
                long since = parseLong(param(query, "since"), -1);
                reply(exchange, 200, "application/json", model.overview(since));
            }
            case "/api/vault" -> {
                vaultRequests.incrementAndGet();
                String name = param(query, "name");
                Optional<byte[]> body;
                try {
                    body = name == null ? Optional.empty() : model.vault(name);
                } catch (SQLException e) {
                    reply(exchange, 503, "application/json", ("{\"error\":\"journal not readable: "
                            + e.getMessage().replace('"', '\'') + "\"}").getBytes(StandardCharsets.UTF_8));
                    return;
                }
                if (body.isPresent()) {
                    reply(exchange, 200, "application/json", body.get());
                } else {
                    reply(exchange, 404, "application/json", "{\"error\":\"no such vault\"}".getBytes(StandardCharsets.UTF_8));
                }
            }
            case "/api/paper" -> {
                try {
                    reply(exchange, 200, "application/json", paper.isPresent() ? paper.get().json()
                            : "{\"vaults\":[]}".getBytes(StandardCharsets.UTF_8));
                } catch (SQLException e) {
                    reply(exchange, 503, "application/json", ("{\"error\":\"paper ledger not readable: "
                            + e.getMessage().replace('"', '\'') + "\"}").getBytes(StandardCharsets.UTF_8));
                }
            }
            default -> reply(exchange, 404, "application/json",
                    "{\"error\":\"not found: try /, /api/overview, /api/vault?name=, /api/paper\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String param(String rawQuery, String name) {
        if (rawQuery == null) return null;
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static long parseLong(String s, long otherwise) {
        try {
            return s == null ? otherwise : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static void reply(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Vault detail requests served so far (tests wait for the page's first one before changing the chain). */
    public long vaultRequests() {
        return vaultRequests.get();
    }

    /** The background history load so far: rows read, and when the rows and all histories were in. */
    public String loadSummary() {
        long all = model.loadMillis();
        long rows = model.rowsMillis();
        return model.loadedRows() + " journal rows; every vault's row in " + (rows < 0 ? "(loading)" : rows + " ms")
                + ", every vault's history in " + (all < 0 ? "(loading)" : all + " ms");
    }

    /** Milliseconds from start until every vault's history was in, or -1 while it is loading. */
    public long historyLoadMillis() {
        return model.loadMillis();
    }

    /** Milliseconds from start until every vault's row (newest read and rebalances) was in, or -1 until then. */
    public long rowsLoadMillis() {
        return model.rowsMillis();
    }

    private static byte[] page() {
        try (InputStream in = DashboardServer.class.getResourceAsStream("dashboard.html")) {
            if (in == null) throw new IllegalStateException("dev/ballast/dashboard/dashboard.html missing from the build");
            String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return html.replace("<!--CHART_LIBRARY-->", ChartLibrary.headElements()).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        refresher.shutdownNow();
        server.stop(0);
        handlers.shutdownNow();
        model.close();
        paper.ifPresent(PaperView::close);
    }
}
