package dev.ballast.backtest;

import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.policy.Decision;
import dev.ballast.policy.Drift;
import dev.ballast.policy.FixedPoint;
import dev.ballast.policy.PolicyParams;
import dev.ballast.policy.RebalancePolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lean replay ({@link PolicyReplay#measure}) of many untaxed rebalancing strategies over one price series at
 * once, valuing each distinct portfolio once per bar instead of once per strategy. A sweep's settings mostly hold
 * the same quantities: all of them until their first trade, and settings that trade on the same bar from the same
 * holdings end up with the same holdings again (the plan depends on the snapshot and on the parameters in
 * {@link PlanKey}, not on the band, mode or interval that made the rebalance due).
 *
 * <p>So the replay keeps {@link Branch}es: holdings, last rebalance time, a pending next-bar decision and a
 * {@link Recorder}, shared by the settings that are in exactly that state. Each bar a branch values its holdings and
 * measures the exact drift once, asks each member's own trigger ({@link RebalancePolicy#due}, after its own check
 * dates) and, when some are due, asks the policy once. If the policy trades, the due members leave together on a
 * copy of the branch that executes the plan; the others stay. A branch's members therefore see exactly what their
 * own {@link PolicyReplay} would, and get its measures (pinned by {@code SharedReplayDifferentialTest}).
 */
final class SharedReplay {
    /** What a due snapshot's decision reads from the parameters besides the trigger: settings equal in it share. */
    private record PlanKey(long cooldown, long minTradeValue, long maxTradeFraction, long maxSlippage,
                           long correctionBenefit) {
        static PlanKey of(PolicyParams p) {
            return new PlanKey(p.cooldown(), p.minTradeValue(), p.maxTradeFraction(), p.maxSlippage(),
                    p.correctionBenefit());
        }
    }

    /** Holdings and their record so far, shared by the settings (indices into the strategy list) in this state. */
    private static final class Branch {
        final double[] q;
        final Recorder rec;
        long lastRebalance;
        Decision pending;
        final int[] members;
        int size;

        Branch(double[] q, Recorder rec, long lastRebalance, int[] members, int size) {
            this.q = q;
            this.rec = rec;
            this.lastRebalance = lastRebalance;
            this.members = members;
            this.size = size;
        }
    }

    private final PriceSeries prices;
    private final BacktestConfig config;
    private final double[] targetReturns;
    private final PolicyReplay replay;
    private final String[] ids;
    private final long[] targets;
    /** Per strategy: its policy, seconds between its check dates (0: every bar), its next check date. */
    private final RebalancePolicy[] policies;
    private final long[] checkEvery;
    private final long[] nextCheck;
    /** Per strategy, whether the current bar is one of its check dates. */
    private final boolean[] checkDate;
    /** Scratch of one bar: a branch's values in policy units, its due members. */
    private final long[] units;
    private final int[] due;
    private final List<Branch> branches = new ArrayList<>();

    SharedReplay(PriceSeries prices, BacktestConfig config, CostModel costs, Execution execution, double[] targetReturns,
                 List<Strategy.Rebalancing> strategies) {
        if (config.taxed()) throw new IllegalArgumentException("a shared replay is untaxed (lots are per strategy)");
        this.prices = prices;
        this.config = config;
        this.targetReturns = targetReturns;
        this.replay = new PolicyReplay(prices, config, costs, execution, targetReturns);
        this.ids = prices.assets().toArray(String[]::new);
        this.targets = config.targets();
        this.units = new long[targets.length];
        int m = strategies.size();
        this.policies = new RebalancePolicy[m];
        this.checkEvery = new long[m];
        this.nextCheck = new long[m];
        this.checkDate = new boolean[m];
        this.due = new int[m];
        for (int s = 0; s < m; s++) {
            policies[s] = new RebalancePolicy(strategies.get(s).params());
            checkEvery[s] = strategies.get(s).checkEvery();
            nextCheck[s] = prices.timestamp(0) + checkEvery[s];
        }
    }

    /** Per strategy, in order, the measures its own lean replay gives. */
    Measures[] measure() {
        Map<PlanKey, List<Integer>> byKey = new LinkedHashMap<>();
        for (int s = 0; s < policies.length; s++) {
            byKey.computeIfAbsent(PlanKey.of(policies[s].params()), k -> new ArrayList<>()).add(s);
        }
        double[] q0 = PolicyReplay.initialHoldings(prices, config);
        for (List<Integer> group : byKey.values()) {
            int[] members = group.stream().mapToInt(Integer::intValue).toArray();
            branches.add(new Branch(q0.clone(), new Recorder("shared", prices, config, targetReturns, false),
                    prices.timestamp(0), members, members.length));
        }
        for (int t = 0; t < prices.size(); t++) {
            checkDates(t);
            // a branch split off during this bar has recorded it already
            for (int k = 0, live = branches.size(); k < live; k++) bar(branches.get(k), t);
        }
        Measures[] out = new Measures[policies.length];
        for (Branch b : branches) {
            Measures measures = b.rec.finish().measures();
            for (int j = 0; j < b.size; j++) out[b.members[j]] = measures;
        }
        return out;
    }

    /** Which strategies look at bar {@code t}: as {@link PolicyReplay}, one check however many dates a gap skipped. */
    private void checkDates(int t) {
        long now = prices.timestamp(t);
        for (int s = 0; s < checkEvery.length; s++) {
            checkDate[s] = checkEvery[s] == 0 || (t > 0 && now >= nextCheck[s]);
            if (checkEvery[s] > 0 && checkDate[s]) while (nextCheck[s] <= now) nextCheck[s] += checkEvery[s];
        }
    }

    /** Bar {@code t} of one branch: value it once, ask each member's trigger, and trade for the due ones. */
    private void bar(Branch b, int t) {
        long now = prices.timestamp(t);
        if (b.pending != null) {
            // decided at the previous bar, mined now: the keeper reads the state after its own transaction
            replay.execute(b.pending, t - 1, t, b.q, b.rec);
            b.lastRebalance = now;
            b.pending = null;
        }
        double navBefore = PolicyReplay.valueUnits(prices, t, b.q, units);
        long drift = Drift.maxAbs(units, targets);
        int dueCount = 0;
        for (int j = 0; j < b.size; j++) {
            int s = b.members[j];
            if (checkDate[s] && policies[s].due(drift, now, b.lastRebalance)) due[dueCount++] = s;
        }
        if (dueCount == 0) {
            record(b, t, drift, navBefore);
        } else {
            decide(b, t, dueCount, navBefore);
        }
    }

    /** Asks the policy once for the {@code dueCount} due members of {@code b}; if it trades, they trade together. */
    private void decide(Branch b, int t, int dueCount, double navBefore) {
        Decision d = policies[due[0]].decide(replay.snapshot(t, ids, units, targets, b.lastRebalance));
        long drift = d.before().maxAbs();
        if (!d.rebalance()) {
            record(b, t, drift, navBefore);
            return;
        }
        Branch traded = dueCount == b.size ? b : split(b, due, dueCount, t, branches);
        if (traded != b) record(b, t, drift, navBefore);
        if (replay.nextBar()) {
            traded.pending = d;
            record(traded, t, drift, navBefore);
        } else {
            replay.execute(d, t, t, traded.q, traded.rec);
            traded.lastRebalance = prices.timestamp(t);
            record(traded, t, drift, PolicyReplay.nav(prices, t, traded.q));
        }
    }

    /** Moves the due members of {@code b} to a copy of it holding bars {@code [0, t)}, appended to {@code branches}. */
    private static Branch split(Branch b, int[] due, int dueCount, int t, List<Branch> branches) {
        Branch copy = new Branch(b.q.clone(), b.rec.branch(t), b.lastRebalance, Arrays.copyOf(due, dueCount), dueCount);
        int kept = 0;
        for (int j = 0, d = 0; j < b.size; j++) {
            // members and due are both in member order
            if (d < dueCount && b.members[j] == due[d]) d++;
            else b.members[kept++] = b.members[j];
        }
        b.size = kept;
        branches.add(copy);
        return copy;
    }

    private static void record(Branch b, int t, long drift, double nav) {
        b.rec.bar(t, drift / (double) FixedPoint.WAD, nav, null);
    }
}
