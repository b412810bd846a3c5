package dev.ballast.backtest.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.backtest.data.GbmGenerator;
import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.backtest.data.SyntheticAsset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code bench backtest} runs the numpy peer and words the comparison (the peer itself needs python3 + numpy). */
class NumpyPeerTest {
    static final PriceSeries PRICES = new GbmGenerator(List.of(new SyntheticAsset("A", 100, 0.1, 0.3),
            new SyntheticAsset("B", 100, 0.0, 0.2))).generate(50, 4);

    @Test
    void ratioSaysWhichIsFasterAndByHowMuch() {
        assertThat(NumpyPeer.ratio(3.0, 9.0)).isEqualTo("3.00× faster");
        assertThat(NumpyPeer.ratio(9.0, 3.0)).isEqualTo("3.00× slower");
    }

    @Test
    void readsThePeersTimesAndPassesItTheSameEntryDates(@TempDir Path dir) throws Exception {
        // a stand-in peer that echoes what it was given, so the test needs no numpy
        Path script = Files.writeString(dir.resolve("peer.py"), """
                import sys
                a = dict(zip(sys.argv[1::2], sys.argv[2::2]))
                rows = open(a['--prices']).read().splitlines()
                starts = open(a['--starts']).read().split()
                print(f"numpy sweep: rows {len(rows)} cols {len(rows[0].split(','))} starts {' '.join(starts)} "
                      f"horizon {a['--horizon']} bands {a['--bands']} in 1.50 s wall, 1.25 s cpu")
                """);
        NumpyPeer.Timing t = NumpyPeer.run(script, PRICES, new int[] {3, 1, 4}, 20, 7);
        assertThat(t.wallSeconds()).isEqualTo(1.5);
        assertThat(t.cpuSeconds()).isEqualTo(1.25);
        assertThat(t.line()).contains("rows 50 cols 2 starts 3 1 4 horizon 20 bands 7");
    }

    @Test
    void aMissingScriptOrAFailingPeerIsReportedNotHidden(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> NumpyPeer.run(dir.resolve("none.py"), PRICES, new int[] {0}, 20, 1))
                .isInstanceOf(IOException.class).hasMessageContaining("script not found");
        Path failing = Files.writeString(dir.resolve("fail.py"), "raise SystemExit('no module named numpy')\n");
        assertThatThrownBy(() -> NumpyPeer.run(failing, PRICES, new int[] {0}, 20, 1))
                .isInstanceOf(IOException.class).hasMessageContaining("no module named numpy");
    }

    @Test
    void entryStartsAreTheSweepsWindows() {
        MonteCarlo.Plan plan = new MonteCarlo.Plan(500, 30, MonteCarlo.PathKind.ENTRY_DATES, 5, 9, 16);
        int[] starts = MonteCarlo.entryStarts(plan, PRICES.size());
        assertThat(starts).hasSize(500);
        assertThat(java.util.Arrays.stream(starts).boxed().toList()).allSatisfy(s -> assertThat(s).isBetween(0, PRICES.size() - 30));
        assertThat(starts).contains(0, PRICES.size() - 30); // both ends reachable
        assertThat(MonteCarlo.entryStarts(plan, PRICES.size())).isEqualTo(starts);
    }
}
