package dev.ballast.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Test helper: opens a page in real headless Chromium (Debian's {@code chromium}, installed by scripts/ensure-servers.sh)
 * through playwright-core and returns what src/test/browser/check-page.mjs observed: console and page errors, requests
 * that tried to leave the page's origin (blocked), time to the awaited selector, and the value of a JS expression.
 */
public final class Browser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of(System.getProperty("user.dir"));

    private Browser() {}

    /** What the page did; {@code value} is the evaluated expression's JSON value (null when none was given). */
    public record PageCheck(JsonNode consoleErrors, JsonNode pageErrors, JsonNode externalRequests, long readyMs,
            Double firstContentfulPaintMs, String title, JsonNode value) {}

    /**
     * Loads {@code url}, waits for {@code waitForSelector}, then evaluates {@code expression} (may be null).
     *
     * @throws IllegalStateException when Chromium or the page script fails (the browser's own output is included)
     */
    public static PageCheck open(String url, String waitForSelector, String expression) throws IOException, InterruptedException {
        return open(url, waitForSelector, expression, null);
    }

    /**
     * As {@link #open(String, String, String)}, and keeps a full-page screenshot as a test artefact in
     * {@code target/browser-artifacts/<artefactName>.png} (when {@code artefactName} is not null).
     */
    public static PageCheck open(String url, String waitForSelector, String expression, String artefactName)
            throws IOException, InterruptedException {
        return open(url, waitForSelector, expression, artefactName, 1280, 15_000);
    }

    /**
     * As {@link #open(String, String, String, String)} in a viewport {@code viewportWidth} pixels wide, waiting up to
     * {@code timeoutMs} for the page and the selector (a live update that needs a transaction mined first takes longer
     * than a page load).
     */
    public static PageCheck open(String url, String waitForSelector, String expression, String artefactName,
            int viewportWidth, long timeoutMs) throws IOException, InterruptedException {
        ObjectNode request = JSON.createObjectNode().put("url", url).put("waitFor", waitForSelector)
                .put("width", viewportWidth).put("timeoutMs", timeoutMs);
        if (expression != null) {
            request.put("evaluate", expression);
        }
        if (artefactName != null) {
            Path dir = Files.createDirectories(ROOT.resolve("target/browser-artifacts"));
            request.put("screenshot", dir.resolve(artefactName + ".png").toString());
        }
        Process process = new ProcessBuilder("node", ROOT.resolve("src/test/browser/check-page.mjs").toString(),
                ROOT.resolve("contracts/node_modules").toString(), chromium().toString(), JSON.writeValueAsString(request))
                .redirectErrorStream(false).start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(timeoutMs / 1000 + 60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("browser check of " + url + " failed: " + new String(err, StandardCharsets.UTF_8));
        }
        JsonNode r = JSON.readTree(out);
        return new PageCheck(r.get("consoleErrors"), r.get("pageErrors"), r.get("externalRequests"),
                r.get("readyMs").asLong(), r.get("firstContentfulPaintMs").isNull() ? null : r.get("firstContentfulPaintMs").asDouble(),
                r.get("title").asText(), r.get("value"));
    }

    /** Chromium: BALLAST_CHROMIUM when set, else Debian's /usr/bin/chromium. */
    public static Path chromium() {
        String configured = System.getenv("BALLAST_CHROMIUM");
        Path path = Path.of(configured != null ? configured : "/usr/bin/chromium");
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("Chromium not found at " + path
                    + " (install Debian's chromium package: scripts/ensure-servers.sh, or set BALLAST_CHROMIUM)");
        }
        return path;
    }
}
