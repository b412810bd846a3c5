package dev.ballast.policy;

import static dev.ballast.policy.FixedPoint.WAD;

/**
 * What the owner decided: when to rebalance, how much to trade at once, and what a rebalance is worth.
 *
 * <p>Fractions are 18-decimal fixed point ({@code 1e18 = 100%}), values are {@link ValueUnits}.
 *
 * @param mode               which trigger makes a rebalance due (mirrors the vault)
 * @param band               largest tolerated |weight − target|, a fraction of NAV; breached when strictly exceeded
 * @param calendarInterval   seconds between calendar rebalances (must be positive when the mode uses the calendar)
 * @param cooldown           seconds after a rebalance during which no other one starts, whatever the trigger (as on
 *                           chain, no cooldown applies before the first rebalance, {@code lastRebalanceTime == 0})
 * @param minTradeValue      a leg worth less than this is not traded (its drift is left in place)
 * @param maxTradeFraction   largest value one vault call may sell, as a fraction of NAV; a larger plan is split
 *                           across several calls
 * @param maxSlippage        worst accepted shortfall of what a swap returns against its value at snapshot prices
 * @param correctionBenefit  what the owner would pay, as a fraction, for each unit of value put back where the
 *                           targets say: a rebalance's benefit is {@code correctionBenefit × (misplaced value before −
 *                           misplaced value after)}, and it is skipped when its gas costs more
 */
public record PolicyParams(
        RebalanceMode mode,
        long band,
        long calendarInterval,
        long cooldown,
        long minTradeValue,
        long maxTradeFraction,
        long maxSlippage,
        long correctionBenefit) {

    public PolicyParams {
        if (mode == null) throw new InvalidPolicyException("mode", null, "is required");
        if (band <= 0 || band >= WAD) throw new InvalidPolicyException("band", band, "must be in (0, 1e18)");
        boolean usesCalendar = mode != RebalanceMode.BAND;
        if (calendarInterval < 0 || (usesCalendar && calendarInterval == 0)) {
            throw new InvalidPolicyException(
                    "calendarInterval", calendarInterval, "must be positive seconds in mode " + mode);
        }
        if (cooldown < 0) throw new InvalidPolicyException("cooldown", cooldown, "must be >= 0 seconds");
        if (minTradeValue < 0) throw new InvalidPolicyException("minTradeValue", minTradeValue, "must be >= 0");
        if (maxTradeFraction <= 0 || maxTradeFraction > WAD) {
            throw new InvalidPolicyException("maxTradeFraction", maxTradeFraction, "must be in (0, 1e18]");
        }
        if (maxSlippage < 0 || maxSlippage >= WAD) {
            throw new InvalidPolicyException("maxSlippage", maxSlippage, "must be in [0, 1e18)");
        }
        if (correctionBenefit < 0) {
            throw new InvalidPolicyException("correctionBenefit", correctionBenefit, "must be >= 0");
        }
    }

    /**
     * A builder starting from permissive defaults: mode BAND, band 5%, no cooldown, no minimum trade, the whole NAV per
     * swap, 1% slippage, and a correction worth 1% of the value it moves.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A copy to change a few fields. */
    public Builder toBuilder() {
        return new Builder()
                .mode(mode)
                .band(band)
                .calendarInterval(calendarInterval)
                .cooldown(cooldown)
                .minTradeValue(minTradeValue)
                .maxTradeFraction(maxTradeFraction)
                .maxSlippage(maxSlippage)
                .correctionBenefit(correctionBenefit);
    }

    /** Fluent construction; {@link #build()} validates. */
    public static final class Builder {
        private RebalanceMode mode = RebalanceMode.BAND;
        private long band = WAD / 20;
        private long calendarInterval;
        private long cooldown;
        private long minTradeValue;
        private long maxTradeFraction = WAD;
        private long maxSlippage = WAD / 100;
        private long correctionBenefit = WAD / 100;

        private Builder() {}

        public Builder mode(RebalanceMode v) { mode = v; return this; }
        public Builder band(long v) { band = v; return this; }
        public Builder calendarInterval(long v) { calendarInterval = v; return this; }
        public Builder cooldown(long v) { cooldown = v; return this; }
        public Builder minTradeValue(long v) { minTradeValue = v; return this; }
        public Builder maxTradeFraction(long v) { maxTradeFraction = v; return this; }
        public Builder maxSlippage(long v) { maxSlippage = v; return this; }
        public Builder correctionBenefit(long v) { correctionBenefit = v; return this; }

        public PolicyParams build() {
            return new PolicyParams(
                    mode, band, calendarInterval, cooldown, minTradeValue, maxTradeFraction, maxSlippage,
                    correctionBenefit);
        }
    }
}
