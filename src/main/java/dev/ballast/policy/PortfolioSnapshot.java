package dev.ballast.policy;

import static dev.ballast.policy.FixedPoint.WAD;

import java.util.List;

/**
 * Everything the policy looks at, read at one moment: the assets, the clock, the last rebalance and the gas market.
 *
 * @param assets            the vault's assets in vault order; target weights sum to exactly 1e18
 * @param time              epoch seconds of the snapshot (block timestamp for the keeper, the bar's time in a backtest)
 * @param lastRebalanceTime epoch seconds of the last rebalance (0 if never)
 * @param gas               expected gas cost of executing a plan
 */
public record PortfolioSnapshot(List<Asset> assets, long time, long lastRebalanceTime, GasQuote gas) {

    public PortfolioSnapshot {
        if (assets == null || assets.isEmpty()) throw new InvalidPolicyException("assets", assets, "at least one");
        assets = List.copyOf(assets);
        if (gas == null) throw new InvalidPolicyException("gas", null, "is required (GasQuote.FREE for none)");
        long targets = 0;
        for (int i = 0; i < assets.size(); i++) {
            Asset a = assets.get(i);
            targets += a.targetWeight();
            int hash = a.id().hashCode();
            for (int j = 0; j < i; j++) {
                String other = assets.get(j).id();
                if (other.hashCode() == hash && other.equals(a.id())) {
                    throw new InvalidPolicyException("asset id", a.id(), "duplicate");
                }
            }
        }
        if (targets != WAD) throw new InvalidPolicyException("sum of target weights", targets, "must be exactly 1e18");
    }

    /** Number of assets. */
    public int size() {
        return assets.size();
    }

    /** Net asset value in value units. */
    public long nav() {
        long nav = 0;
        for (Asset a : assets) nav = Math.addExact(nav, a.value());
        return nav;
    }

    /** The values in vault order. */
    public long[] values() {
        long[] values = new long[assets.size()];
        for (int i = 0; i < values.length; i++) values[i] = assets.get(i).value();
        return values;
    }

    /** The target weights in vault order. */
    public long[] targets() {
        long[] targets = new long[assets.size()];
        for (int i = 0; i < targets.length; i++) targets[i] = assets.get(i).targetWeight();
        return targets;
    }

    /** Seconds since the last rebalance (negative if the clock is behind it). */
    public long secondsSinceRebalance() {
        return Math.subtractExact(time, lastRebalanceTime);
    }
}
