// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {LogExpMath} from "./LogExpMath.sol";

/// @title FixedPoint
/// @notice 18-decimal unsigned fixed point arithmetic. Every operation that rounds says which way in its name, so a
///         caller can always pick the direction that favours the pool or vault.
library FixedPoint {
    /// @notice A division had a zero denominator.
    error ZeroDivision();

    uint256 internal constant ONE = 1e18;
    uint256 internal constant TWO = 2e18;

    /// @notice Relative error bound of LogExpMath.pow (in wad: 1e1 = 1e-17) for exponents up to POW_EXACT_Y_MAX.
    /// @dev Measured error is below 1e-21 + y * 1e-23 relative before the final 1-wei truncation; the bound leaves
    ///      a factor >= 10 of headroom. Larger exponents add y / 1e23 (see _powError).
    uint256 internal constant MAX_POW_RELATIVE_ERROR = 10;
    uint256 private constant POW_EXACT_Y_MAX = 1e24;

    /// @notice a * b, rounded down.
    function mulDown(uint256 a, uint256 b) internal pure returns (uint256) {
        return (a * b) / ONE;
    }

    /// @notice a * b, rounded up.
    function mulUp(uint256 a, uint256 b) internal pure returns (uint256) {
        uint256 p = a * b;
        unchecked {
            return p == 0 ? 0 : (p - 1) / ONE + 1;
        }
    }

    /// @notice a / b, rounded down. Reverts with ZeroDivision when b == 0.
    function divDown(uint256 a, uint256 b) internal pure returns (uint256) {
        if (b == 0) revert ZeroDivision();
        return (a * ONE) / b;
    }

    /// @notice a / b, rounded up. Reverts with ZeroDivision when b == 0.
    function divUp(uint256 a, uint256 b) internal pure returns (uint256) {
        if (b == 0) revert ZeroDivision();
        if (a == 0) return 0;
        uint256 n = a * ONE;
        unchecked {
            return (n - 1) / b + 1;
        }
    }

    /// @notice 1 - x, floored at 0 (for fractions such as weights and fees).
    function complement(uint256 x) internal pure returns (uint256) {
        unchecked {
            return x < ONE ? ONE - x : 0;
        }
    }

    /// @notice x^y rounded down: never above the exact value.
    /// @dev pow's result minus its error bound, so the rounding holds whatever the approximation's sign of error.
    function powDown(uint256 x, uint256 y) internal pure returns (uint256) {
        if (y == ONE) return x;
        if (y == TWO) return mulDown(x, x);
        if (y == 0) return ONE;
        if (x == 0) return 0;
        uint256 raw = LogExpMath.pow(x, y);
        uint256 err = _powError(raw, y);
        unchecked {
            return raw > err ? raw - err : 0;
        }
    }

    /// @notice x^y rounded up: never below the exact value.
    function powUp(uint256 x, uint256 y) internal pure returns (uint256) {
        if (y == ONE) return x;
        if (y == TWO) return mulUp(x, x);
        if (y == 0) return ONE;
        if (x == 0) return 0;
        uint256 raw = LogExpMath.pow(x, y);
        return raw + _powError(raw, y);
    }

    /// @dev The truncation to wei costs up to 1 wei; the approximation up to raw * MAX_POW_RELATIVE_ERROR / ONE.
    function _powError(uint256 raw, uint256 y) private pure returns (uint256) {
        uint256 rel = MAX_POW_RELATIVE_ERROR;
        if (y > POW_EXACT_Y_MAX) rel += y / 1e23;
        return mulUp(raw, rel) + 1;
    }
}
