package dev.ballast.backtest.report.chart;

/** Maps a data interval onto a pixel interval, with "nice" tick values (1, 2, 2.5 or 5 times a power of ten). */
final class LinearScale {
    final double d0;
    final double d1;
    private final double r0;
    private final double r1;

    LinearScale(double d0, double d1, double r0, double r1) {
        if (!(d1 > d0)) {
            // A flat series still needs an interval to draw on.
            double pad = d0 == 0 ? 1 : Math.abs(d0) * 0.1;
            d0 -= pad;
            d1 = d0 + 2 * pad;
        }
        this.d0 = d0;
        this.d1 = d1;
        this.r0 = r0;
        this.r1 = r1;
    }

    /** A scale whose domain is {@code [min, max]} widened to whole ticks. */
    static LinearScale nice(double min, double max, double r0, double r1, int ticks) {
        if (!(max > min)) {
            return new LinearScale(min, max, r0, r1);
        }
        double step = step(min, max, ticks);
        return new LinearScale(Math.floor(min / step + 1e-9) * step, Math.ceil(max / step - 1e-9) * step, r0, r1);
    }

    double map(double v) {
        return r0 + (v - d0) / (d1 - d0) * (r1 - r0);
    }

    double[] ticks(int count) {
        double step = step(d0, d1, count);
        double first = Math.ceil(d0 / step - 1e-9) * step;
        int n = (int) Math.floor((d1 - first) / step + 1e-9) + 1;
        double[] t = new double[Math.max(n, 0)];
        for (int i = 0; i < t.length; i++) {
            t[i] = first + i * step;
            if (Math.abs(t[i]) < step * 1e-9) {
                t[i] = 0; // no "-0"
            }
        }
        return t;
    }

    static double step(double min, double max, int count) {
        double raw = (max - min) / Math.max(count, 1);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * mag;
    }
}
