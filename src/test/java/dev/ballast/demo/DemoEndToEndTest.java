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
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exit = BallastCli.execute("demo", "--steps", "24", "--seed", "1", "--attack", "--plain");
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(out).isZero();

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
}
