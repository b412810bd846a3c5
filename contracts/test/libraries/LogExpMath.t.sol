// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {LogExpMath} from "../../src/libraries/LogExpMath.sol";
import {FixedPoint} from "../../src/libraries/FixedPoint.sol";
import {MathHarness} from "./MathHarness.sol";
import {MathLog, ErrorStats} from "./MathLog.sol";
import {MathVectors} from "./MathVectors.sol";

/// @notice LogExpMath against exact 50-digit vectors, round-trip and monotonicity fuzzing, and its revert paths.
contract LogExpMathTest is Test {
    MathHarness internal h;

    int256 internal constant EXP_MAX_INPUT = 135305999368893231587; // largest x with exp(x) below 2^255 wei
    int256 internal constant EXP_ZERO_BELOW = -41446531673892822312; // exp(x) < 1 wei below this

    function setUp() public {
        h = new MathHarness();
    }

    // ---- vectors ----

    function test_lnWad_vectors() public view {
        uint256[] memory v = abi.decode(MathVectors.LN, (uint256[]));
        uint256 maxAbs;
        for (uint256 i; i < v.length; i += MathVectors.LN_WIDTH) {
            int256 x = int256(v[i]);
            int256 exact = int256(v[i + 1]);
            int256 got = LogExpMath.lnWad(x);
            uint256 d = ErrorStats.absDiff(got, exact);
            vm.assertLe(d, 1, string.concat("lnWad off by > 1 wei at x=", vm.toString(x)));
            if (d > maxAbs) maxAbs = d;
        }
        MathLog.log("lnWad max abs error (wei) over vectors", maxAbs);
    }

    /// @dev The pool oracle's shorter series (to s^19): within 10 wei of the exact ln on every vector (the bound the
    ///      library states; the s^19 term alone is worth up to ~300 wei at |s| = 0.1716).
    function test_lnWadOracle_vectors() public view {
        uint256[] memory v = abi.decode(MathVectors.LN, (uint256[]));
        uint256 maxAbs;
        for (uint256 i; i < v.length; i += MathVectors.LN_WIDTH) {
            int256 exact = int256(v[i + 1]);
            uint256 d = ErrorStats.absDiff(LogExpMath.lnWadOracle(v[i]), exact);
            vm.assertLe(d, 10, string.concat("lnWadOracle off by > 10 wei at x=", vm.toString(v[i])));
            if (d > maxAbs) maxAbs = d;
        }
        MathLog.log("lnWadOracle max abs error (wei) over vectors", maxAbs);
    }

    function testFuzz_lnWadOracle_withinTenWeiOfLnWad(uint256 x) public pure {
        x = bound(x, 1, uint256(type(int256).max));
        vm.assertLe(ErrorStats.absDiff(LogExpMath.lnWadOracle(x), LogExpMath.lnWad(int256(x))), 11, "oracle ln vs lnWad");
    }

    function test_expWad_vectors() public view {
        uint256[] memory v = abi.decode(MathVectors.EXP, (uint256[]));
        uint256 maxRel;
        for (uint256 i; i < v.length; i += MathVectors.EXP_WIDTH) {
            int256 x = int256(v[i]);
            uint256 exact = v[i + 1];
            uint256 got = uint256(LogExpMath.expWad(x));
            // floor of a value within 1e-21 relative: at most 1 wei away from the floor of the exact value
            vm.assertLe(
                got > exact ? got - exact : exact - got,
                1 + exact / 1e21,
                string.concat("expWad at x=", vm.toString(x))
            );
            if (exact >= 1e18) {
                uint256 r = ErrorStats.relE27(got, exact);
                if (r > maxRel) maxRel = r;
            }
        }
        MathLog.log("expWad max rel error (1e-27) over vectors with result >= 1", maxRel);
    }

    function test_pow_vectors() public view {
        uint256[] memory v = abi.decode(MathVectors.POW, (uint256[]));
        uint256 maxRel;
        for (uint256 i; i < v.length; i += MathVectors.POW_WIDTH) {
            (uint256 x, uint256 y, uint256 exact) = (v[i], v[i + 1], v[i + 2]);
            uint256 got = LogExpMath.pow(x, y);
            string memory where = string.concat(" at x=", vm.toString(x), " y=", vm.toString(y));
            // 1e-17 relative + 1 wei: the bound FixedPoint.powUp/powDown rely on
            vm.assertLe(got > exact ? got - exact : exact - got, exact / 1e17 + 1, string.concat("pow", where));
            vm.assertLe(FixedPoint.powDown(x, y), exact, string.concat("powDown above exact", where));
            vm.assertGt(FixedPoint.powUp(x, y), exact, string.concat("powUp below exact", where));
            if (exact >= 1e16) {
                uint256 r = ErrorStats.relE27(got, exact);
                if (r > maxRel) maxRel = r;
            }
        }
        MathLog.log("pow max rel error (1e-27) over vectors with result >= 0.01", maxRel);
    }

    // ---- units ----

    function test_knownValues() public pure {
        vm.assertEq(LogExpMath.expWad(0), 1e18, "exp(0)");
        vm.assertEq(LogExpMath.lnWad(1e18), 0, "ln(1)");
        vm.assertEq(LogExpMath.expWad(1e18), 2718281828459045235, "e");
        // floor(e) is 3.6e-19 below e, so ln is 1 - 1.3e-19: nearest wad is 1e18
        vm.assertEq(LogExpMath.lnWad(2718281828459045235), 1e18, "ln(floor(e))");
        vm.assertEq(LogExpMath.lnWad(2718281828459045234), 1e18 - 1, "ln(floor(e) - 1 wei)");
        vm.assertEq(LogExpMath.lnWad(2e18), 693147180559945309, "ln 2");
        vm.assertEq(LogExpMath.pow(4e18, 0.5e18), 2e18, "sqrt 4");
        vm.assertEq(LogExpMath.pow(0, 0), 1e18, "0^0");
        vm.assertEq(LogExpMath.pow(0, 3e18), 0, "0^3");
        vm.assertEq(LogExpMath.pow(123456789, 1e18), 123456789, "x^1");
        vm.assertEq(LogExpMath.expWad(EXP_ZERO_BELOW - 1), 0, "underflow to 0");
        vm.assertEq(LogExpMath.expWad(type(int256).min), 0, "min int");
    }

    function test_expWad_largestInputFitsInt256() public pure {
        int256 e = LogExpMath.expWad(EXP_MAX_INPUT);
        // exp(135.305999368893231587) = 2^255 * (1 - 3.07e-18) in wei
        vm.assertGt(uint256(e), uint256(type(int256).max) - uint256(type(int256).max) / 1e17, "close to 2^255");
    }

    function test_expm1Q96_smallArgumentsKeepRelativePrecision() public pure {
        int256 q = LogExpMath.Q96;
        // e^t - 1 = t + t^2/2 + ...: for t = 2^-60 the second term is 2^-121, far below one Q96 unit of t
        int256 t = q >> 60;
        vm.assertEq(LogExpMath.expm1Q96(t), t, "expm1 tiny");
        // e^-t - 1 = -t + t^2/2: truncation toward zero lands one unit above -t
        vm.assertEq(LogExpMath.expm1Q96(-t), -t + 1, "expm1 tiny negative");
        vm.assertEq(LogExpMath.expm1Q96(0), 0, "expm1(0)");
        vm.assertEq(LogExpMath.expm1Q96(-80 * q), -q, "expm1 very negative");
    }

    function test_lnRatioQ96_matchesLnDifference() public pure {
        // ln(1 + 1e-20) = 1e-20 - 5e-41 = 792281625.14 Q96 units; 2 atanh(1 / (2e20 + 1)) truncates to 792281624
        int256 r = LogExpMath.lnRatioQ96(1e20 + 1, 1e20);
        vm.assertTrue(r >= 792281623 && r <= 792281625, "tiny ratio keeps precision");
        vm.assertEq(LogExpMath.lnRatioQ96(1e20, 1e20 + 1), -r, "antisymmetric");
        // far apart: falls back to lnQ96 differences
        int256 far = LogExpMath.lnRatioQ96(3e18, 1e18);
        int256 viaLn = LogExpMath.lnQ96(3e18) - LogExpMath.lnQ96(1e18);
        vm.assertEq(far, viaLn, "fallback");
    }

    // ---- fuzz ----

    function testFuzz_lnOfExp(int256 x) public pure {
        x = int256(bound(uint256(x), 0, uint256(EXP_MAX_INPUT - EXP_ZERO_BELOW))) + EXP_ZERO_BELOW;
        int256 e = LogExpMath.expWad(x);
        if (e == 0) return;
        // one wei of e is a relative step of 1/e: that is what ln can give back
        uint256 tol = 1e18 / uint256(e) + 2;
        vm.assertLe(ErrorStats.absDiff(LogExpMath.lnWad(e), x), tol, "ln(exp(x)) != x");
    }

    function testFuzz_expOfLn(uint256 x) public pure {
        x = bound(x, 1, 1e58 * 1e18);
        uint256 back = uint256(LogExpMath.expWad(LogExpMath.lnWad(int256(x))));
        // ln is within 0.5 wei + 1e-23 absolute: e^that is a 6e-19 relative step, plus the final wei
        vm.assertApproxEqAbs(back, x, x / 1e18 + 1, "exp(ln(x)) != x");
    }

    function testFuzz_powOfOne(uint256 x) public pure {
        x = bound(x, 1, 1e70);
        vm.assertEq(LogExpMath.pow(x, 1e18), x, "x^1");
        vm.assertEq(LogExpMath.pow(x, 0), 1e18, "x^0");
    }

    function testFuzz_powOfOneBase(uint256 y) public pure {
        y = bound(y, 0, 1e30);
        vm.assertEq(LogExpMath.pow(1e18, y), 1e18, "1^y");
        vm.assertLe(FixedPoint.powDown(1e18, y), 1e18, "powDown(1, y) <= 1");
        vm.assertGe(FixedPoint.powUp(1e18, y), 1e18, "powUp(1, y) >= 1");
    }

    function testFuzz_powProduct(uint256 x, uint256 a, uint256 b) public pure {
        // x^a * x^b == x^(a+b) within the error bounds of the three powers
        x = bound(x, 1e12, 1e24);
        a = bound(a, 1e16, 99e18);
        b = bound(b, 1e16, 99e18);
        if (_exponentTooLarge(x, a + b)) return;
        uint256 ab = LogExpMath.pow(x, a + b);
        if (ab < 1e9 || ab > 1e50) return;
        uint256 prod = FixedPoint.mulDown(LogExpMath.pow(x, a), LogExpMath.pow(x, b));
        vm.assertApproxEqRel(prod, ab, 1e9, "x^a * x^b"); // 1e-9: the factors themselves are rounded to wei
    }

    function testFuzz_lnMonotone(uint256 a, uint256 b) public pure {
        a = bound(a, 1, type(uint128).max);
        b = bound(b, 1, type(uint128).max);
        (uint256 lo, uint256 hi) = a < b ? (a, b) : (b, a);
        vm.assertLe(LogExpMath.lnWad(int256(lo)), LogExpMath.lnWad(int256(hi)), "ln not monotone");
    }

    function testFuzz_expMonotone(int256 a, int256 b) public pure {
        a = int256(bound(uint256(a), 0, 177e18)) - 42e18;
        b = int256(bound(uint256(b), 0, 177e18)) - 42e18;
        (int256 lo, int256 hi) = a < b ? (a, b) : (b, a);
        vm.assertLe(LogExpMath.expWad(lo), LogExpMath.expWad(hi), "exp not monotone");
    }

    function testFuzz_powMonotoneInBase(uint256 x1, uint256 x2, uint256 y) public pure {
        x1 = bound(x1, 1e12, 1e24);
        x2 = bound(x2, 1e12, 1e24);
        y = bound(y, 1e16, 99e18);
        (uint256 lo, uint256 hi) = x1 < x2 ? (x1, x2) : (x2, x1);
        if (_exponentTooLarge(lo, y) || _exponentTooLarge(hi, y)) return;
        vm.assertLe(FixedPoint.powDown(lo, y), FixedPoint.powUp(hi, y), "pow not monotone");
        vm.assertLe(LogExpMath.pow(lo, y), LogExpMath.pow(hi, y), "raw pow not monotone");
    }

    /// @dev x^y above 1e50 (pow reverts from ~1e58)
    function _exponentTooLarge(uint256 x, uint256 y) private pure returns (bool) {
        int256 l = LogExpMath.lnWad(int256(x));
        return l > 0 && uint256(l) * y / 1e18 > 115e18;
    }

    // ---- reverts ----

    function test_lnWad_revertsOnNonPositive() public {
        vm.expectRevert(abi.encodeWithSelector(LogExpMath.LnOfNonPositive.selector, int256(0)));
        h.lnWad(0);
        vm.expectRevert(abi.encodeWithSelector(LogExpMath.LnOfNonPositive.selector, int256(-1)));
        h.lnWad(-1);
    }

    function test_expWad_revertsOnOverflow() public {
        vm.expectRevert(abi.encodeWithSelector(LogExpMath.ExpOverflow.selector, EXP_MAX_INPUT + 1));
        h.expWad(EXP_MAX_INPUT + 1);
    }

    function test_pow_revertsOnOverflow() public {
        vm.expectRevert(abi.encodeWithSelector(LogExpMath.PowOverflow.selector, uint256(1e24), uint256(30e18)));
        h.pow(1e24, 30e18); // 1e180
        vm.expectRevert(abi.encodeWithSelector(LogExpMath.PowOverflow.selector, uint256(2e18), uint256(2 ** 150)));
        h.pow(2e18, 2 ** 150);
    }

    function test_lnRatio_revertsOnZero() public {
        vm.expectRevert(abi.encodeWithSelector(LogExpMath.LnRatioOfZero.selector, uint256(0), uint256(1)));
        h.lnRatioQ96(0, 1);
    }

    function test_expm1_revertsAbove100() public {
        int256 t = 100 * LogExpMath.Q96 + 1;
        vm.expectRevert(abi.encodeWithSelector(LogExpMath.ExpOverflow.selector, t));
        h.expm1Q96(t);
    }
}
