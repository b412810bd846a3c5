// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IRebalancingVault} from "../interfaces/IRebalancingVault.sol";
import {VaultMath} from "./VaultMath.sol";

/// @title Guards against rebalances that trade without rebalancing
/// @notice A keeper is paid nothing by the vault but may be paid by a venue, and every trade costs the holders up to
///         `maxSlippage` of its value. A budget that grows with volume lets a keeper wash value away: sell A for B and
///         B back for A, with a tiny net move that still lowers drift. Three rules close that:
///         1. no asset is both sold and bought in one call (`AssetBoughtAndSold`): a call is a set of sellers and a
///            disjoint set of buyers, so no value can go round in it;
///         2. the NAV-loss budget is `maxSlippage` times the value moved toward target (below), not the value traded;
///         3. at least `MIN_TOWARD_TARGET` of the value traded must move toward target (`TradeNotTowardTarget`).
///         Value moved toward target: legs are matched, in order, against each seller's excess over its target value
///         and each buyer's shortfall, at the router prices of the call; a leg counts for
///         min(its value, the seller's excess left, the buyer's shortfall left). Legs planned by the keeper or by the
///         vault's planner never overshoot, so for them moved = traded and the budget is what it always was.
library TradeGuards {
    using VaultMath for uint256;

    /// @notice Share of the value traded that must move toward target. Honest plans move all of it; half leaves room
    ///         for prices that moved between the keeper's read and the block.
    uint256 internal constant MIN_TOWARD_TARGET = 0.5e18;

    /// @notice Each asset's value minus its target value floor(total * target): above target when positive.
    function gaps(uint256[] memory values, uint256 total, uint256[] memory targets)
        internal
        pure
        returns (int256[] memory gap)
    {
        uint256 n = values.length;
        gap = new int256[](n);
        for (uint256 i; i < n; ++i) {
            // values and total are far below 2^255 (VaultMath's range), so the casts cannot wrap
            gap[i] = int256(values[i]) - int256(total.mulDown(targets[i]));
        }
    }

    /// @notice VaultMath.maxDeviation of `values` and, when `gap` is not empty, `gaps` written into it, in one pass
    ///         over the assets: the rebalance's hot path. Targets packed 64 bits each, assets 0..3 in `low` and 4..7
    ///         in `high` (asset i at bits [64 (i % 4), 64 (i % 4) + 64)). Assembly with the checked code's figures,
    ///         rounding and reverts: Panic(0x11) on an overflowing product or signed difference, Panic(0x32) when a
    ///         non-empty `gap` is shorter than `values`; the drift is 0 and each gap the asset's value when
    ///         `total` is 0.
    function driftAndGapsDown(uint256[] memory values, uint256 total, uint256 low, uint256 high, int256[] memory gap)
        internal
        pure
        returns (uint256 maxAbs)
    {
        uint256 one = VaultMath.ONE;
        assembly ("memory-safe") {
            function panic(code) {
                mstore(0x00, 0x4e487b71)
                mstore(0x20, code)
                revert(0x1c, 0x24)
            }
            let n := mload(values)
            let gapCount := mload(gap)
            if and(iszero(iszero(gapCount)), lt(gapCount, n)) { panic(0x32) }
            for { let i := 0 } lt(i, n) { i := add(i, 1) } {
                let off := shl(5, add(i, 1))
                let v := mload(add(values, off))
                let word := low
                if gt(i, 3) { word := high }
                let t := and(shr(shl(6, and(i, 3)), word), 0xffffffffffffffff)
                if total {
                    // weight rounded down, as weightsDown: v * ONE / total
                    if gt(v, div(not(0), one)) { panic(0x11) }
                    let w := div(mul(v, one), total)
                    let a := sub(w, t)
                    if lt(w, t) { a := sub(t, w) }
                    if gt(a, maxAbs) { maxAbs := a }
                }
                if gapCount {
                    // gapDown: int256(v) - int256(total * t / ONE)
                    let prod := mul(total, t)
                    if iszero(or(iszero(t), eq(div(prod, t), total))) { panic(0x11) }
                    let tv := div(prod, one)
                    let g := sub(v, tv)
                    if iszero(eq(slt(g, v), sgt(tv, 0))) { panic(0x11) }
                    mstore(add(gap, off), g)
                }
            }
        }
    }

    /// @notice Records leg `i -> j` in the call's sold/bought bitmaps; reverts when an asset would be both.
    function markLeg(uint256 sold, uint256 bought, uint256 i, uint256 j, address tokenIn, address tokenOut)
        internal
        pure
        returns (uint256, uint256)
    {
        if (bought & (1 << i) != 0) revert IRebalancingVault.AssetBoughtAndSold(tokenIn);
        if (sold & (1 << j) != 0) revert IRebalancingVault.AssetBoughtAndSold(tokenOut);
        return (sold | (1 << i), bought | (1 << j));
    }

    /// @notice The part of a leg worth `value`, from `i` to `j`, that moves toward target: at most the seller's
    ///         excess and the buyer's shortfall left; consumes both.
    function towardTargetDown(int256[] memory gap, uint256 i, uint256 j, uint256 value)
        internal
        pure
        returns (uint256 m)
    {
        int256 gi = gap[i];
        int256 gj = gap[j];
        if (gi <= 0 || gj >= 0) return 0;
        m = value;
        if (uint256(gi) < m) m = uint256(gi);
        if (uint256(-gj) < m) m = uint256(-gj);
        gap[i] = gi - int256(m);
        gap[j] = gj + int256(m);
    }

    /// @notice Reverts unless at least MIN_TOWARD_TARGET of `traded` moved toward target.
    function checkTowardTarget(uint256 moved, uint256 traded) internal pure {
        if (moved < traded.mulUp(MIN_TOWARD_TARGET)) revert IRebalancingVault.TradeNotTowardTarget(moved, traded);
    }
}
