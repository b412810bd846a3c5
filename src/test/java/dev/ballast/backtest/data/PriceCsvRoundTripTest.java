package dev.ballast.backtest.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Random series written as CSV with random blank cells: reading gives back the prices, forward-filled. */
class PriceCsvRoundTripTest {
    static Stream<Long> seeds() {
        return LongStream.range(0, 200).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void readsBackWhatWasWrittenWithGapsFilled(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int assets = rnd.nextInt(1, 6);
        int rows = rnd.nextInt(2, 80);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < assets; i++) {
            names.add("A" + i);
        }
        PriceSeries truth = new GbmGenerator(names.stream().map(n -> new SyntheticAsset(n, 1 + rnd.nextDouble() * 1000,
                0.1, 0.5)).toList()).generate(rows, seed);
        StringBuilder csv = new StringBuilder("timestamp," + String.join(",", names) + "\n");
        double[][] filled = new double[rows][assets];
        List<Long> keptTimes = new ArrayList<>();
        List<double[]> kept = new ArrayList<>();
        int[] run = new int[assets];
        int blanks = 0;
        for (int t = 0; t < rows; t++) {
            csv.append(truth.timestamp(t));
            int blankInRow = 0;
            for (int i = 0; i < assets; i++) {
                // Blanks never on the first row (so no leading row is dropped), at most 5 in a row (the default limit).
                boolean blank = t > 0 && run[i] < 5 && rnd.nextInt(4) == 0;
                run[i] = blank ? run[i] + 1 : 0;
                blankInRow += blank ? 1 : 0;
                filled[t][i] = blank ? filled[t - 1][i] : truth.price(t, i);
                csv.append(',').append(blank ? "" : Double.toString(truth.price(t, i)));
            }
            csv.append('\n');
            if (blankInRow < assets) { // a row with no price at all is dropped as a non-trading day
                keptTimes.add(truth.timestamp(t));
                kept.add(filled[t]);
                blanks += blankInRow;
            }
        }
        LoadedPrices p = new PriceCsvReader().read(new StringReader(csv.toString()), "seed-" + seed);
        assertThat(p.series().timestamps()).as("seed %d", seed)
                .isEqualTo(keptTimes.stream().mapToLong(Long::longValue).toArray());
        assertThat(p.series().prices()).as("seed %d", seed).isDeepEqualTo(kept.toArray(double[][]::new));
        assertThat(p.report().filledCells()).as("seed %d", seed).hasSize(blanks);
        assertThat(p.report().droppedRows()).hasSize(rows - kept.size());
        for (LoadReport.FilledCell f : p.report().filledCells()) {
            assertThat(filled[f.line() - 2][names.indexOf(f.asset())]).isEqualTo(f.value());
        }
    }
}
