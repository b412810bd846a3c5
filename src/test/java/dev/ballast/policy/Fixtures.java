package dev.ballast.policy;

import static dev.ballast.policy.FixedPoint.WAD;

import java.util.ArrayList;
import java.util.List;

/** Small builders for hand-computed cases: values in whole numeraire units, weights in percent. */
final class Fixtures {
    static final long DAY = 86_400;
    static final long PCT = WAD / 100;

    private Fixtures() {}

    static long whole(long units) {
        return ValueUnits.ofWhole(units);
    }

    /** Value-only snapshot; {@code valuesAndTargets} alternates whole value and target weight (18 decimals). */
    static PortfolioSnapshot snapshot(long time, long lastRebalance, GasQuote gas, long... valuesAndTargets) {
        List<Asset> assets = new ArrayList<>();
        for (int i = 0; i < valuesAndTargets.length; i += 2) {
            assets.add(Asset.valued(String.valueOf((char) ('A' + i / 2)), whole(valuesAndTargets[i]),
                    valuesAndTargets[i + 1]));
        }
        return new PortfolioSnapshot(assets, time, lastRebalance, gas);
    }

    static PortfolioSnapshot snapshot(long... valuesAndTargets) {
        return snapshot(1_000 * DAY, 0, GasQuote.FREE, valuesAndTargets);
    }

    static PolicyParams.Builder band(long band) {
        return PolicyParams.builder().mode(RebalanceMode.BAND).band(band);
    }
}
