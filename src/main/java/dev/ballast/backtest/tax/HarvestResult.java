package dev.ballast.backtest.tax;

import java.util.List;

/** What one harvesting pass did. {@code harvestedLoss} is the recognized loss, as a positive amount. */
public record HarvestResult(List<Disposal> sales, List<SubstituteBuy> buys, List<BuyBlock> blocked,
                            double harvestedLoss) {
    public HarvestResult {
        sales = List.copyOf(sales);
        buys = List.copyOf(buys);
        blocked = List.copyOf(blocked);
    }

    /** Proceeds of selling {@code from} put into {@code to}. */
    public record SubstituteBuy(String from, String to, double value, List<Lot> lots) {
        public SubstituteBuy {
            lots = List.copyOf(lots);
        }
    }

    /** {@code asset} was harvested into cash: buying it before {@code until} (epoch seconds) would wash the loss. */
    public record BuyBlock(String asset, long until) {
    }
}
