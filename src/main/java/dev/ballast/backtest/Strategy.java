package dev.ballast.backtest;

import dev.ballast.policy.PolicyParams;

/** What a backtest replays. {@link Strategies} builds the usual set. */
public sealed interface Strategy {
    /** Name shown in reports. */
    String name();

    /** Invest at the targets on the first bar, never trade again. */
    record BuyAndHold(String name) implements Strategy {}

    /**
     * Replay {@link dev.ballast.policy.RebalancePolicy} with these parameters.
     *
     * @param checkEvery 0: the policy is asked on every bar (what a keeper watching every block does); otherwise
     *                   seconds between check dates: the policy is asked only on the first bar at or after each
     *                   {@code first bar + k × checkEvery} (k ≥ 1), and not on the bars between
     */
    record Rebalancing(String name, PolicyParams params, long checkEvery) implements Strategy {
        public Rebalancing {
            if (params == null) throw new IllegalArgumentException(name + ": params are required");
            if (checkEvery < 0) throw new IllegalArgumentException(name + ": checkEvery " + checkEvery + " must be >= 0");
        }

        /** Asked on every bar. */
        public Rebalancing(String name, PolicyParams params) {
            this(name, params, 0);
        }
    }

    /**
     * Hold a share of a frictionless-arbitrage weighted pool at the target weights.
     *
     * @param swapFee     fee the pool charges on each swap's input, fraction (0.003 = 0.3%)
     * @param volume  non-arbitrage volume the pool sees, fraction of its value; it earns {@code swapFee}
     */
    record PassivePool(String name, double swapFee, PoolVolume volume) implements Strategy {
        public PassivePool {
            if (!(swapFee >= 0 && swapFee < 1)) throw new IllegalArgumentException(name + ": swapFee " + swapFee);
            if (volume == null) throw new IllegalArgumentException(name + ": volume is required (PoolVolume.NONE)");
        }

        /** A constant {@code dailyVolume} fraction of the pool's value per day. */
        public PassivePool(String name, double swapFee, double dailyVolume) {
            this(name, swapFee, PoolVolume.constant(dailyVolume));
        }
    }
}
