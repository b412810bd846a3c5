package dev.ballast.backtest.report.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * Places point labels so they do not cover each other or other points: tries positions around the point in a
 * fixed order and takes the first free one, or else the one overlapping least. Greedy, but enough for the
 * dozen-odd points of a frontier.
 */
final class LabelPlacer {
    record Placement(double x, double y, Canvas.Anchor anchor) {
    }

    private record Box(double x0, double y0, double x1, double y1) {
        double overlapArea(Box o) {
            return Math.max(0, Math.min(x1, o.x1) - Math.max(x0, o.x0))
                    * Math.max(0, Math.min(y1, o.y1) - Math.max(y0, o.y0));
        }

        boolean inside(double left, double top, double right, double bottom) {
            return x0 >= left && x1 <= right && y0 >= top && y1 <= bottom;
        }
    }

    /** dx, dy of the text baseline from the point, and whether the text starts, centres or ends there. */
    private static final double[][] OFFSETS = {{8, -6}, {8, 14}, {-8, -6}, {-8, 14}, {0, -10}, {0, 20},
            {8, -20}, {-8, -20}, {8, 28}, {-8, 28}};
    private static final Canvas.Anchor[] ANCHORS = {Canvas.Anchor.START, Canvas.Anchor.START, Canvas.Anchor.END,
            Canvas.Anchor.END, Canvas.Anchor.MIDDLE, Canvas.Anchor.MIDDLE, Canvas.Anchor.START, Canvas.Anchor.END,
            Canvas.Anchor.START, Canvas.Anchor.END};

    private final double size;
    private final double left;
    private final double top;
    private final double right;
    private final double bottom;
    private final List<Box> taken = new ArrayList<>();

    LabelPlacer(double size, double left, double top, double right, double bottom) {
        this.size = size;
        this.left = left;
        this.top = top;
        this.right = right;
        this.bottom = bottom;
    }

    /** Marks a drawn point (radius r) as space no label may cover. */
    void point(double x, double y, double r) {
        taken.add(new Box(x - r, y - r, x + r, y + r));
    }

    Placement place(String label, double x, double y) {
        double w = Canvas.textWidth(label, size);
        int best = 0;
        double bestOverlap = Double.POSITIVE_INFINITY;
        for (int i = 0; i < OFFSETS.length; i++) {
            Box b = box(x + OFFSETS[i][0], y + OFFSETS[i][1], w, ANCHORS[i]);
            if (!b.inside(left, top, right, bottom)) {
                continue;
            }
            double overlap = taken.stream().mapToDouble(b::overlapArea).sum();
            if (overlap == 0) {
                best = i;
                break;
            }
            if (overlap < bestOverlap) {
                bestOverlap = overlap;
                best = i;
            }
        }
        taken.add(box(x + OFFSETS[best][0], y + OFFSETS[best][1], w, ANCHORS[best]));
        return new Placement(x + OFFSETS[best][0], y + OFFSETS[best][1], ANCHORS[best]);
    }

    private Box box(double x, double baseline, double w, Canvas.Anchor a) {
        double x0 = switch (a) {
            case START -> x;
            case MIDDLE -> x - w / 2;
            case END -> x - w;
        };
        return new Box(x0, baseline - size, x0 + w, baseline + size * 0.25);
    }
}
