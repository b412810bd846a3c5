package dev.ballast.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 18 §4: an event line longer than the live view is folded at word boundaries, never cut. */
class DemoViewFoldTest {
    @Test
    void aLongEventIsFoldedIntoLinesThatFitWithEveryWordKept() {
        String event = "block 177 keeper [refused] refusing to trade: manipulation suspected (SpotTwapDeviation): "
                + "venue spot 0.05630615 is 22.48% away from its TWAP 0.072634934 for WETH/WBTC (bound 5%) ".repeat(4).strip();
        List<String> lines = DemoView.fold(event, DemoView.WIDTH - 4);
        assertThat(lines).hasSizeGreaterThan(1);
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(DemoView.WIDTH - 4));
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l).startsWith("  "));
        assertThat(String.join(" ", lines.stream().map(String::strip).toList())).isEqualTo(event);
    }

    @Test
    void aWordLongerThanTheLineIsSplitNotDropped() {
        String hash = "0x" + "ab".repeat(100);
        List<String> lines = DemoView.fold("tx " + hash, 60);
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(60));
        assertThat(String.join("", lines.stream().map(String::strip).toList())).isEqualTo("tx" + hash);
    }
}
