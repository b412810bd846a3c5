package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ballast il} through the real entry point. */
class IlCommandTest {
    private static CliRun run(String... args) {
        return CliRun.run(args);
    }


    @Test
    void helpKeepsEveryDescriptionLineWhole() {
        for (String command : new String[] {"demo", "run", "deploy", "backtest", "il", "pool"}) {
            CliRun r = run(command, "--help");
            assertThat(r.exit()).as(command).isZero();
            assertThat(r.out().lines()).as(command + " --help").allSatisfy(line -> assertThat(line.length())
                    .isLessThanOrEqualTo(BallastCli.HELP_WIDTH));
        }
        assertThat(run("demo", "--help").out().lines()).as("a description line is not re-wrapped")
                .contains("Starts its own local Anvil, deploys a market (tokens, feeds, weighted pool, vault), runs a seeded");
    }

    @Test
    void fiftyFiftyQuadrupleIsMinusTwentyPercent() {
        CliRun r = run("il", "--weights", "0.5,0.5", "--ratios", "1,4");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("impermanent loss    -20.0000%").contains("pool value / start  2.000000")
                .contains("hold value / start  2.500000");
    }

    @Test
    void eightyTwentyCases() {
        // 4^0.2 / 1.6 − 1 and 4^0.8 / 3.4 − 1 (Python decimal)
        assertThat(run("il", "--weights", "0.8,0.2", "--ratios", "1,4").out()).contains("-17.5308%");
        assertThat(run("il", "--weights", "0.8,0.2", "--ratios", "4,1").out()).contains("-10.8402%");
        assertThat(run("il", "--weights", "0.8,0.2", "--ratios", "2,2").out()).contains("impermanent loss    0.0000%");
    }

    @Test
    void badInputIsExitCodeTwoNamingTheField() {
        CliRun sum = run("il", "--weights", "0.5,0.6", "--ratios", "1,4");
        assertThat(sum.exit()).isEqualTo(2);
        assertThat(sum.err()).contains("--weights").contains("sum to 1.1");
        CliRun count = run("il", "--weights", "0.5,0.5", "--ratios", "1,2,3");
        assertThat(count.exit()).isEqualTo(2);
        assertThat(count.err()).contains("--ratios: 3 ratios for 2 weights");
        CliRun negative = run("il", "--weights", "0.5,0.5", "--ratios", "1,-2");
        assertThat(negative.exit()).isEqualTo(2);
        assertThat(negative.err()).contains("--ratios: -2 must be > 0");
        CliRun notNumber = run("il", "--weights", "0.5,x", "--ratios", "1,2");
        assertThat(notNumber.exit()).isEqualTo(2);
        assertThat(notNumber.err()).contains("--weights");
    }

    @Test
    void replaysAHandMadeHistory(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("p.csv");
        Files.writeString(csv, "date,A,B\n2024-01-01,100,100\n2024-01-02,100,400\n2024-01-03,100,100\n");
        CliRun r = run("il", "--weights", "0.5,0.5", "--prices", csv.toString(), "--rebalance-every", "1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("rows                3 (2024-01-01 .. 2024-01-03)")
                .contains("pool value / start  1.000000").contains("hold value / start  1.000000")
                .contains("rebalanced / start  1.562500").contains("deepest loss        -20.0000% on 2024-01-02");
        CliRun unknown = run("il", "--weights", "0.5,0.5", "--prices", csv.toString(), "--assets", "A,C");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("--assets: no column 'C'");
    }

    /** The bundled DAX/SMI/CAC/FTSE history against an independent double-precision evaluation of the end state. */
    @Test
    void replaysTheEuStockMarkets() throws IOException {
        Path csv = Path.of("src/main/resources/data/eustockmarkets.csv");
        CliRun r = run("il", "--weights", "0.4,0.3,0.2,0.1", "--prices", csv.toString(), "--rebalance-every", "20");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(csv);
        double[] first = row(lines.get(1));
        double[] last = row(lines.getLast());
        double[] w = {0.4, 0.3, 0.2, 0.1};
        double pool = 1;
        double hold = 0;
        for (int i = 0; i < 4; i++) {
            pool *= Math.pow(last[i] / first[i], w[i]);
            hold += w[i] * last[i] / first[i];
        }
        assertThat(number(r.out(), "pool value / start")).isCloseTo(pool, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(number(r.out(), "hold value / start")).isCloseTo(hold, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(number(r.out(), "impermanent loss")).isCloseTo(100 * (pool / hold - 1), org.assertj.core.data.Offset.offset(1e-4));
        assertThat(r.out()).contains("rows                " + (lines.size() - 1));
    }

    private static double[] row(String line) {
        String[] f = line.split(",");
        double[] v = new double[f.length - 1];
        for (int i = 1; i < f.length; i++) v[i - 1] = Double.parseDouble(f[i]);
        return v;
    }

    private static double number(String out, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "\\s+(-?[0-9.]+)").matcher(out);
        assertThat(m.find()).as("'%s' in %s", label, out).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
