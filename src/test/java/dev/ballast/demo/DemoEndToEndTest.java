package dev.ballast.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.cli.BallastCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
        assertThat(out).containsPattern("manipulation attempt: vault reverted it \\(SpotTwapDeviation\\(.*\\)\\), keeper refused to trade");
        assertThat(out).contains("ATTACK: the keeper sent nothing: refusing to trade: manipulation suspected");

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
