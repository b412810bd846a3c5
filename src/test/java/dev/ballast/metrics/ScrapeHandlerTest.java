package dev.ballast.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScrapeHandlerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        Gauge nav = Gauge.builder().name("ballast_vault_nav_numeraire").help("NAV").labelNames("vault").register(registry);
        for (int i = 0; i < 500; i++) nav.labelValues("vault-" + i).set(1000.5 + i);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", new ScrapeHandler(registry));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpResponse<byte[]> get(String acceptEncoding) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/metrics"));
        if (acceptEncoding != null) request.header("Accept-Encoding", acceptEncoding);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void gzipsWhenAskedAndSendsTheLengthNotChunks() throws Exception {
        HttpResponse<byte[]> plain = get(null);
        HttpResponse<byte[]> gzipped = get("gzip");
        assertEquals(200, gzipped.statusCode());
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null));
        // a chunked reply's small last chunk waited on the client's delayed ACK: the length must be sent up front
        assertEquals(String.valueOf(gzipped.body().length), gzipped.headers().firstValue("Content-Length").orElse(null));
        assertTrue(gzipped.body().length < plain.body().length / 3, "compressed " + gzipped.body().length);
        String unzipped;
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            unzipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, Double> series = Scrape.parse(unzipped);
        assertEquals(Scrape.parse(new String(plain.body(), StandardCharsets.UTF_8)), series);
        assertEquals(1499.5, series.get(Scrape.key("ballast_vault_nav_numeraire", Map.of("vault", "vault-499"))));
        assertTrue(plain.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
    }

    @Test
    void plainWhenGzipIsNotAccepted() throws Exception {
        for (String encoding : new String[] {null, "identity", "gzip;q=0", "br, gzip; q=0.0"}) {
            HttpResponse<byte[]> response = get(encoding);
            assertFalse(response.headers().firstValue("Content-Encoding").isPresent(), String.valueOf(encoding));
            assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("vault=\"vault-7\""),
                    String.valueOf(encoding));
        }
        assertTrue(ScrapeHandler.acceptsGzip("deflate, GZIP;q=0.5"));
    }
}
