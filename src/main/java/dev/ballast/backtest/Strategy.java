package dev.ballast.backtest;

import dev.ballast.policy.PolicyParams;

/** What a backtest replays. {@link Strategies} builds the usual set. */
public sealed interface Strategy {
    /** Name shown in reports. */
    String name();

    /** Invest at the targets on the first bar, never trade again. */
    record BuyAndHold(String name) implements Strategy {}

    /** Replay {@link dev.ballast.policy.RebalancePolicy} with these parameters on every bar. */
    record Rebalancing(String name, PolicyParams params) implements Strategy {
        public Rebalancing {
            if (params == null) throw new IllegalArgumentException(name + ": params are required");
        }
    }

    /**
     * Hold a share of a frictionless-arbitrage weighted pool at the target weights.
     *
     * @param swapFee     fee the pool charges on each swap's input, fraction (0.003 = 0.3%)
     * @param dailyVolume non-arbitrage volume the pool sees per day, fraction of its value; it earns {@code swapFee}
     */
    record PassivePool(String name, double swapFee, double dailyVolume) implements Strategy {
        public PassivePool {
            if (!(swapFee >= 0 && swapFee < 1)) throw new IllegalArgumentException(name + ": swapFee " + swapFee);
            if (!(dailyVolume >= 0)) throw new IllegalArgumentException(name + ": dailyVolume " + dailyVolume);
        }
    }
}
