package dev.ballast.backtest.optimize;

import dev.ballast.backtest.BacktestResult;
import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.backtest.tax.Disposal;
import dev.ballast.backtest.tax.LotBook;
import dev.ballast.backtest.tax.LotSelection;
import dev.ballast.backtest.tax.TaxRates;
import dev.ballast.backtest.tax.TaxRules;
import dev.ballast.backtest.tax.TaxYear;
import java.util.List;

/**
 * Realized gains and taxes of a finished run. The engine has no per-trade hook, so the trades are recovered from the
 * result itself: holdings {@code q_i,t = weight_i,t × NAV_t / p_i,t} after each bar; a fall of {@code q_i} is a sale
 * and a rise a purchase at that bar's close (sales recorded first, so proceeds fund the buys; gas paid pro rata shows
 * up as small sales, which is what paying gas out of the portfolio is). Bar 0's holdings are the opening purchase.
 * Changes smaller than {@code 1e-12} of the holding are rounding noise and ignored.
 */
public final class TaxReplay {
    private static final double NOISE = 1e-12;

    /** A run's lot book outcome. */
    public record Outcome(String strategy, List<Disposal> disposals, List<TaxYear> years) {
        public Outcome {
            disposals = List.copyOf(disposals);
            years = List.copyOf(years);
        }
    }

    private TaxReplay() {}

    public static Outcome replay(BacktestResult result, PriceSeries prices, LotSelection selection, TaxRules rules,
                                 TaxRates rates) {
        LotBook book = new LotBook(rules, rates);
        int n = prices.assetCount();
        List<String> assets = prices.assets();
        double[] held = holdings(result, prices, 0);
        for (int i = 0; i < n; i++) {
            if (held[i] > 0) book.buy(assets.get(i), held[i], prices.price(0, i), prices.timestamp(0));
        }
        for (int t = 1; t < prices.size(); t++) {
            double[] now = holdings(result, prices, t);
            long at = prices.timestamp(t);
            for (int i = 0; i < n; i++) {
                double d = now[i] - held[i];
                if (d < -NOISE * held[i]) {
                    double qty = Math.min(-d, book.quantity(assets.get(i)));
                    if (qty > 0) book.sell(assets.get(i), qty, prices.price(t, i), at, selection);
                }
            }
            for (int i = 0; i < n; i++) {
                double d = now[i] - held[i];
                if (d > NOISE * Math.max(held[i], now[i])) book.buy(assets.get(i), d, prices.price(t, i), at);
            }
            held = now;
        }
        return new Outcome(result.strategy(), book.disposals(), TaxYear.of(book.disposals(), rates));
    }

    private static double[] holdings(BacktestResult r, PriceSeries prices, int t) {
        double[] w = r.weights()[t];
        double[] q = new double[w.length];
        for (int i = 0; i < w.length; i++) q[i] = w[i] * r.nav()[t] / prices.price(t, i);
        return q;
    }
}
