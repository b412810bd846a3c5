package dev.ballast.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inlined chart library draws in real Chromium from a file on disk with no network: the base every page relies on. */
class ChartLibraryBrowserTest {

    @Test
    void inlinedLibraryDrawsAChartOffline(@TempDir Path dir) throws Exception {
        String page = "<!doctype html><html><head><meta charset=utf-8><title>chart</title>" + ChartLibrary.headElements()
                + "</head><body><div id=c></div><script>"
                + "const u = new uPlot({width: 400, height: 200, series: [{}, {label: 'nav', stroke: 'blue'}]},"
                + " [[1, 2, 3], [1.0, 1.1, 0.9]], document.getElementById('c'));"
                + "document.body.dataset.ready = u.series.length;</script></body></html>";
        Path file = dir.resolve("chart.html");
        Files.writeString(file, page);

        Browser.PageCheck check = Browser.open(file.toUri().toString(), "body[data-ready]",
                "({series: document.body.dataset.ready, canvases: document.querySelectorAll('canvas').length,"
                        + " legend: document.querySelector('.u-legend')?.textContent ?? ''})", "chart-library");

        assertThat(check.pageErrors()).isEmpty();
        assertThat(check.consoleErrors()).isEmpty();
        assertThat(check.externalRequests()).isEmpty();
        assertThat(check.value().get("series").asText()).isEqualTo("2");
        assertThat(check.value().get("canvases").asInt()).isEqualTo(1);
        assertThat(check.value().get("legend").asText()).contains("nav");
        assertThat(Path.of("target/browser-artifacts/chart-library.png")).isNotEmptyFile();
    }
}
