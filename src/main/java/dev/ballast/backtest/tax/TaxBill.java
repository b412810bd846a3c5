package dev.ballast.backtest.tax;

/**
 * Tax on one period's realized gains. A net loss in one term first offsets a net gain in the other (as US
 * netting does); what is still negative is a carryforward (reported, not deducted from other income).
 *
 * @param lossCarryforward remaining net loss, <= 0
 */
public record TaxBill(double netShortTerm, double netLongTerm, double shortTermTax, double longTermTax,
                      double lossCarryforward) {

    public static TaxBill of(RealizedGains gains, TaxRates rates) {
        double st = gains.shortTerm();
        double lt = gains.longTerm();
        if (st < 0 && lt > 0) {
            double offset = Math.min(-st, lt);
            st += offset;
            lt -= offset;
        } else if (lt < 0 && st > 0) {
            double offset = Math.min(-lt, st);
            lt += offset;
            st -= offset;
        }
        return new TaxBill(st, lt, Math.max(st, 0) * rates.shortTerm(), Math.max(lt, 0) * rates.longTerm(),
                Math.min(st, 0) + Math.min(lt, 0));
    }

    public double total() {
        return shortTermTax + longTermTax;
    }
}
