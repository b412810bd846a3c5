package dev.ballast.backtest.tax;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What tax accounting found over one taxed run.
 *
 * @param settings           the settings the run used
 * @param disposals          every lot sold, in order, with wash-sale disallowances applied
 * @param years              the yearly bills (losses carried forward)
 * @param harvestedLosses    losses realized by harvesting sales (positive amount), as recognized when sold
 * @param deferredRebalances rebalances the policy called for and the tax-aware rule put off (counted per bar)
 * @param blockedBuys        rebalance legs left out because their buy would have washed a recent loss and the asset
 *                           has no substitute
 * @param substituteBuys     rebalance buys routed to a substitute to keep a recent loss allowed
 * @param switchBacks        substitutes sold back into their asset once its wash-sale window had passed
 */
public record TaxOutcome(TaxSettings settings, List<Disposal> disposals, List<TaxYear> years, double harvestedLosses,
                         int deferredRebalances, int blockedBuys, int substituteBuys, int switchBacks) {

    public TaxOutcome {
        disposals = List.copyOf(disposals);
        years = List.copyOf(years);
    }

    public RealizedGains realized() {
        return RealizedGains.of(disposals);
    }

    /** Tax over all years (each year's bill after netting and carried-in losses). */
    public double tax() {
        double sum = 0;
        for (TaxYear y : years) sum += y.bill().total();
        return sum;
    }

    /** Net loss still carried forward after the last year (<= 0). */
    public double lossCarryforward() {
        return years.isEmpty() ? 0 : years.getLast().bill().lossCarryforward();
    }

    /** The figures by display name, in a stable order (appended to a strategy's measures in reports). */
    public Map<String, Double> asMap() {
        RealizedGains g = realized();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("realized ST", g.shortTerm());
        m.put("realized LT", g.longTerm());
        m.put("tax", tax());
        m.put("harvested losses", harvestedLosses);
        m.put("disallowed losses", g.disallowedLosses());
        m.put("loss carryforward", lossCarryforward());
        m.put("deferred rebalances", (double) deferredRebalances);
        m.put("blocked buys", (double) blockedBuys);
        m.put("substitute buys", (double) substituteBuys);
        return m;
    }
}
