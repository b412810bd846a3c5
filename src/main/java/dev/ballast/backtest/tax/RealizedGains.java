package dev.ballast.backtest.tax;

import java.util.Collection;

/**
 * Recognized gains (negative: losses) by term, and the losses wash sales disallowed (deferred into replacement
 * lots; not included in the two gain figures).
 */
public record RealizedGains(double shortTerm, double longTerm, double disallowedLosses) {
    public static final RealizedGains NONE = new RealizedGains(0, 0, 0);

    public static RealizedGains of(Collection<Disposal> disposals) {
        double st = 0;
        double lt = 0;
        double disallowed = 0;
        for (Disposal d : disposals) {
            if (d.term() == Term.LONG) {
                lt += d.recognizedGain();
            } else {
                st += d.recognizedGain();
            }
            disallowed += d.disallowedLoss();
        }
        return new RealizedGains(st, lt, disallowed);
    }

    public RealizedGains plus(RealizedGains o) {
        return new RealizedGains(shortTerm + o.shortTerm, longTerm + o.longTerm, disallowedLosses + o.disallowedLosses);
    }

    public double total() {
        return shortTerm + longTerm;
    }
}
