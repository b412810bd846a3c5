package dev.ballast.backtest.report.chart;

/**
 * The few drawing operations the charts need, so one chart definition renders both to SVG (for HTML) and to a
 * raster image (for PNG). Coordinates are pixels from the top-left; colours are {@code #rrggbb} or null for none.
 */
public interface Canvas {
    enum Anchor { START, MIDDLE, END }

    int width();

    int height();

    void rect(double x, double y, double w, double h, String fill, String stroke);

    void line(double x1, double y1, double x2, double y2, String stroke, double strokeWidth, boolean dashed);

    void polyline(double[] xs, double[] ys, String stroke, double strokeWidth);

    void polygon(double[] xs, double[] ys, String fill, double opacity);

    void circle(double cx, double cy, double r, String fill, String stroke);

    void text(double x, double y, String text, double size, Anchor anchor, String color, boolean bold);

    /** Text rotated 90° counter-clockwise (for a y-axis title), centred on (x, y). */
    void verticalText(double x, double y, String text, double size, String color);

    /** Layout estimate of a text's width; charts use it identically on every canvas so layouts match. */
    static double textWidth(String text, double size) {
        return text.length() * size * 0.58;
    }
}
