// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {VaultMath} from "./VaultMath.sol";

/// @title Price of a one-sided deposit
/// @notice A single-asset deposit followed by a pro-rata withdrawal is a swap of that asset for a slice of every other
///         one, at router prices. When the router is off the market, that swap is a gift to whoever takes it, paid by
///         the holders. This library charges a fee that makes the round trip unprofitable for any router error up to
///         the vault's declared bound `eps` (its `maxOracleVenueDeviation`: the error the vault already declares it
///         tolerates between the router and the venues it trades on, and enforces on every rebalance).
/// @dev Why the fee floor is enough (no delay, no venue reads). Let the router price asset i at p_i(1 + e_i), |e_i| <=
///      eps, true prices p_i. A deposit of true value x in asset k, with router weight w^ of k and a fee rate c on the
///      non-proportional part, mints shares worth, at true prices, x * (1 + e_k)(1 - c(1 - w^)) / (1 + m) of the
///      deposit's value, where 1 + m = sum_i w_i (1 + e_i) is the router NAV over the true NAV (w true weights). Writing
///      r = the value-weighted mean of (1 + e_i) over the other assets and t = (1 + e_k) / r, the round trip gains iff
///      (t - 1)(w t + 1 - w) > c t, i.e. iff c < (t - 1)(w + (1 - w) / t) <= t - 1 for t > 1 (and never for t <= 1).
///      t <= (1 + eps) / (1 - eps), so c = 2 eps / (1 - eps) closes it for every weight, every asset count and every
///      sign pattern of the errors. The same shares-at-true-value argument shows that each deposit leaves the true
///      share price of earlier holders unchanged or higher, so sequences of deposits compose: no ordering of
///      depositSingle calls followed by withdrawals gains either. Every rounding below is against the depositor.
///      A deposit that moves the asset toward its target pays only this floor; the configurable `singleAssetFee` is a
///      surcharge on the part of the deposit's value that lands above the asset's target weight (flows that rebalance
///      the vault are a feature; flows that unbalance it cost the holders a later trade).
library DepositPricing {
    using VaultMath for uint256;

    /// @notice Fee rate on the non-proportional value, 2 eps / (1 - eps) rounded up; 100% when eps >= 100%.
    function oracleFeeRateUp(uint256 eps) internal pure returns (uint256) {
        if (eps >= VaultMath.ONE) return VaultMath.ONE;
        return VaultMath.mulDivUp(2 * eps, VaultMath.ONE, VaultMath.ONE - eps);
    }

    /// @notice Fee (numeraire, 18 decimals, rounded up, at most `valueIn`) on a one-sided deposit of router value
    ///         `valueIn` into a vault of router value `total` holding `assetValue` of that asset at target `target`.
    /// @param eps The declared bound on the router's relative error per price (18 decimals).
    /// @param surchargeRate The vault's `singleAssetFee`, charged on the value that ends above target.
    function singleFeeUp(
        uint256 valueIn,
        uint256 assetValue,
        uint256 total,
        uint256 target,
        uint256 eps,
        uint256 surchargeRate
    ) internal pure returns (uint256 fee) {
        uint256 nonProportional = VaultMath.mulDivUp(valueIn, total - assetValue, total);
        fee = nonProportional.mulUp(oracleFeeRateUp(eps));
        uint256 assetAfter = assetValue + valueIn;
        uint256 goal = (total + valueIn).mulDown(target);
        if (assetAfter > goal) {
            uint256 above = assetAfter - goal;
            fee += (above < valueIn ? above : valueIn).mulUp(surchargeRate);
        }
        if (fee > valueIn) fee = valueIn;
    }
}
