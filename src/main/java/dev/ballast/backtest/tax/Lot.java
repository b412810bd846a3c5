package dev.ballast.backtest.tax;

/**
 * Units of one asset bought together.
 *
 * @param costBasis      total basis of the lot, including any loss a wash sale deferred into it
 * @param acquiredAt     epoch seconds of the purchase
 * @param holdingStart   start of the holding period: {@code acquiredAt}, or earlier when a wash sale carried over
 *                       the holding period of the lot it replaced
 * @param washReplacement true if these units already absorbed a disallowed loss (a unit can replace only once)
 */
public record Lot(long id, String asset, double quantity, double costBasis, long acquiredAt, long holdingStart,
                  boolean washReplacement) {

    public Lot {
        if (!(quantity > 0) || Double.isInfinite(quantity)) {
            throw new IllegalArgumentException("lot " + id + " quantity = " + quantity + ": must be finite and > 0");
        }
        if (!(costBasis >= 0) || Double.isInfinite(costBasis)) {
            throw new IllegalArgumentException("lot " + id + " costBasis = " + costBasis + ": must be finite and >= 0");
        }
    }

    public double costPerUnit() {
        return costBasis / quantity;
    }

    /** Gain if the whole lot were sold at {@code price}; negative for a loss. */
    public double unrealizedGain(double price) {
        return quantity * price - costBasis;
    }

    /** The first {@code part} units as a lot with {@code newId}, basis pro rata. */
    Lot take(double part, long newId) {
        return new Lot(newId, asset, part, costBasis * (part / quantity), acquiredAt, holdingStart, washReplacement);
    }

    /** What is left after {@link #take}. */
    Lot minus(double part) {
        return new Lot(id, asset, quantity - part, costBasis * ((quantity - part) / quantity), acquiredAt, holdingStart,
                washReplacement);
    }

    Lot absorbingWashLoss(double disallowedLoss, long carriedHoldingSeconds) {
        return new Lot(id, asset, quantity, costBasis + disallowedLoss, acquiredAt, acquiredAt - carriedHoldingSeconds,
                true);
    }
}
