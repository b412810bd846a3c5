// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title Fixed-point helpers for price sources
/// @notice 18-decimal ("wad") prices. The rounding direction is in each name.
library OracleMath {
    uint256 internal constant WAD = 1e18;
    uint8 internal constant WAD_DECIMALS = 18;
    /// @dev 10**36 still fits comfortably in uint256; beyond that no real feed exists.
    uint8 internal constant MAX_DECIMALS = 36;

    /// @notice Rescales `value` from `decimals` to 18 decimals. Exact for decimals <= 18; rounds down above 18
    ///         (the dropped digits are below 1 wei of an 18-decimal price).
    /// @dev Reverts (checked arithmetic) if the up-scaled value overflows; callers check `fitsIn18` first to name
    ///      the failure.
    function normalizeDown(uint256 value, uint8 decimals) internal pure returns (uint256) {
        if (decimals <= WAD_DECIMALS) return value * 10 ** (WAD_DECIMALS - decimals);
        return value / 10 ** (decimals - WAD_DECIMALS);
    }

    /// @notice Whether `normalizeDown(value, decimals)` fits in a uint256.
    function fitsIn18(uint256 value, uint8 decimals) internal pure returns (bool) {
        if (decimals >= WAD_DECIMALS) return true;
        return value <= type(uint256).max / 10 ** (WAD_DECIMALS - decimals);
    }

    /// @notice a * b / 1e18, rounded down; no intermediate overflow.
    function mulDown(uint256 a, uint256 b) internal pure returns (uint256) {
        return Math.mulDiv(a, b, WAD);
    }

    /// @notice (hi - lo) / lo as an 18-decimal fraction, rounded UP so a spread just over a bound is never
    ///         rounded into it (the router fails closed). Requires lo > 0 and hi >= lo.
    function relativeSpreadUp(uint256 lo, uint256 hi) internal pure returns (uint256) {
        return Math.mulDiv(hi - lo, WAD, lo, Math.Rounding.Ceil);
    }
}
