package dev.ballast.backtest.tax;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One tax year (UTC calendar year): the gains realized in it, the losses carried in from earlier years (keeping
 * their short/long-term character), and the bill on the sum.
 *
 * @param carriedIn losses brought forward, as negative short-term and long-term amounts
 */
public record TaxYear(int year, RealizedGains realized, RealizedGains carriedIn, TaxBill bill) {

    /** Every year with a disposal, oldest first; a year's unused net loss is carried into the next listed year. */
    public static List<TaxYear> of(List<Disposal> disposals, TaxRates rates) {
        TreeMap<Integer, List<Disposal>> byYear = new TreeMap<>();
        for (Disposal d : disposals) {
            int y = Instant.ofEpochSecond(d.soldAt()).atZone(ZoneOffset.UTC).getYear();
            byYear.computeIfAbsent(y, k -> new ArrayList<>()).add(d);
        }
        List<TaxYear> out = new ArrayList<>();
        RealizedGains carry = RealizedGains.NONE;
        for (var e : byYear.entrySet()) {
            RealizedGains realized = RealizedGains.of(e.getValue());
            TaxBill bill = TaxBill.of(new RealizedGains(realized.shortTerm() + carry.shortTerm(),
                    realized.longTerm() + carry.longTerm(), realized.disallowedLosses()), rates);
            out.add(new TaxYear(e.getKey(), realized, carry, bill));
            carry = new RealizedGains(Math.min(bill.netShortTerm(), 0), Math.min(bill.netLongTerm(), 0), 0);
        }
        return out;
    }
}
