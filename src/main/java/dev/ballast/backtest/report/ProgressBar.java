package dev.ballast.backtest.report;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar for long sweeps, redrawn in place with a carriage return on stderr. It draws nothing when
 * stderr is not a terminal (logs and pipes get no control characters) or when quiet; callers need not check.
 * Redraws at most every 100 ms so a fast loop is not slowed by printing.
 */
public final class ProgressBar implements AutoCloseable {
    private static final int BAR = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean enabled;
    private final LongSupplier clock;
    private final long started;
    private long done;
    private long lastDraw;
    private int lastLength;

    /** On stderr, enabled only on an interactive terminal and when not {@code quiet}. */
    public static ProgressBar forStderr(String label, long total, boolean quiet) {
        return new ProgressBar(System.err, label, total, !quiet && interactive(), System::nanoTime);
    }

    /**
     * Whether the JVM runs on a terminal. Since JDK 22 {@code System.console()} is non-null even when redirected and
     * {@code Console.isTerminal()} tells; it is called reflectively because the build targets Java 21.
     */
    static boolean interactive() {
        Console console = System.console();
        if (console == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // JDK 21: a non-null console means a terminal
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    ProgressBar(PrintStream out, String label, long total, boolean enabled, LongSupplier clock) {
        if (total < 0) {
            throw new IllegalArgumentException("total = " + total + ": must be >= 0");
        }
        this.out = out;
        this.label = label;
        this.total = total;
        this.enabled = enabled;
        this.clock = clock;
        this.started = clock.getAsLong();
        this.lastDraw = started - REDRAW_NANOS;
    }

    public boolean enabled() {
        return enabled;
    }

    public void step() {
        advanceTo(done + 1);
    }

    public void advanceTo(long value) {
        done = Math.min(Math.max(value, 0), total);
        long now = clock.getAsLong();
        if (enabled && (done == total || now - lastDraw >= REDRAW_NANOS)) {
            lastDraw = now;
            draw(line(now), "");
        }
    }

    /** Pads with spaces over the previous line's tail, which a shorter line would otherwise leave on screen. */
    private void draw(String line, String end) {
        String pad = " ".repeat(Math.max(0, lastLength - line.length()));
        lastLength = line.length();
        out.print('\r' + line + pad + end);
        out.flush();
    }

    /** E.g. {@code sweep [###########-------------------]  37% 370/1000 eta 12s}. */
    String line(long now) {
        double frac = total == 0 ? 1 : (double) done / total;
        int filled = (int) Math.floor(frac * BAR);
        String eta = "";
        if (done > 0 && done < total) {
            double secs = (now - started) / 1e9 * (total - done) / done;
            eta = String.format(Locale.ROOT, " eta %ds", Math.round(secs));
        }
        return String.format(Locale.ROOT, "%s [%s%s] %3d%% %d/%d%s", label, "#".repeat(filled),
                "-".repeat(BAR - filled), Math.round(frac * 100), done, total, eta);
    }

    /** Ends the line so later output starts on a fresh one. */
    @Override
    public void close() {
        if (enabled) {
            draw(line(clock.getAsLong()), System.lineSeparator());
        }
    }
}
