package dev.ballast.backtest.tax;

import java.util.Comparator;
import java.util.List;

/** Which lots a sale consumes first. (Choosing lots by id is {@link LotBook#sellLots}.) */
public enum LotSelection {
    /** Oldest first: the default of most brokers. */
    FIFO,
    /** Newest first. */
    LIFO,
    /** Highest cost per unit first: the smallest gain (or largest loss) per unit sold, whatever the term. */
    HIFO,
    /**
     * Least tax per unit first at the given rates: short-term losses, then long-term losses, then long-term gains,
     * then short-term gains (each by size). Ties go to the highest cost, then the oldest.
     */
    MIN_TAX;

    private static final Comparator<Lot> OLDEST = Comparator.comparingLong(Lot::acquiredAt).thenComparingLong(Lot::id);

    /** The lots in the order this selection sells them (a new list). */
    public List<Lot> order(List<Lot> lots, double price, long now, TaxRules rules, TaxRates rates) {
        Comparator<Lot> highestCost = Comparator.comparingDouble(Lot::costPerUnit).reversed().thenComparing(OLDEST);
        Comparator<Lot> c = switch (this) {
            case FIFO -> OLDEST;
            case LIFO -> OLDEST.reversed();
            case HIFO -> highestCost;
            case MIN_TAX -> Comparator.<Lot>comparingDouble(l -> taxPerUnit(l, price, now, rules, rates))
                    .thenComparing(highestCost);
        };
        return lots.stream().sorted(c).toList();
    }

    static double taxPerUnit(Lot lot, double price, long now, TaxRules rules, TaxRates rates) {
        return (price - lot.costPerUnit()) * rates.rate(rules.termOf(lot.holdingStart(), now));
    }
}
