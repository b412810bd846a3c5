package dev.ballast.metrics;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * A vault's strategy figures over a rolling window, from its own reads: annualised turnover, tracking error against
 * the continuously rebalanced target, Sharpe ratio (risk-free rate 0) and execution cost. Shared by the keeper's
 * metrics and the dashboard so both show the same numbers for the same history.
 *
 * <p>Returns are holdings returns: between two samples the vault earns its weights at the first sample times each
 * asset's price move, minus the execution cost paid in between. That keeps deposits and withdrawals (which move NAV
 * but are not performance) out without needing the share supply. The target earns the target weights times the
 * same price moves. Samples are taken at most once per {@code step}, which bounds memory (30 days at one hour: 720
 * samples) and keeps the keeper's per-block cost to one comparison. Doubles: these are pictures for people, never
 * amounts to move. Not thread-safe: one writer (the keeper's thread); readers take {@link #figures()} snapshots under
 * the owner's lock.
 */
public final class RollingPerformance {
    private static final double SECONDS_PER_YEAR = 31_557_600d;

    private final long windowSeconds;
    private final long stepSeconds;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private final ArrayDeque<Flow> flows = new ArrayDeque<>();

    private record Sample(long time, double nav, double[] weights, double[] prices, double[] targets) {}

    /** Value traded (one way) and execution cost paid at {@code time}. */
    private record Flow(long time, double traded, double cost) {}

    /**
     * The figures over the window; NaN where there is not enough history (fewer than two returns, or no spread).
     *
     * @param turnover        one-way traded value over the window / average NAV, per year (0.5 = 50 %/yr)
     * @param trackingError   standard deviation of (vault return - target return), annualised
     * @param sharpe          mean return / its standard deviation, annualised; risk-free rate 0
     * @param costBpsPerYear  execution cost over the window / average NAV, basis points per year
     * @param returns         number of sample-to-sample returns the figures rest on
     * @param spanSeconds     time from the window's first sample to its last: annualising a short span (the first
     *                        hours of a vault) multiplies one trade into an absurd yearly rate, so readers judge it
     */
    public record Figures(double turnover, double trackingError, double sharpe, double costBpsPerYear, int returns,
            long spanSeconds) {}

    public RollingPerformance(long windowSeconds, long stepSeconds) {
        if (windowSeconds <= 0 || stepSeconds <= 0 || stepSeconds > windowSeconds) {
            throw new IllegalArgumentException("window " + windowSeconds + " s and step " + stepSeconds
                    + " s: both positive, step not longer than the window");
        }
        this.windowSeconds = windowSeconds;
        this.stepSeconds = stepSeconds;
    }

    /**
     * Offers a read at {@code time} (epoch seconds): kept when at least one step after the last kept sample.
     * {@code values} and {@code prices} are per asset in vault order (prices in any unit, only their ratios count).
     *
     * @return whether the sample was kept (the figures changed)
     */
    public boolean offer(long time, double[] values, double[] prices, double[] targets) {
        Sample last = samples.peekLast();
        if (last != null) {
            if (time - last.time < stepSeconds) return false;
            if (last.prices.length != prices.length) samples.clear(); // assets changed: earlier returns do not compare
        }
        double nav = 0;
        for (double v : values) nav += v;
        if (!(nav > 0)) return false;
        double[] weights = new double[values.length];
        for (int i = 0; i < values.length; i++) weights[i] = values[i] / nav;
        samples.addLast(new Sample(time, nav, weights, prices.clone(), targets.clone()));
        evict(time);
        return true;
    }

    /** Whether a read at {@code time} would be kept (one comparison: the keeper asks before building a sample). */
    public boolean due(long time) {
        Sample last = samples.peekLast();
        return last == null || time - last.time >= stepSeconds;
    }

    /** A rebalance at {@code time} that moved {@code tradedValue} (one way) and cost {@code cost} (numeraire). */
    public void rebalanced(long time, double tradedValue, double cost) {
        flows.addLast(new Flow(time, tradedValue, cost));
        evict(Math.max(time, samples.isEmpty() ? time : samples.peekLast().time));
    }

    private void evict(long now) {
        long from = now - windowSeconds;
        while (samples.size() > 1 && samples.peekFirst().time < from) samples.pollFirst();
        while (!flows.isEmpty() && flows.peekFirst().time < from) flows.pollFirst();
    }

    public int size() {
        return samples.size();
    }

    public Figures figures() {
        int n = samples.size() - 1;
        if (n < 1) return new Figures(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0);
        double[] vault = new double[n];
        double[] active = new double[n];
        double navSum = 0;
        Iterator<Sample> it = samples.iterator();
        Sample a = it.next();
        Sample first = a;
        navSum += a.nav;
        Iterator<Flow> flowIt = flows.iterator();
        Flow flow = flowIt.hasNext() ? flowIt.next() : null;
        for (int k = 0; k < n; k++) {
            Sample b = it.next();
            double rv = 0;
            double rt = 0;
            for (int i = 0; i < a.prices.length; i++) {
                double move = b.prices[i] / a.prices[i] - 1;
                rv += a.weights[i] * move;
                rt += a.targets[i] * move;
            }
            while (flow != null && flow.time <= b.time) {
                if (flow.time > a.time) rv -= flow.cost / a.nav;
                flow = flowIt.hasNext() ? flowIt.next() : null;
            }
            vault[k] = rv;
            active[k] = rv - rt;
            navSum += b.nav;
            a = b;
        }
        double span = Math.max(a.time - first.time, stepSeconds);
        double years = span / SECONDS_PER_YEAR;
        double periodsPerYear = n / years;
        double averageNav = navSum / (n + 1);
        double traded = 0;
        double cost = 0;
        for (Flow f : flows) {
            traded += f.traded;
            cost += f.cost;
        }
        double sd = stdev(vault);
        return new Figures(traded / averageNav / years, stdev(active) * Math.sqrt(periodsPerYear),
                sd > 0 ? mean(vault) / sd * Math.sqrt(periodsPerYear) : Double.NaN, cost / averageNav / years * 1e4, n,
                a.time - first.time);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    /** Sample standard deviation; NaN for fewer than two values. */
    private static double stdev(double[] x) {
        if (x.length < 2) return Double.NaN;
        double m = mean(x);
        double s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return Math.sqrt(s / (x.length - 1));
    }
}
