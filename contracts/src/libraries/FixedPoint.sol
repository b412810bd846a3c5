// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {LogExpMath} from "./LogExpMath.sol";

/// @title FixedPoint
/// @notice 18-decimal unsigned fixed point arithmetic. Every operation that rounds says which way in its name, so a
///         caller can always pick the direction that favours the pool or vault.
/// @dev Overflow is checked by hand (one division) rather than by the compiler's checked arithmetic, which costs
///      several times more gas per operation under the legacy pipeline; the revert is a named error.
library FixedPoint {
    /// @notice A division had a zero denominator.
    error ZeroDivision();
    /// @notice An intermediate product a * b did not fit in 256 bits.
    error MulOverflow(uint256 a, uint256 b);

    uint256 internal constant ONE = 1e18;
    uint256 internal constant TWO = 2e18;

    /// @notice Relative error bound of LogExpMath.pow (in wad: 10 = 1e-17) for exponents y <= 1e6 (1e24 as wad).
    /// @dev pow's error is below 1e-21 + y * 1e-23 relative before its final 1-wei truncation (measured max over
    ///      the reference vectors: 4e-24), so the bound leaves a factor >= 10 of headroom. Larger exponents add
    ///      y / 1e23 (see _powError).
    uint256 internal constant MAX_POW_RELATIVE_ERROR = 10;
    /// @dev ONE / MAX_POW_RELATIVE_ERROR, written out so no arithmetic runs on constants at call time.
    uint256 private constant POW_ERROR_DIVISOR = 1e17;
    uint256 private constant POW_EXACT_Y_MAX = 1e24;
    /// @dev floor((2^256 - 1) / 1e18): the largest a for which a * ONE fits.
    uint256 private constant MAX_DIV_NUMERATOR = 115792089237316195423570985008687907853269984665640564039457;

    /// @notice a * b, rounded down. Reverts with MulOverflow when a * b exceeds 2^256.
    function mulDown(uint256 a, uint256 b) internal pure returns (uint256 r) {
        bool overflow;
        assembly ("memory-safe") {
            r := mul(a, b)
            overflow := iszero(or(iszero(a), eq(div(r, a), b)))
            r := div(r, 1000000000000000000)
        }
        if (overflow) revert MulOverflow(a, b);
    }

    /// @notice a * b, rounded up. Reverts with MulOverflow when a * b exceeds 2^256.
    function mulUp(uint256 a, uint256 b) internal pure returns (uint256 r) {
        bool overflow;
        assembly ("memory-safe") {
            r := mul(a, b)
            overflow := iszero(or(iszero(a), eq(div(r, a), b)))
            // (r - 1) / ONE + 1 for r > 0, and 0 for r = 0
            r := mul(iszero(iszero(r)), add(div(sub(r, 1), 1000000000000000000), 1))
        }
        if (overflow) revert MulOverflow(a, b);
    }

    /// @notice a / b, rounded down. Reverts with ZeroDivision when b == 0.
    function divDown(uint256 a, uint256 b) internal pure returns (uint256 r) {
        if (b == 0) revert ZeroDivision();
        if (a > MAX_DIV_NUMERATOR) revert MulOverflow(a, ONE);
        assembly ("memory-safe") {
            r := div(mul(a, 1000000000000000000), b)
        }
    }

    /// @notice a / b, rounded up. Reverts with ZeroDivision when b == 0.
    function divUp(uint256 a, uint256 b) internal pure returns (uint256 r) {
        if (b == 0) revert ZeroDivision();
        if (a > MAX_DIV_NUMERATOR) revert MulOverflow(a, ONE);
        assembly ("memory-safe") {
            let n := mul(a, 1000000000000000000)
            r := mul(iszero(iszero(n)), add(div(sub(n, 1), b), 1))
        }
    }

    /// @notice 1 - x, floored at 0 (for fractions such as weights and fees).
    function complement(uint256 x) internal pure returns (uint256) {
        unchecked {
            return x < ONE ? ONE - x : 0;
        }
    }

    /// @notice x^y rounded down: never above the exact value.
    /// @dev pow's result minus its error bound, so the rounding holds whatever the sign of the approximation error.
    function powDown(uint256 x, uint256 y) internal pure returns (uint256) {
        if (y == ONE) return x;
        if (y == TWO) return mulDown(x, x);
        if (y == 0 || x == ONE) return ONE;
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
        if (y == 0 || x == ONE) return ONE;
        if (x == 0) return 0;
        uint256 raw = LogExpMath.pow(x, y);
        unchecked {
            return raw + _powError(raw, y); // raw < 2^255 and the error is a tiny fraction of it
        }
    }

    /// @dev The truncation to wei costs up to 1 wei; the approximation up to raw * MAX_POW_RELATIVE_ERROR / ONE
    ///      (= raw / 1e17, plus 1 for rounding that up).
    function _powError(uint256 raw, uint256 y) private pure returns (uint256 err) {
        unchecked {
            err = raw / POW_ERROR_DIVISOR + 2;
            if (y > POW_EXACT_Y_MAX) err += Math.mulDiv(raw, y / 1e23, ONE) + 1;
        }
    }
}
