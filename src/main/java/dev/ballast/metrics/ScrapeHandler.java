package dev.ballast.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * {@code /metrics}: the registry in the format the scraper asks for (Prometheus text, OpenMetrics or protobuf, chosen
 * by the client's own {@link ExpositionFormats}), gzipped when the scraper accepts it, as Prometheus always does.
 *
 * <p>Why not the client's own handler: it gzips at the default level, which with 1,000 vaults (~1.2 MB of text) took
 * 15-50 ms a scrape, more than rendering the page; {@link Deflater#BEST_SPEED} takes ~4 ms for a body ~6% larger.
 */
final class ScrapeHandler implements HttpHandler {
    private final PrometheusRegistry registry;
    private final ExpositionFormats formats = ExpositionFormats.init();
    /** The last body's size: the next buffer starts that large instead of doubling its way up from 32 bytes. */
    private final AtomicInteger lastSize = new AtomicInteger(1 << 16);

    ScrapeHandler(PrometheusRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            ExpositionFormatWriter writer = formats.findWriter(accept);
            ByteArrayOutputStream body = new ByteArrayOutputStream(lastSize.get() + 4096);
            writer.write(body, registry.scrape(), EscapingScheme.fromAcceptHeader(accept));
            lastSize.set(body.size());
            exchange.getResponseHeaders().set("Content-Type", writer.getContentType());
            if (method.equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
            } else if (acceptsGzip(exchange.getRequestHeaders().getFirst("Accept-Encoding"))) {
                // compressed whole, then sent with its length: chunked, the server's small last chunk waited ~40 ms
                // on the client's delayed ACK (Nagle), more than all the rest of a scrape
                ByteArrayOutputStream gzipped = new ByteArrayOutputStream(body.size() / 4);
                try (OutputStream out = new FastGzip(gzipped)) {
                    body.writeTo(out);
                }
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
                send(exchange, gzipped);
            } else {
                send(exchange, body);
            }
        }
    }

    private static void send(HttpExchange exchange, ByteArrayOutputStream body) throws IOException {
        exchange.sendResponseHeaders(200, body.size());
        try (OutputStream out = exchange.getResponseBody()) {
            body.writeTo(out);
        }
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) return false;
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.trim().split(";");
            if (!parts[0].trim().toLowerCase(Locale.ROOT).equals("gzip")) continue;
            for (int i = 1; i < parts.length; i++) {
                if (parts[i].trim().replace(" ", "").matches("q=0(\\.0*)?")) return false;
            }
            return true;
        }
        return false;
    }

    /** gzip at {@link Deflater#BEST_SPEED}: a scrape is compressed once and read once, a few KB more do not matter. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
