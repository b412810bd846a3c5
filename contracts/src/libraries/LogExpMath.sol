// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title LogExpMath
/// @notice Natural logarithm, exponential and power for 18-decimal fixed point numbers ("wad").
/// @dev Internally every value is binary fixed point with 96 fraction bits ("Q96", resolution 1.3e-29), so range
///      reduction by ln 2 is a shift and the final conversion to wad is the only coarse rounding.
///      - ln: x = m * 2^n with m in [1/sqrt2, sqrt2), then ln m = 2 atanh(s), s = (m-1)/(m+1), |s| <= 0.1716, summed
///        as an odd series to s^27 (truncation below 1e-23 relative).
///      - exp: x = k ln2 + r with |r| <= ln2/2, then e^r from the [7/7] Pade approximant written as (E + rO)/(E - rO)
///        with E, O even polynomials in r (approximation error below 1e-22 relative).
///      The same two kernels give relative-accurate ln(a/b) for a ~ b and e^t - 1 for t ~ 0, which WeightedMath uses
///      so that small trades keep full relative precision.
library LogExpMath {
    /// @notice ln was asked of zero or a negative number.
    error LnOfNonPositive(int256 x);
    /// @notice exp(x) does not fit in int256 as a wad (x >= ~135.3e18).
    error ExpOverflow(int256 x);
    /// @notice x^y does not fit in uint256/int256 as a wad, or y is out of the supported range.
    error PowOverflow(uint256 x, uint256 y);
    /// @notice ln(a/b) was asked with a zero operand.
    error LnRatioOfZero(uint256 a, uint256 b);

    /// @dev 1.0 in Q96.
    int256 internal constant Q96 = 2 ** 96;

    int256 private constant WAD = 1e18;
    /// @dev round(ln(2) * 2^96)
    int256 private constant LN2_Q96 = 54916777467707473351141471128;
    /// @dev round(ln(2) * 2^160): multiples of ln 2 are formed at this precision and then shifted to Q96, so
    ///      n ln 2 costs one rounding instead of n half-units.
    int256 private constant LN2_Q160 = 1013035739299659071135698605846798551586536899366;
    /// @dev round(ln(1e18 / 2^60) * 2^96): a wad 1e18 is 2^60 * 0.867..., so ln of a wad is
    ///      (n - 60) ln 2 + ln m - ln(1e18 / 2^60) with a small constant and a small multiple of ln 2.
    int256 private constant LN_WAD_OVER_2_60_Q96 = -11274100950663547446149372772;
    /// @dev round(sqrt(2) * 2^96)
    uint256 private constant SQRT2_Q96 = 112045541949572279837463876455;
    /// @dev Below this wad input, exp(x) < 1e-18 and truncates to 0.
    int256 private constant EXP_MIN_WAD = -41446531673892822313;
    /// @dev From this wad input on, exp(x) as a wad is within 2e-18 relative of 2^255: treated as overflow.
    int256 private constant EXP_MAX_WAD = 135305999368893231588;
    /// @dev EXP_MIN_WAD and EXP_MAX_WAD in Q96.
    int256 private constant EXP_MIN_Q96 = -3283732547111784853622338894910;
    int256 private constant EXP_MAX_Q96 = 10720045707153620850833934791963;
    /// @dev expm1Q96 accepts t up to 100 (e^100 * 2^96 < 2^241).
    int256 private constant EXPM1_MAX_Q96 = 100 * Q96;
    /// @dev pow's exponent bound: keeps ln(x) * y inside int256 (|ln x| < 2^104 in Q96).
    uint256 private constant POW_MAX_Y = 2 ** 150;
    /// @dev |s| bound for the atanh series in lnRatioQ96; beyond it ln(a) - ln(b) is used.
    int256 private constant ATANH_MAX_S = Q96 / 5;

    // ---------------------------------------------------------------------------------------------------------------
    // wad API
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice ln(x) for an 18-decimal x > 0, as an 18-decimal result rounded to nearest (error <= 1 wei; exact 0
    ///         at x = 1e18).
    function lnWad(int256 x) internal pure returns (int256) {
        if (x <= 0) revert LnOfNonPositive(x);
        return _q96ToWadNearest(lnQ96(uint256(x)));
    }

    /// @notice e^x for an 18-decimal x, as an 18-decimal result rounded down (relative error < 1e-21 before the
    ///         final truncation to wei). Returns 0 when the result is below 1 wei; reverts when it exceeds int256.
    function expWad(int256 x) internal pure returns (int256) {
        if (x <= EXP_MIN_WAD) return 0;
        if (x >= EXP_MAX_WAD) revert ExpOverflow(x);
        // x * 2^96 / 1e18 == x * 2^78 / 5^18
        unchecked {
            return int256(expQ96ToWad((x << 78) / 3814697265625));
        }
    }

    /// @notice x^y = e^(y ln x) for 18-decimal x, y, rounded down by the final wei truncation only. Relative error
    ///         below 1e-21 + y * 1e-23 before that truncation (so < 1e-17 + 1 wei for y <= 1e6).
    /// @dev 0^0 = 1, 0^y = 0, x^1 = x and 1^y = 1 exactly.
    function pow(uint256 x, uint256 y) internal pure returns (uint256) {
        if (y == 0) return uint256(WAD);
        if (x == 0) return 0;
        if (y == uint256(WAD) || x == uint256(WAD)) return x;
        if (y >= POW_MAX_Y) revert PowOverflow(x, y);
        int256 t;
        unchecked {
            // |lnQ96| < 2^104 and y < 2^150: the product fits.
            t = (lnQ96(x) * int256(y)) / WAD;
        }
        if (t >= EXP_MAX_Q96) revert PowOverflow(x, y);
        return expQ96ToWad(t);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Q96 kernels (for WeightedMath and FixedPoint)
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice ln(x / 1e18) in Q96 for a raw x > 0 (any scale works for differences: ln a - ln b = ln(a/b)).
    /// @dev Absolute error below 1e-23 (series) + 2^-88 (rounding), for any x in (0, 2^256).
    function lnQ96(uint256 x) internal pure returns (int256 r) {
        if (x == 0) revert LnOfNonPositive(0);
        unchecked {
            uint256 n = _log2Floor(x);
            // Choose n so that m = x / 2^n lies in [1/sqrt2, sqrt2): the atanh argument stays below 0.1716.
            uint256 m = n <= 96 ? x << (96 - n) : x >> (n - 96);
            if (m > SQRT2_Q96) {
                ++n;
                m = n <= 96 ? x << (96 - n) : x >> (n - 96);
            }
            int256 mi = int256(m);
            int256 s = ((mi - Q96) * Q96) / (mi + Q96);
            r = (((int256(n) - 60) * LN2_Q160) >> 64) + _ln1p1m(s) - LN_WAD_OVER_2_60_Q96;
        }
    }

    /// @notice ln(a / b) in Q96 for a, b > 0 and a, b < 2^160, with RELATIVE precision when a ~ b.
    /// @dev ln(a/b) = 2 atanh((a-b)/(a+b)); the quotient is formed from the integers, so a trade of 1e-12 of a
    ///      balance still gets ~1e-17 relative precision. The quotient is truncated toward zero, so |result| is
    ///      never rounded up by more than one Q96 unit.
    function lnRatioQ96(uint256 a, uint256 b) internal pure returns (int256) {
        if (a == 0 || b == 0) revert LnRatioOfZero(a, b);
        int256 ai = int256(a);
        int256 bi = int256(b);
        if (ai < 0 || bi < 0 || a >= 2 ** 160 || b >= 2 ** 160) return lnQ96(a) - lnQ96(b);
        int256 s;
        unchecked {
            s = ((ai - bi) * Q96) / (ai + bi);
        }
        if (s > ATANH_MAX_S || s < -ATANH_MAX_S) return lnQ96(a) - lnQ96(b);
        return _ln1p1m(s);
    }

    /// @notice e^t - 1 in Q96 for a Q96 t <= 100, with RELATIVE precision near t = 0 (truncated toward zero
    ///         for |t| < ln2/2, else absolute error of a few Q96 units times e^t).
    function expm1Q96(int256 t) internal pure returns (int256) {
        if (t > EXPM1_MAX_Q96) revert ExpOverflow(t);
        if (t < -70 * Q96) return -Q96; // e^-70 < 2^-100
        unchecked {
            (int256 k, int256 r) = _reduce(t);
            (int256 e, int256 ro) = _pade(r);
            // (E + rO)/(E - rO) - 1 = 2rO / (E - rO): no cancellation for small r.
            if (k == 0) return (2 * ro * Q96) / (e - ro);
            int256 m = ((e + ro) * Q96) / (e - ro);
            m = k > 0 ? m << uint256(k) : m >> uint256(-k);
            return m - Q96;
        }
    }

    /// @notice e^t for a Q96 t, as a wad rounded down; 0 below 1 wei, reverts with ExpOverflow above int256.
    function expQ96ToWad(int256 t) internal pure returns (uint256 result) {
        if (t <= EXP_MIN_Q96) return 0;
        if (t >= EXP_MAX_Q96) revert ExpOverflow(t);
        unchecked {
            (int256 k, int256 r) = _reduce(t);
            (int256 e, int256 ro) = _pade(r);
            // e^r in Q96 times 1e18 < 2^158; then scale by 2^k and drop the 96 fraction bits in one shift.
            uint256 m = (uint256(((e + ro) * Q96) / (e - ro))) * 1e18;
            result = k >= 96 ? m << uint256(k - 96) : m >> uint256(96 - k);
        }
        if (result > uint256(type(int256).max)) revert ExpOverflow(t);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // private kernels
    // ---------------------------------------------------------------------------------------------------------------

    /// @dev Splits Q96 t into k ln2 + r, k = round(t / ln2), |r| <= ln2/2 + 2^-96.
    function _reduce(int256 t) private pure returns (int256 k, int256 r) {
        unchecked {
            // |t| < 2^104, so t << 96 fits; sar floors, which with the + 1/2 makes a round-half-up.
            k = (((t << 96) / LN2_Q96) + 2 ** 95) >> 96;
            r = t - ((k * LN2_Q160) >> 64);
        }
    }

    /// @dev [7/7] Pade approximant of e^r: e^r ~ (E + rO) / (E - rO) with (scaled by 14!/7!)
    ///      E = 17297280 + 1995840 r^2 + 25200 r^4 + 56 r^6 and O = 8648640 + 277200 r^2 + 1512 r^4 + r^6.
    ///      Both returned in Q96. Error for |r| <= ln2/2 is below 3e-23 relative.
    function _pade(int256 r) private pure returns (int256 e, int256 ro) {
        unchecked {
            int256 z = (r * r) >> 96;
            e = 56 * z + 25200 * Q96;
            e = ((e * z) >> 96) + 1995840 * Q96;
            e = ((e * z) >> 96) + 17297280 * Q96;
            int256 o = z + 1512 * Q96;
            o = ((o * z) >> 96) + 277200 * Q96;
            o = ((o * z) >> 96) + 8648640 * Q96;
            ro = (r * o) >> 96;
        }
    }

    /// @dev ln((1+s)/(1-s)) = 2 (s + s^3/3 + ... + s^27/27) in Q96 for Q96 |s| <= 0.2 (truncation error below
    ///      3e-22 relative there, below 1e-23 for |s| <= 0.1716).
    function _ln1p1m(int256 s) private pure returns (int256) {
        unchecked {
            int256 z = (s * s) >> 96;
            int256 p = 2934376389417197688649775938; // 1/27
            p = 3169126500570573503741758013 + ((p * z) >> 96); // 1/25
            p = 3444702718011492938849736971 + ((p * z) >> 96); // 1/23
            p = 3772769643536397028263997635 + ((p * z) >> 96); // 1/21
            p = 4169903290224438820712839491 + ((p * z) >> 96); // 1/19
            p = 4660480147897902211384938255 + ((p * z) >> 96); // 1/17
            p = 5281877500950955839569596689 + ((p * z) >> 96); // 1/15
            p = 6094474039558795199503380795 + ((p * z) >> 96); // 1/13
            p = 7202560228569485235776722758 + ((p * z) >> 96); // 1/11
            p = 8803129168251593065949327815 + ((p * z) >> 96); // 1/9
            p = 11318308930609191084791992905 + ((p * z) >> 96); // 1/7
            p = 15845632502852867518708790067 + ((p * z) >> 96); // 1/5
            p = 26409387504754779197847983445 + ((p * z) >> 96); // 1/3
            p = Q96 + ((p * z) >> 96);
            return (2 * s * p) >> 96;
        }
    }

    /// @dev Q96 to wad, rounded to nearest (x * 1e18 / 2^96 == x * 5^18 / 2^78).
    function _q96ToWadNearest(int256 x) private pure returns (int256) {
        unchecked {
            return (x * 3814697265625 + 2 ** 77) >> 78;
        }
    }

    /// @dev Index of the most significant bit of x > 0.
    function _log2Floor(uint256 x) private pure returns (uint256 r) {
        assembly ("memory-safe") {
            r := shl(7, lt(0xffffffffffffffffffffffffffffffff, x))
            r := or(r, shl(6, lt(0xffffffffffffffff, shr(r, x))))
            r := or(r, shl(5, lt(0xffffffff, shr(r, x))))
            r := or(r, shl(4, lt(0xffff, shr(r, x))))
            r := or(r, shl(3, lt(0xff, shr(r, x))))
            r := or(r, shl(2, lt(0xf, shr(r, x))))
            r := or(r, shl(1, lt(0x3, shr(r, x))))
            r := or(r, lt(0x1, shr(r, x)))
        }
    }
}
