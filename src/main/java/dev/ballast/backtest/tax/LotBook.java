package dev.ballast.backtest.tax;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tax lots per asset, and every disposal with its short/long-term gain.
 *
 * <p>Wash sales: when a lot is sold at a loss and units of the same asset are bought within
 * {@link TaxRules#washSaleDays()} days before (and still held) or after the sale, the loss on as many units as
 * were bought is disallowed: it is added to the replacement units' basis and their holding period starts as
 * early as the sold lot's did, so the loss is deferred until those units are sold. Partly matched lots are split.
 *
 * <p>Operations must come in time order. Quantities are doubles (a backtest, not on-chain money); a remainder
 * below {@value #DUST} of a lot is treated as zero.
 */
public final class LotBook {
    static final double DUST = 1e-9;

    private final TaxRules rules;
    private final TaxRates rates;
    private final Map<String, List<Lot>> lots = new LinkedHashMap<>();
    private final List<Disposal> disposals = new ArrayList<>();
    private final WashSaleTracker wash;
    private long nextId = 1;
    private long lastTime = Long.MIN_VALUE;

    /** @param rates used by {@link LotSelection#MIN_TAX} to rank lots */
    public LotBook(TaxRules rules, TaxRates rates) {
        this.rules = rules;
        this.rates = rates;
        this.wash = new WashSaleTracker(rules);
    }

    private LotBook(LotBook o) {
        this.rules = o.rules;
        this.rates = o.rates;
        o.lots.forEach((k, v) -> lots.put(k, new ArrayList<>(v)));
        disposals.addAll(o.disposals);
        wash = o.wash.copy();
        nextId = o.nextId;
        lastTime = o.lastTime;
    }

    /** An independent copy, for previewing a sale without changing this book. */
    public LotBook copy() {
        return new LotBook(this);
    }

    /**
     * Buys {@code quantity} units at {@code unitPrice}. Returns the new lots: more than one when part of the purchase
     * replaces units of a recent loss sale (those carry the disallowed loss in their basis).
     */
    public List<Lot> buy(String asset, double quantity, double unitPrice, long at) {
        checkTrade(asset, quantity, unitPrice, at);
        List<Lot> created = new ArrayList<>();
        double left = quantity;
        for (WashSaleTracker.PendingLoss p : wash.washableBy(asset, at)) {
            double m = Math.min(left, p.unmatched);
            if (m <= 0) {
                break;
            }
            double disallowed = m * p.lossPerUnit;
            created.add(new Lot(nextId++, asset, m, m * unitPrice, at, at, false)
                    .absorbingWashLoss(disallowed, p.heldSeconds));
            disposals.set(p.disposalIndex, disposals.get(p.disposalIndex).withMoreDisallowed(disallowed));
            p.unmatched -= m;
            left -= m;
        }
        if (left > DUST * quantity) {
            created.add(new Lot(nextId++, asset, left, left * unitPrice, at, at, false));
        }
        lots.computeIfAbsent(asset, k -> new ArrayList<>()).addAll(created);
        return List.copyOf(created);
    }

    /**
     * Sells {@code quantity} units at {@code unitPrice}, taking lots in the order of {@code selection}. Returns the
     * disposals as they stand now; a purchase within the wash-sale window later can still disallow part of a loss
     * (see {@link #disposals()}).
     */
    public List<Disposal> sell(String asset, double quantity, double unitPrice, long at, LotSelection selection) {
        checkTrade(asset, quantity, unitPrice, at);
        double held = quantity(asset);
        if (quantity > held * (1 + DUST)) {
            throw new IllegalArgumentException("sell " + quantity + " " + asset + " at " + Instant.ofEpochSecond(at)
                    + ": only " + held + " held");
        }
        Map<Long, Double> plan = new LinkedHashMap<>();
        double left = Math.min(quantity, held);
        for (Lot lot : selection.order(lots(asset), unitPrice, at, rules, rates)) {
            if (left <= 0) {
                break;
            }
            double q = Math.min(left, lot.quantity());
            plan.put(lot.id(), q);
            left -= q;
        }
        return dispose(asset, plan, unitPrice, at);
    }

    /** Specific-lot identification: sells {@code quantities.get(lotId)} units of each named lot, in map order. */
    public List<Disposal> sellLots(String asset, Map<Long, Double> quantities, double unitPrice, long at) {
        double total = quantities.values().stream().mapToDouble(Double::doubleValue).sum();
        checkTrade(asset, total, unitPrice, at);
        for (Map.Entry<Long, Double> e : quantities.entrySet()) {
            Lot lot = find(asset, e.getKey());
            if (!(e.getValue() > 0) || e.getValue() > lot.quantity() * (1 + DUST)) {
                throw new IllegalArgumentException("lot " + e.getKey() + " of " + asset + ": cannot sell "
                        + e.getValue() + " of " + lot.quantity() + " units");
            }
        }
        return dispose(asset, quantities, unitPrice, at);
    }

    private List<Disposal> dispose(String asset, Map<Long, Double> plan, double unitPrice, long at) {
        List<Disposal> out = new ArrayList<>();
        for (Map.Entry<Long, Double> e : plan.entrySet()) {
            Lot lot = find(asset, e.getKey());
            double q = Math.min(e.getValue(), lot.quantity());
            double basis = lot.costBasis() * (q / lot.quantity());
            out.add(new Disposal(lot.id(), asset, q, q * unitPrice, basis, lot.acquiredAt(), lot.holdingStart(), at,
                    rules.termOf(lot.holdingStart(), at), 0));
            replace(asset, lot, lot.quantity() - q <= DUST * lot.quantity() ? null : lot.minus(q));
        }
        Set<Long> sold = plan.keySet();
        for (Disposal d : out) {
            Disposal settled = d.isLoss() ? washAgainstHeldLots(d, sold) : d;
            disposals.add(settled);
        }
        return List.copyOf(disposals.subList(disposals.size() - out.size(), disposals.size()));
    }

    /**
     * Matches a loss sale against units of the asset bought within the window before it and still held; what is
     * left of a lot this sale drew on is not a replacement for it (same purchase).
     */
    private Disposal washAgainstHeldLots(Disposal d, Set<Long> soldLots) {
        double lossPerUnit = -d.gain() / d.quantity();
        double left = d.quantity();
        Disposal settled = d;
        for (Lot lot : List.copyOf(lots(d.asset()))) {
            if (left <= 0) {
                break;
            }
            if (lot.washReplacement() || soldLots.contains(lot.id()) || lot.acquiredAt() > d.soldAt()
                    || !rules.inWashWindow(d.soldAt(), lot.acquiredAt())) {
                continue;
            }
            double m = Math.min(left, lot.quantity());
            Lot replacement = lot.take(m, nextId++).absorbingWashLoss(m * lossPerUnit, d.soldAt() - d.holdingStart());
            List<Lot> list = lots.get(d.asset());
            int i = list.indexOf(lot);
            list.add(i, replacement);
            replace(d.asset(), lot, lot.quantity() - m <= DUST * lot.quantity() ? null : lot.minus(m));
            settled = settled.withMoreDisallowed(m * lossPerUnit);
            left -= m;
        }
        wash.recordLoss(disposals.size(), settled, left);
        return settled;
    }

    private void replace(String asset, Lot old, Lot now) {
        List<Lot> list = lots.get(asset);
        int i = list.indexOf(old);
        if (now == null) {
            list.remove(i);
        } else {
            list.set(i, now);
        }
    }

    private Lot find(String asset, long id) {
        return lots(asset).stream().filter(l -> l.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no open lot " + id + " of " + asset));
    }

    private void checkTrade(String asset, double quantity, double unitPrice, long at) {
        if (!(quantity > 0) || Double.isInfinite(quantity)) {
            throw new IllegalArgumentException(asset + " quantity = " + quantity + ": must be finite and > 0");
        }
        if (!(unitPrice >= 0) || Double.isInfinite(unitPrice)) {
            throw new IllegalArgumentException(asset + " unitPrice = " + unitPrice + ": must be finite and >= 0");
        }
        if (at < lastTime) {
            throw new IllegalArgumentException(asset + " trade at " + at + " is before the previous trade at "
                    + lastTime + "; trades must be recorded in time order");
        }
        lastTime = at;
    }

    /** Open lots of {@code asset}, oldest first. */
    public List<Lot> lots(String asset) {
        return List.copyOf(lots.getOrDefault(asset, List.of()).stream()
                .sorted(Comparator.comparingLong(Lot::acquiredAt).thenComparingLong(Lot::id)).toList());
    }

    public Set<String> assets() {
        return Collections.unmodifiableSet(lots.keySet());
    }

    public double quantity(String asset) {
        return lots(asset).stream().mapToDouble(Lot::quantity).sum();
    }

    public double costBasis(String asset) {
        return lots(asset).stream().mapToDouble(Lot::costBasis).sum();
    }

    public double unrealizedGain(String asset, double price) {
        return lots(asset).stream().mapToDouble(l -> l.unrealizedGain(price)).sum();
    }

    /** Every disposal so far, in order, with wash-sale disallowances applied. */
    public List<Disposal> disposals() {
        return List.copyOf(disposals);
    }

    public RealizedGains realized() {
        return RealizedGains.of(disposals);
    }

    /** Gains realized in one UTC calendar year (a tax year). */
    public RealizedGains realizedInYear(int year) {
        return RealizedGains.of(disposals.stream()
                .filter(d -> Instant.ofEpochSecond(d.soldAt()).atZone(ZoneOffset.UTC).getYear() == year).toList());
    }

    /** Loss a purchase of {@code quantity} units at {@code at} would disallow under the wash-sale rule (0 if none). */
    public double lossAtRiskIfBought(String asset, double quantity, long at) {
        return wash.lossAtRisk(asset, quantity, at);
    }

    /** First epoch second at which buying {@code asset} no longer washes a loss ({@code at} if it already does not). */
    public long buyBlockedUntil(String asset, long at) {
        return wash.buyBlockedUntil(asset, at);
    }

    public TaxRules rules() {
        return rules;
    }

    public TaxRates rates() {
        return rates;
    }
}
