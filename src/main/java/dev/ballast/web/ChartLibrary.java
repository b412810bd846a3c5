package dev.ballast.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The charting library Ballast's pages use: uPlot (pinned in contracts/package.json, copied into the jar at build time).
 * Pages inline it rather than link it, so a report opened from disk or a dashboard on an air-gapped host loads nothing
 * from the network.
 */
public final class ChartLibrary {
    private static final String SCRIPT = read("uPlot.iife.min.js");
    private static final String STYLE = read("uPlot.min.css");

    private ChartLibrary() {}

    /** The library's JavaScript (defines the global {@code uPlot}). */
    public static String script() {
        return SCRIPT;
    }

    /** The library's stylesheet. */
    public static String style() {
        return STYLE;
    }

    /** {@code <style>} and {@code <script>} elements to put in a page's {@code <head>}. */
    public static String headElements() {
        // A "</script" inside the inlined source would end the element early; uPlot has none, but make it impossible.
        return "<style>" + STYLE + "</style>\n<script>" + SCRIPT.replace("</script", "<\\/script") + "</script>\n";
    }

    private static String read(String name) {
        try (InputStream in = ChartLibrary.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("chart library resource dev/ballast/web/" + name
                        + " missing from the build (contracts/node_modules/uplot: run scripts/contracts.sh install)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
