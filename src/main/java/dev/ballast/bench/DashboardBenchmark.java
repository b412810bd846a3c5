package dev.ballast.bench;

import dev.ballast.dashboard.DashboardServer;
import dev.ballast.dashboard.DashboardSettings;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard's server side with a large journal: time to serve, to every vault's row, to the first vault's charts
 * and to every vault's history (loaded in the background), and what the page's requests cost (/, /api/overview with every vault, /api/vault with one vault's charts). The browser's first paint of the
 * same journal is measured in real Chromium by DashboardFirstPaintBrowserTest.
 */
public final class DashboardBenchmark {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DashboardBenchmark() {}

    public static void run(PrintStream out, int vaults, int days, int stepHours, Path dir) throws Exception {
        Files.createDirectories(dir);
        Path journal = dir.resolve("dashboard-bench.db");
        Files.deleteIfExists(journal);
        long t0 = System.nanoTime();
        SyntheticJournal.Written w = SyntheticJournal.write(journal, vaults, days, stepHours, System.currentTimeMillis(), 11);
        out.printf("journal: %,d vaults x %d days, a decision every %d h: %,d decisions, %,d rebalances, %,d MB,"
                + " written in %,d ms%n", vaults, days, stepHours, w.decisions(), w.rebalances(),
                Files.size(journal) >> 20, (System.nanoTime() - t0) / 1_000_000);
        List<DashboardSettings.Vault> list = new ArrayList<>();
        for (int i = 0; i < vaults; i++) list.add(new DashboardSettings.Vault("v" + i, SyntheticJournal.address(i), 0.05));
        DashboardSettings settings = new DashboardSettings(31337, List.of(new DashboardSettings.Endpoint("none",
                URI.create("http://127.0.0.1:1/"))), list, journal, "127.0.0.1", 0, Duration.ofDays(days + 1),
                Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofSeconds(1));
        long t1 = System.nanoTime();
        try (DashboardServer server = DashboardServer.start(settings)) {
            out.printf("dashboard start (bound and serving; the history loads in the background): %,d ms%n",
                    (System.nanoTime() - t1) / 1_000_000);
            String base = "http://127.0.0.1:" + server.port();
            // what the page waits for: every vault's row (newest read, rebalances), then the first vault's charts
            while (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/overview")).build(),
                    HttpResponse.BodyHandlers.ofString()).body().contains("\"rows\":true")) {
                Thread.sleep(10);
            }
            long rowsMs = (System.nanoTime() - t1) / 1_000_000;
            HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/vault?name=v0")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            out.printf("every vault's row served from start: %,d ms; and the first vault's charts: %,d ms%n", rowsMs,
                    (System.nanoTime() - t1) / 1_000_000);
            while (server.historyLoadMillis() < 0) Thread.sleep(20);
            out.printf("every vault's history and figures in (background): %s%n", server.loadSummary());
            time(out, base + "/", "page (HTML + inlined uPlot)");
            time(out, base + "/api/overview", "/api/overview, all vaults");
            time(out, base + "/api/vault?name=v0", "/api/vault, one vault's charts");
        }
        out.println("browser first paint of the same journal: DashboardFirstPaintBrowserTest (real Chromium)");
    }

    private static void time(PrintStream out, String url, String what) throws Exception {
        List<Double> ms = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < 25; i++) {
            long started = System.nanoTime();
            HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (i >= 5) ms.add((System.nanoTime() - started) / 1e6); // the first ones warm the JIT
            bytes = r.body().length;
        }
        out.printf("%s (%,d bytes): %s%n", what, bytes, Latency.of(ms).format());
    }
}
