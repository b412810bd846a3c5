package dev.ballast.policy;

import java.util.List;

/** The swaps of one rebalance in execution order: grouped by vault call, largest gaps first. */
public record TradePlan(List<Leg> legs) {
    /** No swaps. */
    public static final TradePlan EMPTY = new TradePlan(List.of());

    public TradePlan {
        legs = List.copyOf(legs);
    }

    /** Number of swaps over all calls. */
    public int swaps() {
        return legs.size();
    }

    /** Number of vault calls (0 for an empty plan). */
    public int calls() {
        return legs.isEmpty() ? 0 : legs.getLast().calls();
    }

    /** The swaps of call {@code call} (1-based). */
    public List<Leg> call(int call) {
        return legs.stream().filter(leg -> leg.call() == call).toList();
    }

    public boolean isEmpty() {
        return legs.isEmpty();
    }

    /** Total value moved, in value units. */
    public long totalValue() {
        long total = 0;
        for (Leg leg : legs) total = Math.addExact(total, leg.value());
        return total;
    }

    /** {@code values} after every swap executes at snapshot prices with no cost (a new array). */
    public long[] applyTo(long[] values) {
        long[] after = values.clone();
        for (Leg leg : legs) {
            after[leg.sellIndex()] = Math.subtractExact(after[leg.sellIndex()], leg.value());
            after[leg.buyIndex()] = Math.addExact(after[leg.buyIndex()], leg.value());
        }
        return after;
    }
}
