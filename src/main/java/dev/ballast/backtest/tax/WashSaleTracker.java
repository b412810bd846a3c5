package dev.ballast.backtest.tax;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Remembers loss sales whose loss a later purchase of the same asset could still wash (buy within the window
 * after the sale). Purchases before the sale are matched by {@link LotBook} at sale time, against lots it holds.
 */
final class WashSaleTracker {
    /** A loss sale with {@code unmatched} units not yet paired with a replacement purchase. */
    static final class PendingLoss {
        final int disposalIndex;
        final String asset;
        final long soldAt;
        final double lossPerUnit;
        final long heldSeconds;
        double unmatched;

        PendingLoss(int disposalIndex, String asset, long soldAt, double lossPerUnit, long heldSeconds,
                    double unmatched) {
            this.disposalIndex = disposalIndex;
            this.asset = asset;
            this.soldAt = soldAt;
            this.lossPerUnit = lossPerUnit;
            this.heldSeconds = heldSeconds;
            this.unmatched = unmatched;
        }
    }

    private final TaxRules rules;
    private final List<PendingLoss> pending = new ArrayList<>();

    WashSaleTracker(TaxRules rules) {
        this.rules = rules;
    }

    void recordLoss(int disposalIndex, Disposal d, double unmatchedUnits) {
        if (rules.washSaleDays() > 0 && unmatchedUnits > 0) {
            pending.add(new PendingLoss(disposalIndex, d.asset(), d.soldAt(), -d.gain() / d.quantity(),
                    d.soldAt() - d.holdingStart(), unmatchedUnits));
        }
    }

    /** Loss sales of {@code asset} a buy at {@code now} would wash, oldest first; drops ones out of the window. */
    List<PendingLoss> washableBy(String asset, long now) {
        List<PendingLoss> out = new ArrayList<>();
        for (Iterator<PendingLoss> it = pending.iterator(); it.hasNext(); ) {
            PendingLoss p = it.next();
            if (p.unmatched <= 0 || now - p.soldAt > rules.washSaleDays() * TaxRules.DAY_SECONDS) {
                it.remove();
            } else if (p.asset.equals(asset) && rules.inWashWindow(p.soldAt, now)) {
                out.add(p);
            }
        }
        return out;
    }

    /** Loss a purchase of {@code quantity} units at {@code now} would disallow (0 if none). */
    double lossAtRisk(String asset, double quantity, long now) {
        double left = quantity;
        double loss = 0;
        for (PendingLoss p : washableBy(asset, now)) {
            double m = Math.min(left, p.unmatched);
            loss += m * p.lossPerUnit;
            left -= m;
        }
        return loss;
    }

    /** Epoch second after which buying {@code asset} no longer washes a recorded loss, or {@code now} if none. */
    long buyBlockedUntil(String asset, long now) {
        long until = now;
        for (PendingLoss p : washableBy(asset, now)) {
            until = Math.max(until, p.soldAt + rules.washSaleDays() * TaxRules.DAY_SECONDS + 1);
        }
        return until;
    }

    WashSaleTracker copy() {
        WashSaleTracker c = new WashSaleTracker(rules);
        for (PendingLoss p : pending) {
            PendingLoss q = new PendingLoss(p.disposalIndex, p.asset, p.soldAt, p.lossPerUnit, p.heldSeconds, p.unmatched);
            c.pending.add(q);
        }
        return c;
    }
}
