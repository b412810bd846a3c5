package dev.ballast.backtest.tax;

import java.util.List;

/**
 * What a set of sales would realize and cost in tax, previewed without changing the book.
 *
 * @param taxCost marginal tax of these sales given what was already realized in the tax year (negative: the
 *                sales save tax by realizing losses against earlier gains)
 */
public record SaleQuote(List<Disposal> disposals, RealizedGains gains, double taxCost) {
    public SaleQuote {
        disposals = List.copyOf(disposals);
    }

    public double proceeds() {
        return disposals.stream().mapToDouble(Disposal::proceeds).sum();
    }
}
