package dev.ballast.venue;

/**
 * How the router may execute a leg.
 *
 * @param sliceImpactBps slice the leg over vault calls when trading it at once costs more than this much price impact
 *                       (bps, against the best venue's marginal price); 0 never slices
 * @param maxSlices      most slices a leg is cut into
 * @param gasPerCall     gas of one more vault call (what each extra slice pays besides its swaps)
 * @param maxSplitVenues most venues one leg is split across
 */
public record RoutingParams(long sliceImpactBps, int maxSlices, long gasPerCall, int maxSplitVenues) {
    /** One venue at once, never sliced: the keeper's behaviour before routing. */
    public static final RoutingParams SINGLE_AT_ONCE = new RoutingParams(0, 1, 0, 1);

    public RoutingParams {
        if (sliceImpactBps < 0) throw new IllegalArgumentException("sliceImpactBps must be >= 0, got " + sliceImpactBps);
        if (maxSlices < 1) throw new IllegalArgumentException("maxSlices must be >= 1, got " + maxSlices);
        if (gasPerCall < 0) throw new IllegalArgumentException("gasPerCall must be >= 0, got " + gasPerCall);
        if (maxSplitVenues < 1 || maxSplitVenues > 6) {
            throw new IllegalArgumentException("maxSplitVenues must be in [1, 6], got " + maxSplitVenues);
        }
    }
}
