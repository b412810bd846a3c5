// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {FixedPoint} from "./FixedPoint.sol";
import {LogExpMath} from "./LogExpMath.sol";

/// @title WeightedMath
/// @notice Swap, join, exit and invariant formulas of a weighted pool with invariant V = prod(B_i ^ w_i).
/// @dev Balances and amounts are already scaled to 18 decimals; normalized weights are in (0, 1e18] and sum to 1e18.
///      Every function rounds in the pool's favour: what the pool pays out is never above the exact value, what it
///      takes in is never below it.
///
///      Swap-like formulas are evaluated as B * (1 - r^w) with 1 - r^w = -expm1(w ln r) and ln r = 2 atanh(...) formed
///      from the integer amounts (LogExpMath.lnRatioQ96 / expm1Q96). That keeps full relative precision even for
///      trades many orders of magnitude below the balance, where B * (1 - pow(r, w)) would cancel catastrophically.
///      The Q96 fraction q is then moved by its error bound in the pool's favour before it multiplies the balance, so
///      the rounding direction holds whatever the sign of the approximation error:
///        shift(q) = floor(q / 2^60) + floor(16 w) + 80 Q96 units, w = num / den the exponent applied.
///
///      Error bound (derivation; 1 unit = 2^-96):
///      1. ln r = lnRatioQ96: s = (a - b) / (a + b) truncated (< 1 unit), |s| <= 0.13 under the 30% ratio limits;
///         the atanh series to s^27 is below 5e-23 relative there; each Horner step truncates (< 1 unit, damped by
///         s^2 <= 0.017) and the final 2 s p truncates once: |d ln r| <= 3.5 units + 5e-23 |ln r|.
///      2. t = ln r * w truncated: |dt| <= 3.5 w + 1 units + 5e-23 |t|.
///      3. expm1Q96(t): range reduction with ln 2 at 2^-160, the [7/7] Pade approximant (2.8e-23 relative), one
///         division and one shift, each truncating (< 1 unit): |d q0| <= e^t |dt| + 2 units + 3e-23 q.
///         For t <= 0 (amounts out: calcOutGivenIn, calcTokenOutGivenExactLpIn) e^t <= 1 and e^t |t| <= 1 - e^t,
///         so |q0 - q| <= (3.5 w + 3) units + 1e-22 q. For t > 0 (amounts in / LP out) the e^t factor turns the
///         absolute units into a relative 2^-96-sized term and the 5e-23 |t| into <= 1.8e-21 relative (t <= 35.3).
///      4. The shift (>= q0 2^-60 + 16 w + 78) exceeds that error, so the result never passes exact. The distance
///         from exact is the shift plus the approximation error (which may point the same way), plus 1 wei of the
///         final truncation:
///           |result - exact| <= exact * (2^-60 + 2e-21) + B * (16 w + 80 + 3.5 w + 3 + 1) * 2^-96 + 1 wei
///                            <= exact * 8.7e-19 + B * (20 w + 88) * 2^-96 + 1 wei,
///         B the balance (or supply) the fraction multiplies, w the exponent. (Single-token joins and exits add the
///         fee's rounding, at most 1 wei of the amount it is taken from.)
///      An earlier statement of this bound left out step 3's error (B * (16 w + 80) * 2^-96 only) and was exceeded by
///      a review case (890.7 wei short against 870.7: 5 tokens, weights 0.36877 / 0.324524, balances 1.78e23 and
///      6.74e29, fee 1e-6); WeightedMathTest checks that case and 230 seeded vectors against the bound above (worst
///      ratio 0.997, set by the 2^-60 relative term).
library WeightedMath {
    using FixedPoint for uint256;

    /// @notice amountIn above MAX_IN_RATIO of the balance in.
    error MaxInRatio();
    /// @notice amountOut above MAX_OUT_RATIO of the balance out.
    error MaxOutRatio();
    /// @notice A weight was zero or above 1e18.
    error InvalidWeight(uint256 weight);
    /// @notice balances and weights have different lengths. (Named apart from the pool's LengthMismatch: one ABI must
    ///         not hold two errors with one selector, or ABI-only clients decode one with the other's field names.)
    error BalancesWeightsLengthMismatch(uint256 balances, uint256 weights);
    /// @notice Spot price asked with a zero balance or weight.
    error ZeroSpotPriceDenominator();
    /// @notice A swap fee above 100% was passed to a join or exit.
    error InvalidSwapFee(uint256 swapFee);
    /// @notice calcInGivenOut was asked against an empty balance in (any amount out would be free).
    error ZeroBalanceIn();

    uint256 internal constant MAX_IN_RATIO = 0.3e18;
    uint256 internal constant MAX_OUT_RATIO = 0.3e18;

    uint256 private constant Q96 = 2 ** 96;

    // ---------------------------------------------------------------------------------------------------------------
    // swaps
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice Tokens out for `amountIn` (already net of fee): Bo * (1 - (Bi / (Bi + Ai)) ^ (wi / wo)).
    /// @dev Rounded DOWN (the pool pays out): the power term is rounded up before it is subtracted.
    ///      Reverts with MaxInRatio when amountIn > 30% of balanceIn.
    function calcOutGivenIn(
        uint256 balanceIn,
        uint256 weightIn,
        uint256 balanceOut,
        uint256 weightOut,
        uint256 amountIn
    ) internal pure returns (uint256 amountOut) {
        if (amountIn > balanceIn.mulDown(MAX_IN_RATIO)) revert MaxInRatio();
        _checkWeight(weightIn);
        _checkWeight(weightOut);
        if (amountIn == 0) return 0;
        // amountIn <= 0.3 balanceIn (checked above without overflow), so the sums below cannot overflow, and
        // |ln| < 2^104 times a weight <= 1e18 fits easily: unchecked is safe and saves most of the gas.
        unchecked {
            // Equal weights: the constant-product formula is exact in integers.
            if (weightIn == weightOut) return _mulDivDown(balanceOut, amountIn, balanceIn + amountIn);
            // ln(Bi / (Bi + Ai)) * wi / wo <= 0; truncation toward zero shrinks |t| and so the output.
            int256 l = LogExpMath.lnRatioQ96(balanceIn + amountIn, balanceIn);
            int256 t = _mulDivSigned(-l, weightIn, weightOut);
            uint256 q = _shrink(uint256(-LogExpMath.expm1Q96(t)), weightIn, weightOut);
            return _mulQ96Down(balanceOut, q);
        }
    }

    /// @notice Tokens in (before fee; the caller adds the fee) to receive `amountOut`:
    ///         Bi * ((Bo / (Bo - Ao)) ^ (wo / wi) - 1).
    /// @dev Rounded UP (the pool receives): the power term is rounded up. Reverts with MaxOutRatio when
    ///      amountOut > 30% of balanceOut, with ZeroBalanceIn when balanceIn is 0.
    function calcInGivenOut(
        uint256 balanceIn,
        uint256 weightIn,
        uint256 balanceOut,
        uint256 weightOut,
        uint256 amountOut
    ) internal pure returns (uint256 amountIn) {
        if (amountOut > balanceOut.mulDown(MAX_OUT_RATIO)) revert MaxOutRatio();
        _checkWeight(weightIn);
        _checkWeight(weightOut);
        if (amountOut == 0) return 0;
        if (balanceIn == 0) revert ZeroBalanceIn();
        unchecked {
            uint256 remaining = balanceOut - amountOut; // amountOut <= 0.3 balanceOut
            if (weightIn == weightOut) return Math.mulDiv(balanceIn, amountOut, remaining, Math.Rounding.Ceil);
            // ln(Bo / (Bo - Ao)) * wo / wi >= 0, at most 99 ln(1/0.7) = 35.3 for weights >= 1%
            int256 t = _mulDivSigned(LogExpMath.lnRatioQ96(balanceOut, remaining), weightOut, weightIn);
            uint256 q = _grow(uint256(LogExpMath.expm1Q96(t)), weightOut, weightIn);
            return _mulQ96Up(balanceIn, q);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // invariant
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice V = prod(B_i ^ w_i), rounded DOWN (used where a smaller invariant favours the pool, e.g. when
    ///         measuring what a depositor added). Returns 0 when any balance is 0.
    function calcInvariantDown(uint256[] memory balances, uint256[] memory weights) internal pure returns (uint256) {
        uint256 raw = _invariantRaw(balances, weights);
        uint256 err = _invariantError(raw);
        unchecked {
            return raw > err ? raw - err : 0;
        }
    }

    /// @notice V = prod(B_i ^ w_i), rounded UP. Returns 0 when any balance is 0.
    function calcInvariantUp(uint256[] memory balances, uint256[] memory weights) internal pure returns (uint256) {
        uint256 raw = _invariantRaw(balances, weights);
        return raw == 0 ? 0 : raw + _invariantError(raw);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // single-token join / exit
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice LP minted for a single-token join of `amountIn`: S * ((1 + A' / B) ^ w - 1), where A' is amountIn less
    ///         the swap fee on its non-proportional part amountIn * (1 - w).
    /// @dev Rounded DOWN (the pool mints): fee rounded up (once, to the wei), power term rounded down. Reverts with MaxInRatio when
    ///      amountIn > 30% of the balance.
    function calcLpOutGivenExactTokenIn(
        uint256 balance,
        uint256 weight,
        uint256 amountIn,
        uint256 totalSupply,
        uint256 swapFee
    ) internal pure returns (uint256 lpOut) {
        if (amountIn > balance.mulDown(MAX_IN_RATIO)) revert MaxInRatio();
        _checkWeight(weight);
        if (amountIn == 0) return 0;
        uint256 fee = _feeOnTaxable(amountIn, weight, swapFee);
        if (fee >= amountIn) return 0;
        unchecked {
            // ln(1 + A'/B) * w >= 0, truncated toward zero; A' <= 0.3 B so nothing here can overflow.
            int256 t = _mulDivSigned(LogExpMath.lnRatioQ96(balance + (amountIn - fee), balance), weight, 1e18);
            uint256 q = _shrink(uint256(LogExpMath.expm1Q96(t)), weight, FixedPoint.ONE);
            return _mulQ96Down(totalSupply, q);
        }
    }

    /// @notice Tokens paid for burning `lpIn` in a single-token exit: B * (1 - (1 - L / S) ^ (1 / w)), less the swap
    ///         fee on its non-proportional part (1 - w).
    /// @dev Rounded DOWN (the pool pays out): power term rounded up, fee rounded up (once, to the wei). Reverts with MaxOutRatio when
    ///      the amount before fee is above 30% of the balance (or lpIn > 30% of the supply, which implies it).
    function calcTokenOutGivenExactLpIn(
        uint256 balance,
        uint256 weight,
        uint256 lpIn,
        uint256 totalSupply,
        uint256 swapFee
    ) internal pure returns (uint256 amountOut) {
        // (1 - x)^(1/w) <= 1 - x for w <= 1, so lpIn / S bounds the balance ratio paid out from below.
        if (lpIn > totalSupply.mulDown(MAX_OUT_RATIO)) revert MaxOutRatio();
        _checkWeight(weight);
        if (lpIn == 0) return 0;
        uint256 withoutFee;
        unchecked {
            // ln(1 - L/S) / w <= 0, truncated toward zero; L <= 0.3 S.
            int256 t = _mulDivSigned(LogExpMath.lnRatioQ96(totalSupply - lpIn, totalSupply), 1e18, weight);
            uint256 q = _shrink(uint256(-LogExpMath.expm1Q96(t)), FixedPoint.ONE, weight);
            withoutFee = _mulQ96Down(balance, q);
        }
        if (withoutFee > balance.mulDown(MAX_OUT_RATIO)) revert MaxOutRatio();
        uint256 fee = _feeOnTaxable(withoutFee, weight, swapFee);
        unchecked {
            return withoutFee > fee ? withoutFee - fee : 0;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // price
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice Spot price of base in quote, (Bq / wq) / (Bb / wb), 18 decimals, without fee. Rounded DOWN.
    function calcSpotPrice(uint256 balanceBase, uint256 weightBase, uint256 balanceQuote, uint256 weightQuote)
        internal
        pure
        returns (uint256)
    {
        uint256 den = balanceBase * weightQuote;
        if (den == 0) revert ZeroSpotPriceDenominator();
        return Math.mulDiv(balanceQuote * weightBase, FixedPoint.ONE, den);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // private
    // ---------------------------------------------------------------------------------------------------------------

    function _invariantRaw(uint256[] memory balances, uint256[] memory weights) private pure returns (uint256) {
        uint256 n = balances.length;
        if (n != weights.length) revert BalancesWeightsLengthMismatch(n, weights.length);
        int256 lnV;
        unchecked {
            // |lnQ96| < 2^104, weights <= 1e18, at most a few dozen terms: no overflow
            for (uint256 i; i < n; ++i) {
                uint256 w = weights[i];
                _checkWeight(w);
                uint256 b = balances[i];
                if (b == 0) return 0;
                lnV += (LogExpMath.lnQ96(b) * int256(w)) / 1e18;
            }
        }
        return LogExpMath.expQ96ToWad(lnV);
    }

    /// @dev ln (1e-23 + 2^-94 absolute each), the weighted sum and exp (3e-23) stay below 1e-22 relative, so
    ///      2^-64 (5.4e-20) leaves 500x headroom; the final truncation to wei costs up to 1 wei.
    function _invariantError(uint256 raw) private pure returns (uint256) {
        unchecked {
            return (raw >> 64) + 1;
        }
    }

    /// @dev Lowers Q96 fraction q by its error bound (see contract notes); `num / den` is the exponent applied.
    function _shrink(uint256 q, uint256 num, uint256 den) private pure returns (uint256 r) {
        assembly ("memory-safe") {
            let err := add(add(shr(60, q), div(mul(16, num), den)), 80)
            r := mul(gt(q, err), sub(q, err))
        }
    }

    /// @dev Raises Q96 fraction q (< 2^200) by its error bound.
    function _grow(uint256 q, uint256 num, uint256 den) private pure returns (uint256 r) {
        assembly ("memory-safe") {
            r := add(q, add(add(shr(60, q), div(mul(16, num), den)), 80))
        }
    }

    /// @dev x * num / den truncated toward zero, for |x| < 2^104 and num, den in [1, 1e18] (checked by callers).
    function _mulDivSigned(int256 x, uint256 num, uint256 den) private pure returns (int256 r) {
        assembly ("memory-safe") {
            r := sdiv(mul(x, num), den)
        }
    }

    /// @dev amount * (1 - weight) * swapFee, rounded up once: the fee on the part of a single-token join or exit
    ///      that is not proportional to the pool (the part that is, in effect, a swap).
    function _feeOnTaxable(uint256 amount, uint256 weight, uint256 swapFee) private pure returns (uint256) {
        if (swapFee > FixedPoint.ONE) revert InvalidSwapFee(swapFee);
        unchecked {
            uint256 rate = weight.complement() * swapFee; // <= 1e36
            if (amount <= type(uint256).max / 1e36) return (amount * rate + (1e36 - 1)) / 1e36;
        }
        return Math.mulDiv(amount, weight.complement() * swapFee, 1e36, Math.Rounding.Ceil);
    }

    /// @dev a * b / d rounded down, with the 512-bit path only when a * b overflows.
    function _mulDivDown(uint256 a, uint256 b, uint256 d) private pure returns (uint256) {
        unchecked {
            if (a <= type(uint256).max / b) return (a * b) / d; // callers pass b > 0
        }
        return Math.mulDiv(a, b, d);
    }

    /// @dev a * q / 2^96 rounded down; the 512-bit path only when a * q overflows.
    function _mulQ96Down(uint256 a, uint256 q) private pure returns (uint256 r) {
        bool wide;
        assembly ("memory-safe") {
            wide := gt(a, div(not(0), q)) // div by 0 is 0 in the EVM: q = 0 takes the (correct) wide path
            r := shr(96, mul(a, q))
        }
        if (wide) r = Math.mulDiv(a, q, Q96);
    }

    /// @dev a * q / 2^96 rounded up; the 512-bit path only when a * q overflows.
    function _mulQ96Up(uint256 a, uint256 q) private pure returns (uint256 r) {
        bool wide;
        assembly ("memory-safe") {
            wide := gt(a, div(not(0), q))
            let p := mul(a, q)
            r := add(shr(96, p), iszero(iszero(and(p, 0xffffffffffffffffffffffff))))
        }
        if (wide) r = Math.mulDiv(a, q, Q96, Math.Rounding.Ceil);
    }

    function _checkWeight(uint256 w) private pure {
        unchecked {
            if (w - 1 >= FixedPoint.ONE) revert InvalidWeight(w); // w == 0 wraps around
        }
    }
}
