package dev.ballast.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.cli.BallastCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** `ballast demo` through the real entry point: a short seeded run with the manipulation attempt. */
class DemoEndToEndTest {

    @Test
    void aSeededDemoRebalancesEndsInTheBandRefusesTheAttackAndLeavesNoAnvil() {
        Run run = demo("--steps", "24", "--seed", "1", "--attack", "--plain");
        String out = run.out();
        assertThat(run.exit()).as(out).isZero();

        Matcher rebalances = Pattern.compile("rebalances (\\d+) \\(total gas").matcher(out);
        assertThat(rebalances.find()).as(out).isTrue();
        assertThat(Integer.parseInt(rebalances.group(1))).as("keeper rebalances").isGreaterThanOrEqualTo(1);
        assertThat(out).contains("within the band");
        // the summary line is folded at 160 columns: any space may be a line break
        assertThat(out).containsPattern("(?s)manipulation\\s+attempt:\\s+vault\\s+reverted\\s+it\\s+\\(SpotTwapDeviation\\(.*?\\)\\),"
                + "\\s+keeper\\s+refused\\s+to\\s+trade");
        assertThat(out).contains("ATTACK: the keeper sent nothing: refusing to trade: manipulation suspected");
        readableOutput(out);

        assertThat(ProcessHandle.current().descendants()
                        .filter(p -> p.info().command().map(c -> c.endsWith("anvil")).orElse(false))
                        .filter(ProcessHandle::isAlive))
                .as("anvil processes left behind").isEmpty();
    }

    /** Days of chain time: the stablecoin's feed, whose price never moves, must still be posted within its heartbeat. */
    @Test
    void aRunLongerThanAFeedHeartbeatKeepsEveryPrice() {
        Run run = demo("--steps", "6", "--speed", "21600", "--seed", "3", "--plain");
        assertThat(run.out()).doesNotContain("QuorumNotMet").doesNotContain("StalePrice").contains("ballast demo: seed 3");
        assertThat(run.exit()).as(run.out()).isZero();
    }

    /** The market on the real Uniswap V3 and Balancer V2 beside the Ballast pool: the arbitrageur keeps each in line. */
    @Test
    void withUniswapV3AndBalancerEveryVenueEndsAtTheFeedPrices() {
        Run run = demo("--steps", "8", "--seed", "2", "--plain", "--venues", "ballast,univ3,balancer");
        String out = run.out();
        assertThat(run.exit()).as(out).isZero();
        assertThat(out).contains("venues ballast,univ3,balancer").contains("deploying univ3 and balancer from their npm artifacts");
        Matcher line = Pattern.compile("(univ3|balancer) (\\w+)/USDC 0\\.3% +pool +([\\d,.]+) +feed +([\\d,.]+) +\\((-?[\\d.]+)%\\)").matcher(out);
        int venues = 0;
        while (line.find()) {
            venues++;
            // V3 stops exactly at its price limit; Balancer lands within its 0.3% fee
            assertThat(Math.abs(Double.parseDouble(line.group(5)))).as(line.group()).isLessThan(0.5);
        }
        assertThat(venues).as(out).isEqualTo(4); // WETH and WBTC on a V3 pool each and on the Balancer pool
        assertThat(out).contains("within the band");
    }

    @Test
    void anUnknownVenueIsRefusedAsBadInput() {
        Run run = demo("--steps", "2", "--venues", "ballast,curve");
        assertThat(run.exit()).isEqualTo(2);
    }

    /** Issue 18 §4: what a newcomer reads in the demo's output. */
    private static void readableOutput(String out) {
        List<String> lines = out.lines().toList();
        assertThat(lines.getFirst()).as("header of a --steps run").contains("24 market steps").doesNotContain(" 45 s");
        for (String line : lines) {
            assertThat(line.length()).as("fits 160 columns: " + line).isLessThanOrEqualTo(160);
            boolean progress = line.matches("\\s+\\[\\s*[\\d.]+s\\] .*"); // "[  8.9s] deploying ...": a stage, not a cut
            if (!progress) assertThat(line).as("nothing cut off").doesNotContain("...").doesNotContain("…");
        }
        // assets by name, never by index or address
        assertThat(out).doesNotContainPattern("asset #?\\d")
                .containsPattern("max drift \\d+\\.\\d\\d% \\((USDC|WETH|WBTC)\\)");
        assertThat(out).doesNotContainPattern("(?i)" + "asset=0x");
        // every percent the keeper prints with at most 2 decimals
        assertThat(out).doesNotContainPattern("\\d\\.\\d{3,}%");
        // a band vault's rebalance is a BAND rebalance, whatever the calendar says
        assertThat(out).contains("rebalance (BAND)").doesNotContain("BAND_AND_CALENDAR");
        // a market shock is printed before what the keeper made of it in the same block
        Matcher shock = Pattern.compile("block (\\d+) market shock").matcher(out);
        int shocks = 0;
        while (shock.find()) {
            shocks++;
            int keeper = out.indexOf("block " + shock.group(1) + " keeper");
            if (keeper >= 0) assertThat(shock.start()).as("shock of block " + shock.group(1) + " first").isLessThan(keeper);
        }
        assertThat(shocks).as("seed 1 has a shock in 24 steps").isPositive();
        // the attack's setup drift is explained when the market's drift returns
        Matcher setup = Pattern.compile("ATTACK setup: .* \\(drift (\\d+\\.\\d\\d%)\\)").matcher(out);
        assertThat(setup.find()).as(out).isTrue();
        String unfolded = out.replaceAll("\n {6}", " "); // event lines folded at 160 columns, joined again
        assertThat(unfolded).containsPattern("ATTACK over: .*from the setup's " + Pattern.quote(setup.group(1))
                + " back to the market's \\d+\\.\\d\\d%");
    }

    private record Run(int exit, String out) {}

    private static Run demo(String... args) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = BallastCli.execute(prepend("demo", args));
            return new Run(exit, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
