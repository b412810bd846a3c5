package dev.ballast.backtest.report.chart;

/** Builds an inline {@code <svg>} element (scales to its container's width, keeps its aspect ratio). */
public final class SvgCanvas implements Canvas {
    private final int width;
    private final int height;
    private final StringBuilder body = new StringBuilder();

    public SvgCanvas(int width, int height) {
        this.width = width;
        this.height = height;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public void rect(double x, double y, double w, double h, String fill, String stroke) {
        body.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append('"').append(paint(fill, stroke, 1)).append("/>\n");
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String stroke, double strokeWidth, boolean dashed) {
        body.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append('"').append(paint(null, stroke, strokeWidth))
                .append(dashed ? " stroke-dasharray=\"6 4\"" : "").append("/>\n");
    }

    @Override
    public void polyline(double[] xs, double[] ys, String stroke, double strokeWidth) {
        body.append("<polyline points=\"").append(points(xs, ys)).append('"')
                .append(paint(null, stroke, strokeWidth)).append(" stroke-linejoin=\"round\"/>\n");
    }

    @Override
    public void polygon(double[] xs, double[] ys, String fill, double opacity) {
        body.append("<polygon points=\"").append(points(xs, ys)).append('"').append(paint(fill, null, 1))
                .append(" fill-opacity=\"").append(n(opacity)).append("\"/>\n");
    }

    @Override
    public void circle(double cx, double cy, double r, String fill, String stroke) {
        body.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append('"').append(paint(fill, stroke, 1.5)).append("/>\n");
    }

    @Override
    public void text(double x, double y, String text, double size, Anchor anchor, String color, boolean bold) {
        body.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(n(size))
                .append("\" text-anchor=\"").append(anchor(anchor)).append("\" fill=\"").append(color).append('"')
                .append(bold ? " font-weight=\"bold\"" : "").append('>').append(escape(text)).append("</text>\n");
    }

    @Override
    public void verticalText(double x, double y, String text, double size, String color) {
        body.append("<text transform=\"translate(").append(n(x)).append(',').append(n(y))
                .append(") rotate(-90)\" font-size=\"").append(n(size)).append("\" text-anchor=\"middle\" fill=\"")
                .append(color).append("\">").append(escape(text)).append("</text>\n");
    }

    /** The finished element; {@code label} becomes its accessible name. */
    public String toSvg(String label) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + width + " " + height + "\" width=\""
                + width + "\" height=\"" + height + "\" role=\"img\" aria-label=\"" + escape(label)
                + "\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" style=\"max-width:100%;height:auto\">\n"
                + body + "</svg>";
    }

    private static String paint(String fill, String stroke, double strokeWidth) {
        return " fill=\"" + (fill == null ? "none" : fill) + "\""
                + (stroke == null ? "" : " stroke=\"" + stroke + "\" stroke-width=\"" + n(strokeWidth) + "\"");
    }

    private static String anchor(Anchor a) {
        return switch (a) {
            case START -> "start";
            case MIDDLE -> "middle";
            case END -> "end";
        };
    }

    private static String points(double[] xs, double[] ys) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            sb.append(i == 0 ? "" : " ").append(n(xs[i])).append(',').append(n(ys[i]));
        }
        return sb.toString();
    }

    /**
     * Two decimals, trailing zeros dropped: finer is sub-pixel and would only bloat the file. Hand-rolled because
     * a report has hundreds of thousands of coordinates and String.format dominated rendering time.
     */
    static String n(double v) {
        long hundredths = Math.round(v * 100);
        if (hundredths == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder(12);
        if (hundredths < 0) {
            sb.append('-');
            hundredths = -hundredths;
        }
        sb.append(hundredths / 100);
        long frac = hundredths % 100;
        if (frac != 0) {
            sb.append('.').append(frac / 10);
            if (frac % 10 != 0) {
                sb.append(frac % 10);
            }
        }
        return sb.toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
