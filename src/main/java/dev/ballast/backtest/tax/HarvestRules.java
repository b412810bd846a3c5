package dev.ballast.backtest.tax;

import java.util.Map;

/**
 * When to harvest tax losses.
 *
 * @param minLossFraction a lot qualifies when its loss is at least this fraction of its basis (0.05 = 5%)
 * @param minLoss          ... and at least this amount (filters out lots too small to matter)
 * @param substitutes      asset -> similar but not identical asset to hold meanwhile (e.g. ETH -> stETH), so the
 *                         portfolio keeps its exposure without a wash sale
 * @param withoutSubstitute harvest assets with no substitute too, leaving the proceeds in cash; the result then says
 *                          until when the asset must not be bought back
 */
public record HarvestRules(double minLossFraction, double minLoss, Map<String, String> substitutes,
                           boolean withoutSubstitute) {
    public HarvestRules {
        if (!(minLossFraction >= 0 && minLossFraction < 1)) {
            throw new IllegalArgumentException("minLossFraction = " + minLossFraction + ": must be in [0, 1)");
        }
        if (!(minLoss >= 0)) {
            throw new IllegalArgumentException("minLoss = " + minLoss + ": must be >= 0");
        }
        substitutes = Map.copyOf(substitutes);
        substitutes.forEach((a, s) -> {
            if (a.equals(s)) {
                throw new IllegalArgumentException("substitute for " + a + " must be a different asset");
            }
        });
    }

    /** Lots down 5% or more, substitutes as given, no cash harvesting. */
    public static HarvestRules withSubstitutes(Map<String, String> substitutes) {
        return new HarvestRules(0.05, 0, substitutes, false);
    }
}
