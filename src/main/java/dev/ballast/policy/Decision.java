package dev.ballast.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The policy's answer for one snapshot. Pure data; {@link #explain()} renders the one log line the keeper writes.
 *
 * @param verdict        rebalance, or the one reason not to
 * @param trigger        which due conditions held (whatever the mode made of them)
 * @param before         drift at the snapshot
 * @param expectedAfter  drift once the plan executed at snapshot prices without cost ({@code before} when skipped)
 * @param plan           the swaps to execute; empty unless the verdict is {@link Verdict#REBALANCE}
 * @param proposedSwaps  swaps the plan had before a gas or minimum-trade skip (equals {@code plan.swaps()} otherwise)
 * @param misplacedValue value (value units) that would have to move to reach the targets exactly
 * @param gasCost        expected gas cost of the proposed plan, value units (0 when no plan was made)
 * @param benefit        value of the drift the proposed plan removes, value units (0 when no plan was made)
 * @param largestLeg     largest leg before the minimum-trade filter, value units (0 when no plan was made)
 */
public record Decision(
        Verdict verdict,
        Trigger trigger,
        Drift before,
        Drift expectedAfter,
        TradePlan plan,
        int proposedSwaps,
        long misplacedValue,
        long gasCost,
        long benefit,
        long largestLeg) {

    /** Whether the keeper should execute {@link #plan()} now. */
    public boolean rebalance() {
        return verdict.isRebalance();
    }

    /** One human-readable line: the verdict, its reason and the numbers behind it. */
    public String explain() {
        String drift = "max drift " + percent(before.maxAbs()) + " (asset #" + before.worstAsset() + ")";
        return switch (verdict) {
            case REBALANCE -> "rebalance (" + trigger + "): " + drift + " -> " + percent(expectedAfter.maxAbs())
                    + ", " + plan.swaps() + " swaps in " + plan.calls() + " calls moving "
                    + ValueUnits.toDecimal(plan.totalValue())
                    + ", gas " + ValueUnits.toDecimal(gasCost) + " <= benefit " + ValueUnits.toDecimal(benefit);
            case EMPTY_PORTFOLIO -> "skip: portfolio is empty";
            case NOT_DUE -> "skip: not due (conditions: " + trigger + "), " + drift;
            case COOLDOWN -> "skip: cooldown after last rebalance, " + drift;
            case AT_TARGET -> "skip: due (" + trigger + ") but already at target";
            case BELOW_MIN_TRADE -> "skip: due (" + trigger + ") but largest leg " + ValueUnits.toDecimal(largestLeg)
                    + " is below the minimum trade, " + drift;
            case GAS_EXCEEDS_BENEFIT -> "skip: due (" + trigger + ") but gas " + ValueUnits.toDecimal(gasCost)
                    + " for " + proposedSwaps + " swaps exceeds benefit " + ValueUnits.toDecimal(benefit) + ", " + drift;
        };
    }

    /** A fraction as a percent with 2 decimals, "10.84%": more digits are noise in a log line a person reads. */
    private static String percent(long wad) {
        return BigDecimal.valueOf(wad, 16).setScale(2, RoundingMode.HALF_EVEN).toPlainString() + "%";
    }
}
