package dev.ballast.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RoutingBenchmarkTest {
    private static String run(String scale) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RoutingBenchmark.run(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new RoutingBenchmark.Options(new BigDecimal("20"), 10, 10, new BigDecimal(scale)));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The total row's four figures: single, split, sliced, router. */
    private static double[] totals(String table) {
        Matcher m = Pattern.compile("total[^|]*\\|\\s+([0-9.]+) \\|\\s+([0-9.]+) \\|\\s+([0-9.]+) \\| router ([0-9.]+)").matcher(table);
        assertThat(m.find()).as(table).isTrue();
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
            Double.parseDouble(m.group(4))};
    }

    @Test
    void printsTheTenMillionVaultTableAndSaysTheCurvesAreModelled() {
        String table = run("1");
        assertThat(table).contains("$10,000,000 four-asset vault", "MODELLED", "not read from mainnet", "WETH>WBTC", "WETH>USDC",
                "WETH>DAI");
        double[] t = totals(table);
        // the best of single and split can never cost more than the single venue, and costs are positive (fees)
        assertThat(t[1]).isLessThanOrEqualTo(t[0]).isGreaterThan(0);
    }

    @Test
    void aHundredMillionVaultSplitsAndSlicesAndTheRouterBeatsOneVenue() {
        String table = run("10");
        double[] t = totals(table);
        assertThat(t[1]).isLessThan(t[0]);
        assertThat(t[3]).isLessThan(t[1]);
        assertThat(table).contains("sliced ");
        assertThat(table).containsPattern("v3 0.05% \\d+% \\+ v3 0.3%");
    }

    @Test
    void badOptionsNameTheFlag() {
        assertThatThrownBy(() -> new RoutingBenchmark.Options(BigDecimal.ONE, 0, 10, BigDecimal.ONE)).hasMessageContaining("--slice-bps");
    }
}
