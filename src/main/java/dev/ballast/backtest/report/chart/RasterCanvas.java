package dev.ballast.backtest.report.chart;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/** Draws onto a {@link BufferedImage} with Java 2D (headless-safe: no window is opened). */
public final class RasterCanvas implements Canvas {
    private final BufferedImage image;
    private final Graphics2D g;

    public RasterCanvas(int width, int height) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
    }

    public BufferedImage image() {
        return image;
    }

    /** Releases the graphics context; the image stays usable. */
    public BufferedImage finish() {
        g.dispose();
        return image;
    }

    @Override
    public int width() {
        return image.getWidth();
    }

    @Override
    public int height() {
        return image.getHeight();
    }

    @Override
    public void rect(double x, double y, double w, double h, String fill, String stroke) {
        Rectangle2D r = new Rectangle2D.Double(x, y, w, h);
        fillAndStroke(r, fill, stroke, 1);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String stroke, double strokeWidth, boolean dashed) {
        g.setColor(color(stroke));
        g.setStroke(dashed
                ? new BasicStroke((float) strokeWidth, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0)
                : new BasicStroke((float) strokeWidth));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(double[] xs, double[] ys, String stroke, double strokeWidth) {
        g.setColor(color(stroke));
        g.setStroke(new BasicStroke((float) strokeWidth, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
        g.draw(path(xs, ys, false));
    }

    @Override
    public void polygon(double[] xs, double[] ys, String fill, double opacity) {
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) opacity));
        g.setColor(color(fill));
        g.fill(path(xs, ys, true));
        g.setComposite(AlphaComposite.SrcOver);
    }

    @Override
    public void circle(double cx, double cy, double r, String fill, String stroke) {
        fillAndStroke(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r), fill, stroke, 1.5);
    }

    @Override
    public void text(double x, double y, String text, double size, Anchor anchor, String color, boolean bold) {
        g.setFont(font(size, bold));
        double w = g.getFontMetrics().stringWidth(text);
        double dx = switch (anchor) {
            case START -> 0;
            case MIDDLE -> -w / 2;
            case END -> -w;
        };
        g.setColor(color(color));
        g.drawString(text, (float) (x + dx), (float) y);
    }

    @Override
    public void verticalText(double x, double y, String text, double size, String color) {
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        g.rotate(-Math.PI / 2);
        text(0, 0, text, size, Anchor.MIDDLE, color, false);
        g.setTransform(saved);
    }

    private void fillAndStroke(java.awt.Shape s, String fill, String stroke, double strokeWidth) {
        if (fill != null) {
            g.setColor(color(fill));
            g.fill(s);
        }
        if (stroke != null) {
            g.setColor(color(stroke));
            g.setStroke(new BasicStroke((float) strokeWidth));
            g.draw(s);
        }
    }

    private static Path2D path(double[] xs, double[] ys, boolean close) {
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < xs.length; i++) {
            if (i == 0) {
                p.moveTo(xs[i], ys[i]);
            } else {
                p.lineTo(xs[i], ys[i]);
            }
        }
        if (close) {
            p.closePath();
        }
        return p;
    }

    private static Font font(double size, boolean bold) {
        return new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size);
    }

    static Color color(String hex) {
        if (hex == null || !hex.matches("#[0-9a-fA-F]{6}")) {
            throw new IllegalArgumentException("colour '" + hex + "' is not #rrggbb");
        }
        return new Color(Integer.parseInt(hex.substring(1), 16));
    }
}
