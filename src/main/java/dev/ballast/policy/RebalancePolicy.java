package dev.ballast.policy;

import static dev.ballast.policy.FixedPoint.WAD;

import java.util.Optional;

/**
 * The rebalancing decision, shared by the keeper and the backtester: given {@link PolicyParams} and a
 * {@link PortfolioSnapshot}, {@link #decide} says whether to rebalance now and with which swaps.
 *
 * <p>Checks, in order (the first that fails is the verdict): the portfolio has value; the mode's trigger holds
 * (band strictly exceeded and/or calendar interval elapsed); the cooldown has passed; there is something to trade;
 * some leg reaches the minimum trade value; the gas cost does not exceed the benefit, where
 * {@code benefit = floor(correctionBenefit × (misplaced value before − misplaced value after))} and gas cost is
 * rounded up. Pure and deterministic: the same inputs give an equal decision.
 */
public final class RebalancePolicy {
    private final PolicyParams params;

    public RebalancePolicy(PolicyParams params) {
        if (params == null) throw new InvalidPolicyException("params", null, "is required");
        this.params = params;
    }

    public PolicyParams params() {
        return params;
    }

    /** Whether the calendar interval has elapsed at the snapshot (always false in pure BAND mode). */
    public boolean calendarElapsed(PortfolioSnapshot snapshot) {
        return params.calendarInterval() > 0 && snapshot.secondsSinceRebalance() >= params.calendarInterval();
    }

    /** Whether some weight is strictly outside {@code target ± band}. */
    public boolean bandBreached(Drift drift) {
        return drift.maxAbs() > params.band();
    }

    /**
     * Whether the mode's trigger holds for this drift at {@code now}: false exactly when {@link #decide} would say
     * NOT_DUE for a snapshot with these values, time and last rebalance. A replay that has the drift already skips
     * building a snapshot on the (many) bars where nothing is due; the decision is the same.
     */
    public boolean due(Drift drift, long now, long lastRebalanceTime) {
        return due(drift.maxAbs(), now, lastRebalanceTime);
    }

    /** {@link #due(Drift, long, long)} from the drift's {@link Drift#maxAbs()} alone ({@link Drift#maxAbs(long[], long[])}). */
    public boolean due(long maxAbsDrift, long now, long lastRebalanceTime) {
        boolean calendar = params.calendarInterval() > 0
                && Math.subtractExact(now, lastRebalanceTime) >= params.calendarInterval();
        return params.mode().isDue(maxAbsDrift > params.band(), calendar);
    }

    /** Whether the cooldown since the last rebalance still runs; as on chain, never before the first rebalance. */
    public boolean inCooldown(PortfolioSnapshot snapshot) {
        return snapshot.lastRebalanceTime() != 0 && snapshot.secondsSinceRebalance() < params.cooldown();
    }

    /**
     * The error the vault's {@code rebalance} reverts with before it looks at any leg, checked in the vault's order
     * (cooldown, then Drift.checkDue): "CooldownActive" or a {@link RebalanceMode.NotDue} name; empty when the vault
     * goes on to check the legs. For a portfolio with value, it is present exactly when {@link #decide} says
     * NOT_DUE or COOLDOWN (the policy reports the two in its own order).
     */
    public Optional<String> vaultRefusal(PortfolioSnapshot snapshot) {
        if (inCooldown(snapshot)) return Optional.of("CooldownActive");
        return params.mode().unmet(bandBreached(Drift.of(snapshot)), calendarElapsed(snapshot)).map(Enum::name);
    }

    public Decision decide(PortfolioSnapshot snapshot) {
        Drift before = Drift.of(snapshot);
        long nav = snapshot.nav();
        boolean band = bandBreached(before);
        boolean calendar = calendarElapsed(snapshot);
        Trigger trigger = Trigger.of(params.mode(), band, calendar);
        if (nav == 0) return skip(Verdict.EMPTY_PORTFOLIO, trigger, before);
        if (!params.mode().isDue(band, calendar)) {
            return skip(Verdict.NOT_DUE, trigger, before);
        }
        if (inCooldown(snapshot)) return skip(Verdict.COOLDOWN, trigger, before);

        LegPlanner.Planned planned = LegPlanner.plan(snapshot, nav, params);
        if (planned.largestLeg() == 0) return skip(Verdict.AT_TARGET, trigger, before);
        int swaps = planned.legs().size();
        if (swaps == 0) {
            return new Decision(Verdict.BELOW_MIN_TRADE, trigger, before, before, TradePlan.EMPTY, 0,
                    planned.misplacedBefore(), 0, 0, planned.largestLeg());
        }
        long gasCost = snapshot.gas().cost(planned.calls(), swaps);
        long benefit = FixedPoint.mulDivDown(
                planned.misplacedBefore() - planned.misplacedAfter(), params.correctionBenefit(), WAD);
        if (gasCost > benefit) {
            return new Decision(Verdict.GAS_EXCEEDS_BENEFIT, trigger, before, before, TradePlan.EMPTY, swaps,
                    planned.misplacedBefore(), gasCost, benefit, planned.largestLeg());
        }
        Drift after = Drift.of(planned.valuesAfter(), snapshot.targets());
        return new Decision(Verdict.REBALANCE, trigger, before, after, new TradePlan(planned.legs()), swaps,
                planned.misplacedBefore(), gasCost, benefit, planned.largestLeg());
    }

    private static Decision skip(Verdict verdict, Trigger trigger, Drift before) {
        return new Decision(verdict, trigger, before, before, TradePlan.EMPTY, 0, 0, 0, 0, 0);
    }
}
