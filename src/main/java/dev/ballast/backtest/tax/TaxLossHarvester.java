package dev.ballast.backtest.tax;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;

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
        return harvest(book, prices, at, DoubleUnaryOperator.identity());
    }

    /**
     * As {@link #harvest(LotBook, Map, long)}, with the substitute bought for {@code reinvested.applyAsDouble(proceeds)}
     * (what a swap of the proceeds delivers after its fee and price impact); {@link HarvestResult.SubstituteBuy#value()}
     * stays the proceeds sold.
     */
    public HarvestResult harvest(LotBook book, Map<String, Double> prices, long at, DoubleUnaryOperator reinvested) {
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
                        book.buy(substitute, reinvested.applyAsDouble(proceeds) / subPrice, subPrice, at)));
            } else {
                blocked.add(new HarvestResult.BuyBlock(asset, book.buyBlockedUntil(asset, at)));
            }
        }
        double harvested = -sales.stream().mapToDouble(Disposal::recognizedGain).sum();
        return new HarvestResult(sales, buys, blocked, harvested);
    }

    /** Where a rebalance's purchase went: {@code asset} is the substitute when buying the original would wash a loss. */
    public record RoutedBuy(String requested, String asset, List<Lot> lots, double lossKept) {
        public RoutedBuy {
            lots = List.copyOf(lots);
        }
    }

    /**
     * Buys {@code value} worth of {@code asset} for a rebalance, unless that would wash a recent loss sale and a
     * substitute is configured (and itself safe to buy): then the substitute is bought instead and the loss stays
     * allowed. Without a substitute the asset is bought and the wash-sale rule defers the loss.
     */
    public RoutedBuy buy(LotBook book, String asset, double value, Map<String, Double> prices, long at) {
        double price = priceOf(prices, asset);
        double atRisk = book.lossAtRiskIfBought(asset, value / price, at);
        String substitute = rules.substitutes().get(asset);
        if (atRisk > 0 && substitute != null) {
            double subPrice = priceOf(prices, substitute);
            if (book.lossAtRiskIfBought(substitute, value / subPrice, at) == 0) {
                return new RoutedBuy(asset, substitute, book.buy(substitute, value / subPrice, subPrice, at), atRisk);
            }
        }
        return new RoutedBuy(asset, asset, book.buy(asset, value / price, price, at), 0);
    }

    private static double priceOf(Map<String, Double> prices, String asset) {
        Double p = prices.get(asset);
        if (p == null || !(p > 0)) {
            throw new IllegalArgumentException("no positive price for " + asset + " in " + prices.keySet());
        }
        return p;
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
