package dev.ballast.backtest.tax;

/**
 * Units of one lot sold.
 *
 * @param disallowedLoss part of a loss the wash-sale rule did not allow now (>= 0; moved into the replacement lot's
 *                       basis, so it is deferred, not lost)
 */
public record Disposal(long lotId, String asset, double quantity, double proceeds, double costBasis, long acquiredAt,
                       long holdingStart, long soldAt, Term term, double disallowedLoss) {

    /** Economic gain: proceeds minus basis (negative for a loss). */
    public double gain() {
        return proceeds - costBasis;
    }

    /** Gain that counts for tax now: the economic gain with any disallowed loss added back. */
    public double recognizedGain() {
        return gain() + disallowedLoss;
    }

    public boolean isLoss() {
        return gain() < 0;
    }

    Disposal withMoreDisallowed(double extra) {
        return new Disposal(lotId, asset, quantity, proceeds, costBasis, acquiredAt, holdingStart, soldAt, term,
                disallowedLoss + extra);
    }
}
