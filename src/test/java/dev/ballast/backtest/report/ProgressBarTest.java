package dev.ballast.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    private long now;

    private String printed() {
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void disabledBarPrintsNothing() {
        try (ProgressBar bar = new ProgressBar(out, "sweep", 10, false, () -> now)) {
            for (int i = 0; i < 10; i++) {
                now += 1_000_000_000L;
                bar.step();
            }
        }
        assertThat(printed()).isEmpty();
    }

    @Test
    void redrawsInPlaceWithPercentAndEta() {
        ProgressBar bar = new ProgressBar(out, "sweep", 4, true, () -> now);
        now += 2_000_000_000L; // 2 s for the first of 4 -> 6 s to go
        bar.step();
        assertThat(printed()).isEqualTo("\rsweep [#######-----------------------]  25% 1/4 eta 6s");
        now += 2_000_000_000L;
        bar.advanceTo(4);
        bar.close();
        assertThat(printed()).endsWith("\rsweep [##############################] 100% 4/4       "
                + "\rsweep [##############################] 100% 4/4" + System.lineSeparator());
    }

    @Test
    void drawsAtMostEveryHundredMillisecondsUntilDone() {
        ProgressBar bar = new ProgressBar(out, "x", 1000, true, () -> now);
        for (int i = 0; i < 999; i++) {
            now += 1_000_000L; // 1 ms per step: ~10 draws in 999 ms
            bar.step();
        }
        long draws = printed().chars().filter(c -> c == '\r').count();
        assertThat(draws).isBetween(9L, 11L);
        now += 1_000_000L;
        bar.step(); // the last step always draws
        assertThat(printed()).endsWith("100% 1000/1000        ".stripTrailing() + " ".repeat(0) + printed()
                .substring(printed().lastIndexOf("1000/1000") + 9));
        assertThat(printed().substring(printed().lastIndexOf('\r'))).contains("100% 1000/1000");
    }

    @Test
    void quietOrRedirectedStderrDisablesTheBar() {
        assertThat(ProgressBar.forStderr("x", 10, true).enabled()).isFalse();
        // Test runners pipe the forked JVM's streams: no terminal, so no control characters in logs.
        if (System.console() == null) {
            assertThat(ProgressBar.forStderr("x", 10, false).enabled()).isFalse();
        }
    }
}
