package dev.ballast.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link RebalancePolicy#due}, the replay's shortcut, is false exactly when {@link RebalancePolicy#decide} says NOT_DUE. */
class RebalancePolicyDueTest {
    @Test
    void dueAgreesWithDecideInEveryMode() {
        SplittableRandom rnd = new SplittableRandom(18);
        long[] targets = {FixedPoint.WAD / 4, FixedPoint.WAD / 4, FixedPoint.WAD / 2};
        int notDue = 0;
        int due = 0;
        for (RebalanceMode mode : RebalanceMode.values()) {
            for (int k = 0; k < 2_000; k++) {
                PolicyParams p = PolicyParams.builder().mode(mode).band(FixedPoint.WAD / 100 * (1 + rnd.nextInt(10)))
                        .calendarInterval(mode == RebalanceMode.BAND ? 0 : 86_400L * (1 + rnd.nextInt(60)))
                        .cooldown(rnd.nextInt(3) * 3_600L).build();
                long[] values = {rnd.nextLong(1, 1_000_000_000L), rnd.nextLong(1, 1_000_000_000L),
                        rnd.nextLong(1, 2_000_000_000L)};
                long last = 1_700_000_000L;
                long now = last + rnd.nextLong(0, 90L * 86_400);
                List<Asset> assets = new ArrayList<>();
                for (int i = 0; i < values.length; i++) assets.add(Asset.valued("A" + i, values[i], targets[i]));
                PortfolioSnapshot snapshot = new PortfolioSnapshot(assets, now, last, new GasQuote(0, 0, 0, 0));
                RebalancePolicy policy = new RebalancePolicy(p);
                boolean shortcut = policy.due(Drift.of(values, targets), now, last);
                assertThat(shortcut).as(mode + " " + p + " " + java.util.Arrays.toString(values) + " at " + now)
                        .isEqualTo(policy.decide(snapshot).verdict() != Verdict.NOT_DUE);
                if (shortcut) due++; else notDue++;
            }
        }
        assertThat(due).isGreaterThan(500);
        assertThat(notDue).isGreaterThan(500);
    }
}
