package dev.ballast.backtest.tax;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Prices the tax of a rebalance's sales before they are made, choosing lots with {@link LotSelection#MIN_TAX}
 * (losses first, then long-term gains, short-term gains last) unless told otherwise, and says whether the
 * rebalance is worth its tax.
 */
public final class TaxAwareSeller {
    private final LotSelection selection;

    public TaxAwareSeller() {
        this(LotSelection.MIN_TAX);
    }

    public TaxAwareSeller(LotSelection selection) {
        this.selection = selection;
    }

    public SaleQuote quote(LotBook book, String asset, double quantity, double unitPrice, long at) {
        return quote(book, List.of(new ProposedSale(asset, quantity, unitPrice)), at);
    }

    /**
     * Tax of making all {@code sales} at {@code at}: the tax bill of the year's gains with the sales minus the bill
     * without them, at the book's rates. Wash sales against recent purchases are included. The book is unchanged.
     */
    public SaleQuote quote(LotBook book, List<ProposedSale> sales, long at) {
        LotBook preview = book.copy();
        List<Disposal> disposals = new ArrayList<>();
        for (ProposedSale s : sales) {
            disposals.addAll(preview.sell(s.asset(), s.quantity(), s.unitPrice(), at, selection));
        }
        int year = Instant.ofEpochSecond(at).atZone(ZoneOffset.UTC).getYear();
        RealizedGains before = book.realizedInYear(year);
        RealizedGains gains = RealizedGains.of(disposals);
        double taxCost = TaxBill.of(before.plus(gains), book.rates()).total() - TaxBill.of(before, book.rates()).total();
        return new SaleQuote(disposals, gains, taxCost);
    }

    /** Quote the sales, then {@link DeferDecision#of}: defer when their tax cost exceeds {@code riskBenefit}. */
    public DeferDecision shouldDefer(LotBook book, List<ProposedSale> sales, long at, double riskBenefit) {
        return DeferDecision.of(quote(book, sales, at).taxCost(), riskBenefit);
    }

    /** Sells for real with the same lot choice the quotes assume. */
    public List<Disposal> sell(LotBook book, ProposedSale sale, long at) {
        return book.sell(sale.asset(), sale.quantity(), sale.unitPrice(), at, selection);
    }
}
