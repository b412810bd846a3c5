package dev.ballast.backtest.report.chart;

import dev.ballast.backtest.report.ReportData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Renders the report's charts to PNG files with Java 2D; runs headless (no display needed). */
public final class PngChartWriter {
    private PngChartWriter() {
    }

    static {
        // Before any AWT class loads: a server or CI has no display, and the charts never need one.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    public static BufferedImage render(Chart chart, int width, int height) {
        if (width < 200 || height < 120) {
            throw new IllegalArgumentException("chart size " + width + "x" + height + ": at least 200x120 is needed");
        }
        RasterCanvas c = new RasterCanvas(width, height);
        chart.draw(c);
        return c.finish();
    }

    public static void write(Chart chart, int width, int height, Path file) {
        try {
            if (!ImageIO.write(render(chart, width, height), "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    /**
     * Writes every chart of the report as {@code <chart id>.png} into {@code dir}, {@code width} pixels wide and
     * scaled in height from the chart's preferred size; returns the files.
     */
    public static List<Path> writeAll(ReportData data, Path dir, int width) {
        List<Path> out = new ArrayList<>();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("creating " + dir, e);
        }
        for (Chart chart : Charts.forReport(data)) {
            Path f = dir.resolve(chart.id() + ".png");
            write(chart, width, height(chart, width), f);
            out.add(f);
        }
        return out;
    }

    /** Chart heights are designed for the default width; keep the proportion but never squash below 240 px. */
    static int height(Chart chart, int width) {
        return Math.max(240, (int) Math.round(chart.preferredHeight() * (double) width / Chart.DEFAULT_WIDTH));
    }
}
