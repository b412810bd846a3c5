package dev.ballast.backtest.tax;

/**
 * How a backtest accounts for tax. With settings present, the engine keeps a {@link LotBook} of every trade it makes
 * (the opening purchase, each rebalance's swaps, gas paid out of the holdings) and reports realized gains and tax.
 * Tracking lots alone never changes a trade; the two options below do.
 *
 * @param lots     which lots a sale consumes (FIFO, LIFO, HIFO, least tax first); see {@link #saleOrder()}
 * @param rules    long-term holding period and wash-sale window
 * @param rates    short- and long-term rates
 * @param harvest  tax-loss harvesting during rebalances, or {@code null} for none. When on: each rebalance first
 *                 sells lots standing at a loss of assets that have a substitute and buys the substitute (as
 *                 {@link TaxLossHarvester} does, skipping sales a recent purchase would wash); a rebalance's own
 *                 sales take lots at a loss first; a rebalance buy that would wash a recent loss goes to the
 *                 asset's substitute, or is left out (its leg is not traded) when there is none; a substitute is
 *                 switched back to its asset at the first rebalance at which that no longer washes a loss.
 *                 Cash harvesting ({@link HarvestRules#withoutSubstitute()}) is not offered: the engine holds no cash.
 * @param taxAware sell lots least tax first ({@link LotSelection#MIN_TAX}: losses, then long-term gains) and defer a
 *                 rebalance whose tax cost exceeds its risk benefit net of gas (the rule is stated in
 *                 {@code dev.ballast.backtest.TaxedTrading})
 */
public record TaxSettings(LotSelection lots, TaxRules rules, TaxRates rates, HarvestRules harvest, boolean taxAware) {

    public TaxSettings {
        if (lots == null) throw new IllegalArgumentException("tax lots: a lot selection is required");
        if (rules == null || rates == null) throw new IllegalArgumentException("tax rules and rates are required");
        if (harvest != null && harvest.withoutSubstitute()) {
            throw new IllegalArgumentException("tax-loss harvesting into cash is not supported by the engine (it holds "
                    + "no cash): harvest into substitutes, or leave the loss lots to the rebalance's sales");
        }
    }

    /** Lots tracked and taxed, trades unchanged. */
    public static TaxSettings lotsOnly(LotSelection lots, TaxRules rules, TaxRates rates) {
        return new TaxSettings(lots, rules, rates, null, false);
    }

    public TaxSettings withHarvest(HarvestRules harvestRules) {
        return new TaxSettings(lots, rules, rates, harvestRules, taxAware);
    }

    public TaxSettings withTaxAware(boolean on) {
        return new TaxSettings(lots, rules, rates, harvest, on);
    }

    public boolean harvesting() {
        return harvest != null;
    }

    /** Whether any option can change the trades (false: the run trades exactly as an untaxed one). */
    public boolean changesTrades() {
        return harvesting() || taxAware;
    }

    /** The lot order of a rebalance's sales: least tax first when tax-aware, else the configured one. */
    public LotSelection saleOrder() {
        return taxAware ? LotSelection.MIN_TAX : lots;
    }

    /** A short label for reports, e.g. {@code "FIFO + harvest + tax-aware"}. */
    public String label() {
        return lots + (harvesting() ? " + harvest" : "") + (taxAware ? " + tax-aware" : "");
    }
}
