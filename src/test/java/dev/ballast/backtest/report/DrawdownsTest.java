package dev.ballast.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class DrawdownsTest {
    @Test
    void episodesByHandDeepestFirstWithAnUnrecoveredOneAtTheEnd() {
        // bar:       0    1   2    3    4    5   6    7   8
        double[] nav = {100, 80, 90, 110, 99, 120, 60, 70, 100};
        // 100 -> 80 (20%), recovered at bar 3; 110 -> 99 (10%), recovered at bar 5; 120 -> 60 (50%), not recovered
        List<Drawdowns.Episode> e = Drawdowns.largest(nav, 5);
        assertThat(e).hasSize(3);
        assertThat(e.get(0)).isEqualTo(new Drawdowns.Episode(0.5, 5, 6, -1));
        assertThat(e.get(1).depth()).isCloseTo(0.2, within(1e-12));
        assertThat(List.of(e.get(1).peak(), e.get(1).trough(), e.get(1).recovery())).containsExactly(0, 1, 3);
        assertThat(e.get(2).depth()).isCloseTo(0.1, within(1e-12));
        assertThat(List.of(e.get(2).peak(), e.get(2).trough(), e.get(2).recovery())).containsExactly(3, 4, 5);
        assertThat(Drawdowns.largest(nav, 1)).hasSize(1);
        assertThat(Drawdowns.largest(new double[] {1, 2, 3}, 3)).isEmpty();
    }
}
