package dev.ballast.policy;

/** What the policy decided: rebalance now, or the one reason it does not. Checked in this order. */
public enum Verdict {
    /** Execute the plan. */
    REBALANCE,
    /** The portfolio is worth nothing; there are no weights to correct. */
    EMPTY_PORTFOLIO,
    /** The mode's trigger does not hold (band not breached and/or calendar interval not elapsed). */
    NOT_DUE,
    /** Due, but the last rebalance was less than the cooldown ago. */
    COOLDOWN,
    /** Due, but every weight is already at its target (to the value unit): nothing to trade. */
    AT_TARGET,
    /** Due, but every leg is worth less than the minimum trade value. */
    BELOW_MIN_TRADE,
    /** Due, but the expected gas cost exceeds the value of the drift the plan removes. */
    GAS_EXCEEDS_BENEFIT;

    public boolean isRebalance() {
        return this == REBALANCE;
    }
}
