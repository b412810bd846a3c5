package dev.ballast.config;

/**
 * The {@code routing} section: how the keeper executes a leg across the vault's venues (README "Best execution in the
 * keeper"). The keeper turns it into the pure router's {@code RoutingParams}.
 *
 * @param sliceImpactBps a leg whose price impact at once is above this many bps is cut into the fewest equal slices
 *                       that bring one slice under it, one slice per vault rebalance; 0 never slices
 * @param maxSlices      most slices one leg is cut into (the bound may then stay unmet: the keeper takes this many)
 * @param maxSplitVenues most venues one leg is split across in one call (1: the single best venue, never split)
 */
public record RoutingConfig(long sliceImpactBps, int maxSlices, int maxSplitVenues) {
    public static final RoutingConfig DEFAULTS = new RoutingConfig(0, 8, 3);

    /** Reads the section (optional; absent keys take {@link #DEFAULTS}). Bad values are the reader's problems. */
    static RoutingConfig read(Section s) {
        RoutingConfig d = DEFAULTS;
        Long bound = s.optional("sliceImpactBps", Values.integer(0, 10_000), d.sliceImpactBps());
        Long slices = s.optional("maxSlices", Values.integer(1, 64), (long) d.maxSlices());
        Long venues = s.optional("maxSplitVenues", Values.integer(1, 6), (long) d.maxSplitVenues());
        return new RoutingConfig(bound == null ? d.sliceImpactBps() : bound,
                slices == null ? d.maxSlices() : slices.intValue(), venues == null ? d.maxSplitVenues() : venues.intValue());
    }
}
