package dev.ballast.backtest.tax;

/** A sale a rebalance wants to make: {@code quantity} units of {@code asset} at {@code unitPrice}. */
public record ProposedSale(String asset, double quantity, double unitPrice) {
    public ProposedSale {
        if (!(quantity > 0) || !(unitPrice >= 0)) {
            throw new IllegalArgumentException("sale of " + asset + ": quantity " + quantity + " must be > 0 and price "
                    + unitPrice + " >= 0");
        }
    }

    public static ProposedSale ofValue(String asset, double value, double unitPrice) {
        return new ProposedSale(asset, value / unitPrice, unitPrice);
    }
}
