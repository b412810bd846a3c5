package dev.ballast.backtest;

import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.backtest.tax.DeferDecision;
import dev.ballast.backtest.tax.Disposal;
import dev.ballast.backtest.tax.HarvestResult;
import dev.ballast.backtest.tax.Lot;
import dev.ballast.backtest.tax.LotBook;
import dev.ballast.backtest.tax.ProposedSale;
import dev.ballast.backtest.tax.TaxAwareSeller;
import dev.ballast.backtest.tax.TaxLossHarvester;
import dev.ballast.backtest.tax.TaxOutcome;
import dev.ballast.backtest.tax.TaxSettings;
import dev.ballast.backtest.tax.TaxYear;
import dev.ballast.policy.Decision;
import dev.ballast.policy.GasQuote;
import dev.ballast.policy.Leg;
import dev.ballast.policy.ValueUnits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trades of a taxed run ({@link BacktestConfig#tax()}), made for {@link PolicyReplay} and kept in a
 * {@link LotBook}: the opening purchase, every swap, and gas taken from the holdings pro rata (small sales of
 * every asset). Without harvesting or tax-aware mode every trade is the one an untaxed run makes, number for number.
 *
 * <p><b>Substitutes.</b> A substitute is a column of the price series with target weight 0 that holds its asset's
 * place while buying the asset back would wash a loss. The policy sees each asset's sleeve: the value of the asset
 * plus that of its substitute (the substitute's own column shows 0), so holding the substitute is not drift; the
 * measures still see the real holdings, so what the substitute does differently shows up as tracking error. A sale
 * from a sleeve takes the substitute's units first.
 *
 * <p><b>Harvesting</b> ({@link TaxSettings#harvest()}), at each rebalance the policy calls for, in this order:
 * substitutes whose asset can be bought again without washing a loss are sold back into it; lots standing at a loss
 * of assets with a substitute are sold into the substitute ({@link TaxLossHarvester}, which skips a sale a recent
 * purchase would wash); then the plan's legs, whose sales take lots at a loss first (highest cost per unit first,
 * then the configured order). A leg whose buy would wash a loss realized within the window goes to the bought
 * asset's substitute, or when it has none is left out entirely (neither side traded): the window is respected, the
 * asset stays underweight until it passes. Extra swaps pay fees, impact and per-swap gas like the plan's.
 *
 * <p><b>Deferral rule</b> (tax-aware mode). When the policy calls for a rebalance, its sales are priced first with
 * {@link TaxAwareSeller} choosing lots least tax first: the <em>tax cost</em> is this tax year's bill (realized
 * gains so far netted short against long term) with the sales minus the bill without them, so a sale realizing a
 * loss against earlier gains costs less than nothing. The <em>risk benefit</em> is valued the way the policy values a
 * rebalance, {@code correctionBenefit × (misplaced value before − misplaced value after)}, net of the plan's gas
 * (which the policy already checked does not exceed it). The rebalance is deferred when
 * {@code tax cost > benefit − gas}, that is when gas and tax together cost more than the correction is worth; it
 * stays due and is weighed again on the next bar, with more drift to correct and, as lots age into long-term,
 * usually less tax.
 */
final class TaxedTrading {
    private final TaxSettings settings;
    private final PriceSeries prices;
    private final CostModel costs;
    private final String[] ids;
    private final Map<String, Integer> columns = new HashMap<>();
    /** Column of asset i's substitute, or -1. */
    private final int[] substituteOf;
    /** Column whose place substitute column i holds, or -1. */
    private final int[] standsFor;
    private final LotBook book;
    private final TaxAwareSeller seller;
    private final TaxLossHarvester harvester;
    private double harvestedLosses;
    private int deferred;
    private int blocked;
    private int routed;
    private int switchBacks;

    TaxedTrading(TaxSettings settings, PriceSeries prices, long[] targets, CostModel costs) {
        this.settings = settings;
        this.prices = prices;
        this.costs = costs;
        this.ids = prices.assets().toArray(String[]::new);
        for (int i = 0; i < ids.length; i++) columns.put(ids[i], i);
        this.substituteOf = new int[ids.length];
        this.standsFor = new int[ids.length];
        Arrays.fill(substituteOf, -1);
        Arrays.fill(standsFor, -1);
        if (settings.harvesting()) {
            settings.harvest().substitutes().forEach((asset, sub) -> {
                int a = prices.indexOf(asset);
                int s = prices.indexOf(sub);
                substituteOf[a] = s;
                standsFor[s] = a;
            });
        }
        check(settings, prices, targets);
        this.book = new LotBook(settings.rules(), settings.rates());
        this.seller = settings.taxAware() ? new TaxAwareSeller(settings.saleOrder()) : null;
        this.harvester = settings.harvesting() ? new TaxLossHarvester(settings.harvest()) : null;
    }

    /**
     * Fails, naming the assets, unless every substitute pair is two columns of the series, each substitute has target
     * weight 0, stands for one asset only and has no substitute of its own.
     */
    static void check(TaxSettings settings, PriceSeries prices, long[] targets) {
        if (settings == null || !settings.harvesting()) return;
        Map<String, String> standsFor = new HashMap<>();
        settings.harvest().substitutes().forEach((asset, sub) -> {
            prices.indexOf(asset);
            int s = prices.indexOf(sub);
            if (targets[s] != 0) {
                throw new IllegalArgumentException("substitute " + sub + " of " + asset + " must have target weight 0 "
                        + "(it only holds " + asset + "'s place), not " + targets[s] / 1e16 + "%");
            }
            String other = standsFor.put(sub, asset);
            if (other != null) {
                throw new IllegalArgumentException("substitute " + sub + " stands for both " + other + " and " + asset);
            }
        });
        for (String sub : standsFor.keySet()) {
            if (settings.harvest().substitutes().containsKey(sub)) {
                throw new IllegalArgumentException("substitute " + sub + " has a substitute of its own");
            }
        }
    }

    /** The first bar's purchase. */
    void open(int t, double[] q) {
        for (int i = 0; i < q.length; i++) {
            if (q[i] > 0) book.buy(ids[i], q[i], prices.price(t, i), prices.timestamp(t));
        }
    }

    /** Values as the policy sees them: a substitute's value counts for the asset it stands for. */
    void policyUnits(int t, double[] q, long[] units) {
        for (int i = 0; i < q.length; i++) {
            if (standsFor[i] >= 0) {
                units[i] = 0;
                continue;
            }
            double v = q[i] * prices.price(t, i);
            int s = substituteOf[i];
            if (s >= 0) v += q[s] * prices.price(t, s);
            units[i] = Math.round(v * ValueUnits.ONE);
        }
    }

    /** The deferral rule (class javadoc); always false unless tax-aware. Counts what it defers. */
    boolean defers(Decision d, int t, double[] q) {
        if (seller == null) return false;
        double[] left = q.clone();
        Map<Integer, Double> units = new LinkedHashMap<>();
        for (Leg leg : d.plan().legs()) {
            double x = leg.value() / (double) ValueUnits.ONE;
            if (buyColumn(leg.buyIndex(), x, t, false) < 0) continue;
            sleeveSale(leg.sellIndex(), x, t, left, (col, qty) -> units.merge(col, qty, Double::sum));
        }
        List<ProposedSale> sales = new ArrayList<>();
        units.forEach((col, qty) -> {
            double held = Math.min(qty, book.quantity(ids[col]));
            if (held > 0) sales.add(new ProposedSale(ids[col], held, prices.price(t, col)));
        });
        double taxCost = sales.isEmpty() ? 0 : seller.quote(book, sales, prices.timestamp(t)).taxCost();
        double benefit = (d.benefit() - d.gasCost()) / (double) ValueUnits.ONE;
        boolean defer = DeferDecision.of(taxCost, benefit).defer();
        if (defer) deferred++;
        return defer;
    }

    /** What a taxed rebalance traded; {@code gasCost} in value units. */
    record Executed(int calls, int swaps, long gasCost) {}

    /**
     * Makes the rebalance: switch-backs and harvesting first when harvesting, then the plan's legs. Returns null when
     * nothing was traded (every leg blocked and nothing harvested): then it is no rebalance.
     */
    Executed execute(Decision d, int t, double[] q, Recorder rec, GasQuote gas) {
        int extraSwaps = 0;
        if (harvester != null) extraSwaps = switchBack(t, q, rec) + harvest(t, q, rec);
        int swaps = 0;
        int calls = 0;
        int lastCall = 0;
        for (Leg leg : d.plan().legs()) {
            double x = leg.value() / (double) ValueUnits.ONE;
            int to = buyColumn(leg.buyIndex(), x, t, true);
            if (to < 0) {
                blocked++;
                continue;
            }
            sleeveSale(leg.sellIndex(), x, t, q, (col, qty) -> sell(col, qty, t));
            swapInto(to, x, t, q, rec);
            swaps++;
            if (leg.call() != lastCall) {
                calls++;
                lastCall = leg.call();
            }
        }
        if (swaps + extraSwaps == 0) return null;
        boolean asPlanned = swaps == d.plan().swaps() && extraSwaps == 0;
        long gasCost = asPlanned ? d.gasCost() : gas.cost(Math.max(calls, 1), swaps + extraSwaps);
        return new Executed(asPlanned ? d.plan().calls() : Math.max(calls, 1), swaps + extraSwaps, gasCost);
    }

    /** Records the pro-rata sales that pay gas: each holding keeps {@code keep} of its units. */
    void sellForGas(int t, double[] q, double keep) {
        for (int i = 0; i < q.length; i++) {
            double sold = q[i] - q[i] * keep;
            if (sold > 0) sell(i, sold, t);
        }
    }

    TaxOutcome outcome() {
        List<Disposal> disposals = book.disposals();
        return new TaxOutcome(settings, disposals, TaxYear.of(disposals, settings.rates()), harvestedLosses, deferred,
                blocked, routed, switchBacks);
    }

    private interface SaleSink {
        void sold(int column, double units);
    }

    /**
     * Takes value {@code x} out of column {@code col}'s sleeve: the substitute's units first, then the asset's, each
     * clamped at zero as an untaxed run clamps it.
     */
    private void sleeveSale(int col, double x, int t, double[] q, SaleSink sink) {
        double left = x;
        int s = substituteOf[col];
        if (s >= 0 && q[s] > 0) {
            double ps = prices.price(t, s);
            double fromSub = Math.min(left, q[s] * ps);
            double units = fromSub / ps;
            q[s] = Math.max(0, q[s] - units);
            sink.sold(s, units);
            left -= fromSub;
        }
        if (left > 0) {
            double units = left / prices.price(t, col);
            q[col] = Math.max(0, q[col] - units);
            sink.sold(col, units);
        }
    }

    /** Swaps value {@code x} into column {@code to} at the bar's close, paying fee and impact. */
    private void swapInto(int to, double x, int t, double[] q, Recorder rec) {
        double fee = costs.fee(x);
        double impact = costs.impact(x);
        double units = (x - fee - impact) / prices.price(t, to);
        q[to] += units;
        if (units > 0) book.buy(ids[to], units, prices.price(t, to), prices.timestamp(t));
        rec.tradedValue += x;
        rec.fees += fee;
        rec.impact += impact;
    }

    /**
     * Where a rebalance buy of column {@code col} goes: the column itself unless harvesting and the buy would wash a
     * recent loss; then its substitute if that is safe to buy, else -1 (left out).
     */
    private int buyColumn(int col, double x, int t, boolean count) {
        if (harvester == null) return col;
        long at = prices.timestamp(t);
        if (book.lossAtRiskIfBought(ids[col], x / prices.price(t, col), at) <= 0) return col;
        int s = substituteOf[col];
        if (s >= 0 && book.lossAtRiskIfBought(ids[s], x / prices.price(t, s), at) <= 0) {
            if (count) routed++;
            return s;
        }
        return -1;
    }

    /** Sells back into each asset the substitute bought for it, once that no longer washes a loss. */
    private int switchBack(int t, double[] q, Recorder rec) {
        int swaps = 0;
        for (int i = 0; i < q.length; i++) {
            int s = substituteOf[i];
            if (s < 0 || q[s] <= 0) continue;
            double x = q[s] * prices.price(t, s);
            if (book.lossAtRiskIfBought(ids[i], x / prices.price(t, i), prices.timestamp(t)) > 0) continue;
            double held = book.quantity(ids[s]);
            if (held > 0) sell(s, held, t);
            q[s] = 0;
            swapInto(i, x, t, q, rec);
            switchBacks++;
            swaps++;
        }
        return swaps;
    }

    /** Harvests loss lots into substitutes; returns the swaps made. */
    private int harvest(int t, double[] q, Recorder rec) {
        Map<String, Double> px = new HashMap<>();
        for (int i = 0; i < ids.length; i++) px.put(ids[i], prices.price(t, i));
        HarvestResult r = harvester.harvest(book, px, prices.timestamp(t), v -> v - costs.fee(v) - costs.impact(v));
        for (Disposal d : r.sales()) {
            int col = columns.get(d.asset());
            q[col] = Math.max(0, q[col] - d.quantity());
        }
        for (HarvestResult.SubstituteBuy b : r.buys()) {
            double units = 0;
            for (Lot lot : b.lots()) units += lot.quantity();
            q[columns.get(b.to())] += units;
            rec.tradedValue += b.value();
            rec.fees += costs.fee(b.value());
            rec.impact += costs.impact(b.value());
        }
        harvestedLosses += r.harvestedLoss();
        return r.buys().size();
    }

    /** Sells {@code units} of column {@code col} (clamped to the book), lots in the settings' order. */
    private void sell(int col, double units, int t) {
        String asset = ids[col];
        double qty = Math.min(units, book.quantity(asset));
        if (!(qty > 0)) return;
        double price = prices.price(t, col);
        long at = prices.timestamp(t);
        if (harvester == null || settings.taxAware()) {
            book.sell(asset, qty, price, at, settings.saleOrder());
        } else {
            book.sellLots(asset, lossesFirst(asset, qty, price, at), price, at);
        }
    }

    /** Lots at a loss first (highest cost per unit first), then the rest in the configured order. */
    private Map<Long, Double> lossesFirst(String asset, double qty, double price, long at) {
        List<Lot> open = book.lots(asset);
        List<Lot> order = new ArrayList<>(open.stream().filter(l -> l.costPerUnit() > price)
                .sorted(Comparator.comparingDouble(Lot::costPerUnit).reversed()).toList());
        order.addAll(settings.lots().order(open.stream().filter(l -> l.costPerUnit() <= price).toList(), price, at,
                settings.rules(), settings.rates()));
        Map<Long, Double> plan = new LinkedHashMap<>();
        double left = qty;
        for (Lot lot : order) {
            if (left <= 0) break;
            double take = Math.min(left, lot.quantity());
            plan.put(lot.id(), take);
            left -= take;
        }
        return plan;
    }
}
