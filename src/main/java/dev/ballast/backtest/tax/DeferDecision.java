package dev.ballast.backtest.tax;

import java.util.Locale;

/** Whether to put off a rebalance because its tax cost exceeds the risk it removes (both in the same currency). */
public record DeferDecision(boolean defer, double taxCost, double riskBenefit, String reason) {

    public static DeferDecision of(double taxCost, double riskBenefit) {
        if (!Double.isFinite(taxCost) || !Double.isFinite(riskBenefit)) {
            throw new IllegalArgumentException("taxCost " + taxCost + " and riskBenefit " + riskBenefit + " must be finite");
        }
        boolean defer = taxCost > riskBenefit;
        String reason = String.format(Locale.ROOT, "tax cost %.2f %s risk benefit %.2f: %s",
                taxCost, defer ? ">" : "<=", riskBenefit, defer ? "defer the rebalance" : "rebalance now");
        return new DeferDecision(defer, taxCost, riskBenefit, reason);
    }
}
