package dev.ballast.backtest.tax;

/** Tax rates as fractions (0.37 = 37%) on net short-term and net long-term gains. */
public record TaxRates(double shortTerm, double longTerm) {
    public TaxRates {
        check("shortTerm", shortTerm);
        check("longTerm", longTerm);
    }

    private static void check(String field, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(field + " rate = " + rate + ": must be in [0, 1]");
        }
    }

    public double rate(Term term) {
        return term == Term.LONG ? longTerm : shortTerm;
    }
}
