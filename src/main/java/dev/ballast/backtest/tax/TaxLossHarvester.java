package dev.ballast.backtest.tax;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Sells lots standing at a loss to realize the loss for tax, during a rebalance. An asset is skipped when the sale
 * would be a wash sale (units bought within the window are still held) or when the substitute purchase would
 * itself wash a recent loss on the substitute.
 */
public final class TaxLossHarvester {
    private final HarvestRules rules;

    public TaxLossHarvester(HarvestRules rules) {
        this.rules = rules;
    }

    /** Harvests every qualifying asset in {@code prices} (in name order, for determinism). */
    public HarvestResult harvest(LotBook book, Map<String, Double> prices, long at) {
        List<Disposal> sales = new ArrayList<>();
        List<HarvestResult.SubstituteBuy> buys = new ArrayList<>();
        List<HarvestResult.BuyBlock> blocked = new ArrayList<>();
        for (String asset : new TreeSet<>(book.assets())) {
            Double price = prices.get(asset);
            String substitute = rules.substitutes().get(asset);
            if (price == null || (substitute == null && !rules.withoutSubstitute())) {
                continue;
            }
            Map<Long, Double> lossLots = lossLots(book, asset, price);
            if (lossLots.isEmpty() || washes(book, asset, lossLots, price, at)) {
                continue;
            }
            Double subPrice = substitute == null ? null : prices.get(substitute);
            if (substitute != null && subPrice == null) {
                throw new IllegalArgumentException("no price for " + substitute + ", the substitute of " + asset);
            }
            double proceeds = lossLots.values().stream().mapToDouble(Double::doubleValue).sum() * price;
            if (substitute != null && book.lossAtRiskIfBought(substitute, proceeds / subPrice, at) > 0) {
                continue;
            }
            sales.addAll(book.sellLots(asset, lossLots, price, at));
            if (substitute != null) {
                buys.add(new HarvestResult.SubstituteBuy(asset, substitute, proceeds,
                        book.buy(substitute, proceeds / subPrice, subPrice, at)));
            } else {
                blocked.add(new HarvestResult.BuyBlock(asset, book.buyBlockedUntil(asset, at)));
            }
        }
        double harvested = -sales.stream().mapToDouble(Disposal::recognizedGain).sum();
        return new HarvestResult(sales, buys, blocked, harvested);
    }

    private Map<Long, Double> lossLots(LotBook book, String asset, double price) {
        Map<Long, Double> out = new LinkedHashMap<>();
        for (Lot lot : book.lots(asset)) {
            double loss = -lot.unrealizedGain(price);
            if (loss > 0 && loss >= rules.minLossFraction() * lot.costBasis() && loss >= rules.minLoss()) {
                out.put(lot.id(), lot.quantity());
            }
        }
        return out;
    }

    /** True if selling these lots now would have any of the loss disallowed. */
    private static boolean washes(LotBook book, String asset, Map<Long, Double> lots, double price, long at) {
        return book.copy().sellLots(asset, lots, price, at).stream().anyMatch(d -> d.disallowedLoss() > 0);
    }
}
