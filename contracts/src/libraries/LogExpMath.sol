// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title LogExpMath
/// @notice Natural logarithm, exponential and power for 18-decimal fixed point numbers ("wad").
/// @dev Internally every value is binary fixed point with 96 fraction bits ("Q96", resolution 1.3e-29), so range
///      reduction by ln 2 is a shift and the final conversion to wad is the only coarse rounding.
///      - ln: x = m * 2^n with m in [1/sqrt2, sqrt2), then ln m = 2 atanh(s), s = (m-1)/(m+1), |s| <= 0.1716, summed
///        as an odd series to s^27 (truncation below 1.3e-23 relative).
///      - exp: x = k ln2 + r with |r| <= ln2/2, then e^r from the [7/7] Pade approximant written as (E + rO)/(E - rO)
///        with E, O even polynomials in r (approximation error below 2.8e-23 relative).
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
    int256 internal constant Q96 = 0x1000000000000000000000000;

    int256 private constant WAD = 1e18;
    /// @dev round(ln(2) * 2^96)
    int256 private constant LN2_Q96 = 54916777467707473351141471128;
    /// @dev round(ln(2) * 2^160): multiples of ln 2 are formed at this precision and then shifted to Q96, so
    ///      n ln 2 costs one rounding instead of n half-units.
    int256 private constant LN2_Q160 = 1013035739299659071135698605846798551586536899366;
    /// @dev round(ln(2^60 / 1e18) * 2^96): a wad 1e18 is 2^60 * 0.867..., so ln of a wad is
    ///      (n - 60) ln 2 + ln m + ln(2^60 / 1e18): a small constant and a small multiple of ln 2.
    int256 private constant LN_2_60_OVER_WAD_Q96 = 11274100950663547446149372772;
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
    int256 private constant EXPM1_MAX_Q96 = 0x64000000000000000000000000; // 100 * 2^96
    /// @dev -70 * 2^96: e^-70 < 2^-100
    int256 private constant EXPM1_MIN_Q96 = -0x46000000000000000000000000;
    /// @dev pow's exponent bound: keeps ln(x) * y inside int256 (|ln x| < 2^104 in Q96).
    uint256 private constant POW_MAX_Y = 2 ** 150;
    /// @dev |s| bound for the atanh series in lnRatioQ96; beyond it ln(a) - ln(b) is used.
    int256 private constant ATANH_MAX_S = 15845632502852867518708790067;

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
    /// @dev Absolute error below 1e-23 (series) + 3 * 2^-96 (rounding), for any x in (0, 2^256).
    function lnQ96(uint256 x) internal pure returns (int256 r) {
        int256 s;
        (s, r) = _lnReduce(x);
        unchecked {
            r += _ln1p1m(s);
        }
    }

    /// @notice ln(x / 1e18) as a wad (rounded to nearest) for a raw x > 0, with the atanh series cut after s^19
    ///         instead of s^27: for the pool oracle's logs, which it writes in the first trade of every block.
    /// @dev The dropped terms sum to at most 2 |s|^21 / 21 / (1 - s^2) < 8e-18 at lnQ96's |s| <= 0.1716, so the
    ///      result is within 10 wei of lnWad(x): far below the oracle's own resolution (1e-12 in a 2-token pool) and
    ///      its TWAP accuracy bound. The oracle writes and reads its logs with this one function, so a reading never
    ///      mixes the two. Saves four multiply-add steps (~56 gas) a log.
    function lnWadOracle(uint256 x) internal pure returns (int256) {
        (int256 s, int256 r) = _lnReduce(x);
        int256 p;
        assembly ("memory-safe") {
            let z := shr(96, mul(s, s))
            p := add(4660480147897902211384938255, shr(96, mul(4169903290224438820712839491, z))) // 1/17, 1/19
            p := add(5281877500950955839569596689, shr(96, mul(p, z))) // 1/15
            p := add(6094474039558795199503380795, shr(96, mul(p, z))) // 1/13
            p := add(7202560228569485235776722758, shr(96, mul(p, z))) // 1/11
            p := add(8803129168251593065949327815, shr(96, mul(p, z))) // 1/9
            p := add(11318308930609191084791992905, shr(96, mul(p, z))) // 1/7
            p := add(15845632502852867518708790067, shr(96, mul(p, z))) // 1/5
            p := add(26409387504754779197847983445, shr(96, mul(p, z))) // 1/3
            p := add(Q96, shr(96, mul(p, z)))
            r := add(r, sar(95, mul(s, p)))
        }
        return _q96ToWadNearest(r);
    }

    /// @dev x = m * 2^n with m in [1/sqrt2, sqrt2): s = (m-1)/(m+1) in Q96 and r = n ln2 - ln(1e18), so that
    ///      ln(x / 1e18) = r + 2 atanh(s).
    function _lnReduce(uint256 x) private pure returns (int256 s, int256 r) {
        if (x == 0) revert LnOfNonPositive(0);
        uint256 n = _log2Floor(x);
        assembly ("memory-safe") {
            // m = x / 2^n in Q96, first with n = floor(log2 x) so m is in [1, 2) ...
            let m := shr(sub(n, 96), x)
            if lt(n, 96) { m := shl(sub(96, n), x) }
            // ... then one more halving when m > sqrt2, so m is in [1/sqrt2, sqrt2) and |s| <= 0.1716
            if gt(m, SQRT2_Q96) {
                n := add(n, 1)
                m := shr(sub(n, 96), x)
                if lt(n, 96) { m := shl(sub(96, n), x) }
            }
            s := sdiv(mul(sub(m, Q96), Q96), add(m, Q96))
            // (n - 60) ln2 at 2^-160 precision, then shifted to Q96 (|n - 60| <= 196 keeps the product < 2^168)
            r := add(sar(64, mul(sub(n, 60), LN2_Q160)), LN_2_60_OVER_WAD_Q96)
        }
    }

    /// @notice ln(a / b) in Q96 for a, b > 0, with RELATIVE precision when a ~ b.
    /// @dev ln(a/b) = 2 atanh((a-b)/(a+b)); the quotient is formed from the integers (exact below 2^160), so a trade
    ///      of 1e-12 of a balance still gets ~1e-17 relative precision. The quotient is truncated toward zero.
    ///      Far-apart or huge operands fall back to lnQ96(a) - lnQ96(b) (absolute precision).
    function lnRatioQ96(uint256 a, uint256 b) internal pure returns (int256) {
        if (a == 0 || b == 0) revert LnRatioOfZero(a, b);
        if ((a | b) >= 2 ** 160) return _lnDiff(a, b);
        int256 s;
        bool far;
        assembly ("memory-safe") {
            s := sdiv(mul(sub(a, b), Q96), add(a, b))
            far := gt(add(s, ATANH_MAX_S), mul(2, ATANH_MAX_S)) // |s| > ATANH_MAX_S, as one unsigned compare
        }
        if (far) return _lnDiff(a, b);
        return _ln1p1m(s);
    }

    function _lnDiff(uint256 a, uint256 b) private pure returns (int256) {
        unchecked {
            return lnQ96(a) - lnQ96(b); // both below 2^104 in magnitude
        }
    }

    /// @notice e^t - 1 in Q96 for a Q96 t <= 100, with RELATIVE precision near t = 0 (truncated toward zero
    ///         for |t| < ln2/2, else absolute error of a few Q96 units times e^t).
    function expm1Q96(int256 t) internal pure returns (int256 result) {
        if (t > EXPM1_MAX_Q96) revert ExpOverflow(t);
        if (t < EXPM1_MIN_Q96) return -0x1000000000000000000000000; // e^t - 1 rounds to -1 in Q96 below t = -70
        (int256 k, int256 e, int256 ro) = _expParts(t);
        assembly ("memory-safe") {
            switch k
            // (E + rO)/(E - rO) - 1 = 2rO / (E - rO): no cancellation for small r.
            case 0 { result := sdiv(mul(mul(2, ro), Q96), sub(e, ro)) }
            default {
                let m := div(mul(add(e, ro), Q96), sub(e, ro))
                switch slt(k, 0)
                case 1 { m := shr(sub(0, k), m) }
                default { m := shl(k, m) }
                result := sub(m, Q96)
            }
        }
    }

    /// @notice e^t for a Q96 t, as a wad rounded down; 0 below 1 wei, reverts with ExpOverflow above int256.
    function expQ96ToWad(int256 t) internal pure returns (uint256 result) {
        if (t <= EXP_MIN_Q96) return 0;
        if (t >= EXP_MAX_Q96) revert ExpOverflow(t);
        (int256 k, int256 e, int256 ro) = _expParts(t);
        assembly ("memory-safe") {
            // e^r in Q96 times 1e18 < 2^158; then scale by 2^k and drop the 96 fraction bits in one shift.
            let m := mul(div(mul(add(e, ro), Q96), sub(e, ro)), 1000000000000000000)
            switch slt(k, 96)
            case 1 { result := shr(sub(96, k), m) }
            default { result := shl(sub(k, 96), m) }
        }
        if (result > uint256(type(int256).max)) revert ExpOverflow(t);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // private kernels
    // ---------------------------------------------------------------------------------------------------------------

    /// @dev Splits Q96 t (|t| < 2^104) into k ln2 + r, k = round(t / ln2), |r| <= ln2/2 + 2^-96, and evaluates the
    ///      [7/7] Pade approximant of e^r as e^r ~ (E + rO) / (E - rO), with (scaled by 14!/7!)
    ///      E = 17297280 + 1995840 r^2 + 25200 r^4 + 56 r^6 and O = 8648640 + 277200 r^2 + 1512 r^4 + r^6.
    ///      E and rO are returned in Q96; the approximation error for |r| <= ln2/2 is 2.8e-23 relative at most.
    function _expParts(int256 t) private pure returns (int256 k, int256 e, int256 ro) {
        assembly ("memory-safe") {
            // sar floors, so + 1/2 makes round-half-up; k ln2 is formed at 2^-160 precision
            k := sar(96, add(sdiv(shl(96, t), LN2_Q96), 0x800000000000000000000000))
            let r := sub(t, sar(64, mul(k, LN2_Q160)))
            let z := shr(96, mul(r, r))
            e := add(mul(56, z), mul(25200, Q96))
            e := add(shr(96, mul(e, z)), mul(1995840, Q96))
            e := add(shr(96, mul(e, z)), mul(17297280, Q96))
            let o := add(z, mul(1512, Q96))
            o := add(shr(96, mul(o, z)), mul(277200, Q96))
            o := add(shr(96, mul(o, z)), mul(8648640, Q96))
            ro := sar(96, mul(r, o))
        }
    }

    /// @dev ln((1+s)/(1-s)) = 2 (s + s^3/3 + ... + s^27/27) in Q96 for Q96 |s| <= 0.2. Truncation error (mpmath,
    ///      50 digits): 9.5e-22 relative at |s| = 0.2, 4.9e-23 at 0.18 (the 30% trade limits), 1.3e-23 at 0.1716
    ///      (lnQ96's range). Coefficients are round(2^96 / (2k+1)); rounding adds about one Q96 unit.
    function _ln1p1m(int256 s) private pure returns (int256 r) {
        assembly ("memory-safe") {
            let z := shr(96, mul(s, s))
            let p := add(3169126500570573503741758013, shr(96, mul(2934376389417197688649775938, z))) // 1/25, 1/27
            p := add(3444702718011492938849736971, shr(96, mul(p, z))) // 1/23
            p := add(3772769643536397028263997635, shr(96, mul(p, z))) // 1/21
            p := add(4169903290224438820712839491, shr(96, mul(p, z))) // 1/19
            p := add(4660480147897902211384938255, shr(96, mul(p, z))) // 1/17
            p := add(5281877500950955839569596689, shr(96, mul(p, z))) // 1/15
            p := add(6094474039558795199503380795, shr(96, mul(p, z))) // 1/13
            p := add(7202560228569485235776722758, shr(96, mul(p, z))) // 1/11
            p := add(8803129168251593065949327815, shr(96, mul(p, z))) // 1/9
            p := add(11318308930609191084791992905, shr(96, mul(p, z))) // 1/7
            p := add(15845632502852867518708790067, shr(96, mul(p, z))) // 1/5
            p := add(26409387504754779197847983445, shr(96, mul(p, z))) // 1/3
            p := add(Q96, shr(96, mul(p, z)))
            r := sar(95, mul(s, p)) // 2 s p / 2^96
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
