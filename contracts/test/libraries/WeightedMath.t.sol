// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {WeightedMath} from "../../src/libraries/WeightedMath.sol";
import {MathHarness} from "./MathHarness.sol";
import {MathLog, ErrorStats} from "./MathLog.sol";
import {MathVectors} from "./MathVectors.sol";

/// @notice WeightedMath against exact 50-digit vectors (rounding direction and 1e-12 accuracy), fuzzed pool-favour
///         properties, and revert paths.
contract WeightedMathTest is Test {
    MathHarness internal h;

    /// @dev Accuracy the pool is promised: 1e-12 relative, plus a floor for outputs of a handful of wei.
    uint256 internal constant MAX_REL = 1e6; // 1e-12 in 1e18 units
    uint256 internal constant ABS_FLOOR = 2; // wei

    function setUp() public {
        h = new MathHarness();
    }

    // ---- vectors ----

    function test_calcOutGivenIn_vectors() public view {
        uint256[] memory v = abi.decode(MathVectors.OUT_GIVEN_IN, (uint256[]));
        uint256 maxRel;
        uint256 maxWei;
        for (uint256 i; i < v.length; i += MathVectors.OUT_GIVEN_IN_WIDTH) {
            uint256 got = WeightedMath.calcOutGivenIn(v[i], v[i + 1], v[i + 2], v[i + 3], v[i + 4]);
            uint256 exact = v[i + 5]; // floor of the exact value: got <= exact <=> got <= exact real
            vm.assertLe(got, exact, string.concat("out above exact, row ", vm.toString(i / 6)));
            _assertClose(got, exact, _floor(v[i + 2], v[i + 1], v[i + 3]), i / 6);
            (maxRel, maxWei) = _track(got, exact, _nonTiny(v[i + 4], v[i]), maxRel, maxWei);
        }
        MathLog.log("calcOutGivenIn max rel error (1e-27), non-tiny trades", maxRel);
    }

    // ---- the error bound stated in WeightedMath's header ----

    /// @dev The review's case (5 tokens, fee 1e-6 already taken): 890.7 wei short of exact, above the 870.7 the old
    ///      header allowed (its bound left out the approximation error the shift is there to cover), inside the
    ///      derived r * 8.7e-19 + B * (20 w + 88) * 2^-96 + 1 = 977.4.
    function test_calcOutGivenIn_reviewCase_withinDerivedBound() public pure {
        uint256[] memory v = abi.decode(MathVectors.OUT_GIVEN_IN_BOUND, (uint256[]));
        (uint256 bi, uint256 wi, uint256 bo, uint256 wo, uint256 ai) = (v[0], v[1], v[2], v[3], v[4]);
        vm.assertEq(bi, 178e21, "row 0 is the review's case");
        vm.assertEq(ai, 9209426573121, "amount in, net of the 1e-6 fee");
        uint256 got = WeightedMath.calcOutGivenIn(bi, wi, bo, wo, ai);
        uint256 exact = v[5]; // floor(39626092297475255986.17)
        vm.assertLe(got, exact, "pool's favour");
        uint256 short = exact + 1 - got; // >= the real shortfall
        uint256 oldBound = exact * 87 / 1e20 + bo * ((16 * wi) / wo + 80) / 2 ** 96 + 1;
        vm.assertGt(short, oldBound, "the old header's bound is exceeded (the review's finding)");
        vm.assertLe(short, _outBound(exact, bo, wi, wo), "derived bound");
    }

    /// @dev Every vector whose absolute term dominates (balance out up to 1e43, trades of 1e-12..1e-6 of the balance
    ///      in, random weights) and every general vector stays inside the derived bound, on the pool's side. The worst
    ///      ratio (0.997) is set by the relative term: the shift's 2^-60 = 8.674e-19 against the stated 8.7e-19.
    function test_calcOutGivenIn_derivedBound_allVectors() public view {
        uint256 worst; // shortfall / bound in 1e18
        bytes[2] memory tables = [MathVectors.OUT_GIVEN_IN_BOUND, MathVectors.OUT_GIVEN_IN];
        for (uint256 tb; tb < 2; ++tb) {
            uint256[] memory v = abi.decode(tables[tb], (uint256[]));
            for (uint256 i; i < v.length; i += 6) {
                uint256 got = WeightedMath.calcOutGivenIn(v[i], v[i + 1], v[i + 2], v[i + 3], v[i + 4]);
                vm.assertLe(got, v[i + 5], string.concat("above exact, row ", vm.toString(i / 6)));
                uint256 bound = _outBound(v[i + 5], v[i + 2], v[i + 1], v[i + 3]);
                uint256 short = v[i + 5] + 1 - got;
                vm.assertLe(short, bound, string.concat("beyond the derived bound, row ", vm.toString(i / 6)));
                if (short * 1e18 / bound > worst) worst = short * 1e18 / bound;
            }
        }
        MathLog.log("calcOutGivenIn worst shortfall / derived bound (1e18)", worst);
    }

    /// @dev The same bound for amounts in: exponent wo / wi, balance in.
    function test_calcInGivenOut_derivedBound_allVectors() public view {
        uint256[] memory v = abi.decode(MathVectors.IN_GIVEN_OUT, (uint256[]));
        for (uint256 i; i < v.length; i += 6) {
            uint256 got = WeightedMath.calcInGivenOut(v[i], v[i + 1], v[i + 2], v[i + 3], v[i + 4]);
            vm.assertGe(got, v[i + 5], string.concat("below exact, row ", vm.toString(i / 6)));
            uint256 excess = got + 1 - v[i + 5]; // >= the real excess over the exact value
            vm.assertLe(excess, _outBound(v[i + 5], v[i], v[i + 3], v[i + 1]), string.concat("beyond bound, row ", vm.toString(i / 6)));
        }
    }

    /// @dev ceil(exact * 8.7e-19 + Bo * (20 wi / wo + 88) * 2^-96) + 1: WeightedMath's header bound.
    function _outBound(uint256 exact, uint256 bo, uint256 wi, uint256 wo) private pure returns (uint256) {
        return exact * 87 / 1e20 + 1 + (bo * (20 * wi + 88 * wo) / wo + 2 ** 96 - 1) / 2 ** 96 + 1;
    }

    function test_calcInGivenOut_vectors() public view {
        uint256[] memory v = abi.decode(MathVectors.IN_GIVEN_OUT, (uint256[]));
        uint256 maxRel;
        uint256 maxWei;
        for (uint256 i; i < v.length; i += MathVectors.IN_GIVEN_OUT_WIDTH) {
            uint256 got = WeightedMath.calcInGivenOut(v[i], v[i + 1], v[i + 2], v[i + 3], v[i + 4]);
            uint256 exact = v[i + 5]; // ceil of the exact value
            vm.assertGe(got, exact, string.concat("in below exact, row ", vm.toString(i / 6)));
            _assertClose(got, exact, 2 * _floor(v[i], v[i + 3], v[i + 1]), i / 6);
            (maxRel, maxWei) = _track(got, exact, _nonTiny(v[i + 4], v[i + 2]), maxRel, maxWei);
        }
        MathLog.log("calcInGivenOut max rel error (1e-27), non-tiny trades", maxRel);
    }

    function test_calcLpOutGivenExactTokenIn_vectors() public view {
        uint256[] memory v = abi.decode(MathVectors.JOIN, (uint256[]));
        uint256 maxRel;
        uint256 maxWei;
        for (uint256 i; i < v.length; i += MathVectors.JOIN_WIDTH) {
            uint256 got = WeightedMath.calcLpOutGivenExactTokenIn(v[i], v[i + 1], v[i + 2], v[i + 3], v[i + 4]);
            uint256 exact = v[i + 5];
            vm.assertLe(got, exact, string.concat("lpOut above exact, row ", vm.toString(i / 6)));
            // the fee is rounded up to the wei of amountIn: up to 1 wei, worth S w / B of LP
            _assertClose(got, exact, _floor(v[i + 3], v[i + 1], 1e18) + v[i + 3] / v[i] + 1, i / 6);
            (maxRel, maxWei) = _track(got, exact, _nonTiny(v[i + 2], v[i]), maxRel, maxWei);
        }
        MathLog.log("calcLpOutGivenExactTokenIn max rel error (1e-27), non-tiny trades", maxRel);
    }

    function test_calcTokenOutGivenExactLpIn_vectors() public view {
        uint256[] memory v = abi.decode(MathVectors.EXIT, (uint256[]));
        uint256 maxRel;
        uint256 maxWei;
        for (uint256 i; i < v.length; i += MathVectors.EXIT_WIDTH) {
            uint256 got = WeightedMath.calcTokenOutGivenExactLpIn(v[i], v[i + 1], v[i + 2], v[i + 3], v[i + 4]);
            uint256 exact = v[i + 5];
            vm.assertLe(got, exact, string.concat("exit out above exact, row ", vm.toString(i / 6)));
            _assertClose(got, exact, _floor(v[i], 1e18, v[i + 1]) + 2, i / 6);
            (maxRel, maxWei) = _track(got, exact, _nonTiny(v[i + 2], v[i + 3]), maxRel, maxWei);
        }
        MathLog.log("calcTokenOutGivenExactLpIn max rel error (1e-27), non-tiny trades", maxRel);
    }

    function test_calcInvariant_vectors() public view {
        uint256[] memory v = abi.decode(MathVectors.INVARIANT, (uint256[]));
        uint256 w = MathVectors.INVARIANT_WIDTH;
        uint256 maxRel;
        for (uint256 i; i < v.length; i += w) {
            uint256 n = v[i];
            uint256[] memory b = new uint256[](n);
            uint256[] memory ws = new uint256[](n);
            for (uint256 j; j < n; ++j) {
                b[j] = v[i + 1 + j];
                ws[j] = v[i + 9 + j];
            }
            uint256 down = WeightedMath.calcInvariantDown(b, ws);
            uint256 up = WeightedMath.calcInvariantUp(b, ws);
            (uint256 floorV, uint256 ceilV) = (v[i + 17], v[i + 18]);
            string memory row = vm.toString(i / w);
            vm.assertLe(down, floorV, string.concat("invariant down above exact, row ", row));
            vm.assertGe(up, ceilV, string.concat("invariant up below exact, row ", row));
            vm.assertLe(up - down, up / 9e18 + 3, string.concat("invariant bounds too wide, row ", row));
            uint256 r = ErrorStats.relE27(down, floorV);
            if (r > maxRel) maxRel = r;
        }
        MathLog.log("calcInvariantDown max rel error (1e-27)", maxRel);
    }

    // ---- units ----

    function test_calcOutGivenIn_equalWeightsIsConstantProduct() public pure {
        // 100 in against 1000/1000 at 50/50: 1000 * 100 / 1100 = 90.9090...
        uint256 out = WeightedMath.calcOutGivenIn(1000e18, 0.5e18, 1000e18, 0.5e18, 100e18);
        vm.assertEq(out, 90909090909090909090, "x*y=k");
    }

    function test_calcOutGivenIn_8020() public pure {
        // 80/20 pool, 10 in of the 80% token (balance 1000) against 500 of the 20% token:
        // 500 * (1 - (1000/1010)^4) = 19.509827758591858587975...
        uint256 out = WeightedMath.calcOutGivenIn(1000e18, 0.8e18, 500e18, 0.2e18, 10e18);
        vm.assertLe(out, 19509827758591858587, "not above exact");
        vm.assertApproxEqRel(out, 19509827758591858587, 1e0, "80/20 within 1e-18");
    }

    function test_calcSpotPrice() public pure {
        vm.assertEq(WeightedMath.calcSpotPrice(100e18, 0.5e18, 200e18, 0.5e18), 2e18, "50/50");
        // base 80% with 1000, quote 20% with 500: (500/0.2)/(1000/0.8) = 2
        vm.assertEq(WeightedMath.calcSpotPrice(1000e18, 0.8e18, 500e18, 0.2e18), 2e18, "80/20");
        vm.assertEq(WeightedMath.calcSpotPrice(3e18, 0.5e18, 1e18, 0.5e18), 333333333333333333, "rounded down");
    }

    function test_zeroAmountsGiveZero() public pure {
        vm.assertEq(WeightedMath.calcOutGivenIn(1e18, 0.5e18, 1e18, 0.3e18, 0), 0, "out(0)");
        vm.assertEq(WeightedMath.calcInGivenOut(1e18, 0.5e18, 1e18, 0.3e18, 0), 0, "in(0)");
        vm.assertEq(WeightedMath.calcLpOutGivenExactTokenIn(1e18, 0.5e18, 0, 1e18, 1e16), 0, "join(0)");
        vm.assertEq(WeightedMath.calcTokenOutGivenExactLpIn(1e18, 0.5e18, 0, 1e18, 1e16), 0, "exit(0)");
    }

    function test_calcInvariant_zeroBalanceIsZero() public pure {
        uint256[] memory b = new uint256[](2);
        uint256[] memory w = new uint256[](2);
        (b[0], w[0], w[1]) = (5e18, 0.5e18, 0.5e18);
        vm.assertEq(WeightedMath.calcInvariantDown(b, w), 0, "down");
        vm.assertEq(WeightedMath.calcInvariantUp(b, w), 0, "up");
    }

    // ---- fuzz ----

    function testFuzz_swapRoundTripNeverProfits(uint256 bi, uint256 bo, uint256 wi, uint256 ai) public pure {
        bi = bound(bi, 1e6, 1e30);
        bo = bound(bo, 1e6, 1e30);
        wi = bound(wi, 0.01e18, 0.99e18);
        uint256 wo = 1e18 - wi;
        ai = bound(ai, 0, bi * 3 / 10);
        uint256 out = WeightedMath.calcOutGivenIn(bi, wi, bo, wo, ai);
        vm.assertLe(out, bo, "out above balance");
        // swap the output straight back against the updated balances: exact math returns ai, rounding less
        if (out > (bo - out) * 3 / 10) return;
        uint256 back = WeightedMath.calcOutGivenIn(bo - out, wo, bi + ai, wi, out);
        vm.assertLe(back, ai, "round trip profits");
    }

    function testFuzz_exactOutCostsAtLeastExactIn(uint256 bi, uint256 bo, uint256 wi, uint256 ao) public pure {
        bi = bound(bi, 1e6, 1e30);
        bo = bound(bo, 1e6, 1e30);
        wi = bound(wi, 0.01e18, 0.99e18);
        uint256 wo = 1e18 - wi;
        ao = bound(ao, 0, bo * 3 / 10);
        uint256 ain = WeightedMath.calcInGivenOut(bi, wi, bo, wo, ao);
        if (ain > bi * 3 / 10) return;
        // ain is at least the exact price of ao, so exact-in with ain buys ao less only the rounding of each side
        uint256 out = WeightedMath.calcOutGivenIn(bi, wi, bo, wo, ain);
        vm.assertGe(out + 2 + ao / 1e17 + _floor(bo, wi, wo), ao, "the two swap directions disagree");
        // selling ao straight back cannot return more than ain: the buy left the invariant >= its start
        if (ao > (bo - ao) * 3 / 10) return;
        uint256 back = WeightedMath.calcOutGivenIn(bo - ao, wo, bi + ain, wi, ao);
        vm.assertLe(back, ain, "exact-out round trip profits");
    }

    function testFuzz_outMonotoneInAmount(uint256 bi, uint256 bo, uint256 wi, uint256 a1, uint256 a2) public pure {
        bi = bound(bi, 1e6, 1e30);
        bo = bound(bo, 1e6, 1e30);
        wi = bound(wi, 0.01e18, 0.99e18);
        a1 = bound(a1, 0, bi * 3 / 10);
        a2 = bound(a2, 0, bi * 3 / 10);
        (uint256 lo, uint256 hi) = a1 < a2 ? (a1, a2) : (a2, a1);
        vm.assertLe(
            WeightedMath.calcOutGivenIn(bi, wi, bo, 1e18 - wi, lo),
            WeightedMath.calcOutGivenIn(bi, wi, bo, 1e18 - wi, hi),
            "out not monotone"
        );
    }

    function testFuzz_swapKeepsInvariant(uint256 bi, uint256 bo, uint256 wi, uint256 ai) public pure {
        bi = bound(bi, 1e18, 1e30);
        bo = bound(bo, 1e18, 1e30);
        wi = bound(wi, 0.01e18, 0.99e18);
        ai = bound(ai, bi / 1e6, bi * 3 / 10);
        uint256 out = WeightedMath.calcOutGivenIn(bi, wi, bo, 1e18 - wi, ai);
        uint256[] memory b = new uint256[](2);
        uint256[] memory w = new uint256[](2);
        (b[0], b[1], w[0], w[1]) = (bi, bo, wi, 1e18 - wi);
        uint256 before = WeightedMath.calcInvariantDown(b, w);
        (b[0], b[1]) = (bi + ai, bo - out);
        uint256 afterSwap = WeightedMath.calcInvariantUp(b, w);
        // exact math keeps V; the two roundings are 1.4e-17 relative each
        vm.assertGe(afterSwap + afterSwap / 1e16, before, "swap lowered the invariant");
    }

    function testFuzz_joinThenExitNeverProfits(uint256 b, uint256 w, uint256 a, uint256 s, uint256 fee) public pure {
        b = bound(b, 1e12, 1e30);
        s = bound(s, 1e12, 1e30);
        w = bound(w, 0.01e18, 0.99e18);
        fee = bound(fee, 0, 0.1e18);
        a = bound(a, 0, b * 3 / 10);
        uint256 lp = WeightedMath.calcLpOutGivenExactTokenIn(b, w, a, s, fee);
        if (lp > (s + lp) * 3 / 10) return;
        uint256 back = WeightedMath.calcTokenOutGivenExactLpIn(b + a, w, lp, s + lp, fee);
        vm.assertLe(back, a, "join+exit profits");
    }

    function testFuzz_spotPriceInverse(uint256 bb, uint256 bq, uint256 wb) public pure {
        bb = bound(bb, 1e15, 1e30);
        bq = bound(bq, 1e15, 1e30);
        wb = bound(wb, 0.01e18, 0.99e18);
        uint256 p = WeightedMath.calcSpotPrice(bb, wb, bq, 1e18 - wb);
        uint256 inv = WeightedMath.calcSpotPrice(bq, 1e18 - wb, bb, wb);
        if (p < 1e9 || inv < 1e9) return; // rounding to wei dominates tiny prices
        // p * inv == 1 with each rounded down by < 1 wei
        vm.assertApproxEqRel(p * inv / 1e18, 1e18, 2e9, "price inverse");
        vm.assertLe(p * inv / 1e18, 1e18, "both rounded down");
    }

    // ---- reverts ----

    function test_calcOutGivenIn_revertsAboveMaxInRatio() public {
        vm.expectRevert(WeightedMath.MaxInRatio.selector);
        h.calcOutGivenIn(100e18, 0.5e18, 100e18, 0.5e18, 30e18 + 1);
    }

    function test_calcInGivenOut_revertsAboveMaxOutRatio() public {
        vm.expectRevert(WeightedMath.MaxOutRatio.selector);
        h.calcInGivenOut(100e18, 0.5e18, 100e18, 0.5e18, 30e18 + 1);
    }

    function test_join_revertsAboveMaxInRatio() public {
        vm.expectRevert(WeightedMath.MaxInRatio.selector);
        h.calcLpOutGivenExactTokenIn(100e18, 0.5e18, 30e18 + 1, 100e18, 0);
    }

    function test_exit_revertsAboveMaxOutRatio() public {
        // 20% of the supply against a 50% weight pays out 1 - 0.8^2 = 36% of the balance
        vm.expectRevert(WeightedMath.MaxOutRatio.selector);
        h.calcTokenOutGivenExactLpIn(100e18, 0.5e18, 20e18, 100e18, 0);
        vm.expectRevert(WeightedMath.MaxOutRatio.selector);
        h.calcTokenOutGivenExactLpIn(100e18, 0.99e18, 30e18 + 1, 100e18, 0);
    }

    function test_revertsOnInvalidWeight() public {
        vm.expectRevert(abi.encodeWithSelector(WeightedMath.InvalidWeight.selector, uint256(0)));
        h.calcOutGivenIn(100e18, 0, 100e18, 0.5e18, 1e18);
        vm.expectRevert(abi.encodeWithSelector(WeightedMath.InvalidWeight.selector, uint256(1e18 + 1)));
        h.calcInGivenOut(100e18, 0.5e18, 100e18, 1e18 + 1, 1e18);
    }

    function test_calcInvariant_revertsOnLengthMismatch() public {
        vm.expectRevert(abi.encodeWithSelector(WeightedMath.BalancesWeightsLengthMismatch.selector, uint256(2), uint256(3)));
        h.calcInvariantDown(new uint256[](2), new uint256[](3));
    }

    function test_calcInGivenOut_revertsOnEmptyBalanceIn() public {
        vm.expectRevert(WeightedMath.ZeroBalanceIn.selector);
        h.calcInGivenOut(0, 0.5e18, 100e18, 0.5e18, 1e18);
    }

    function test_joinExit_revertOnFeeAboveOne() public {
        vm.expectRevert(abi.encodeWithSelector(WeightedMath.InvalidSwapFee.selector, uint256(1e18 + 1)));
        h.calcLpOutGivenExactTokenIn(100e18, 0.5e18, 1e18, 100e18, 1e18 + 1);
        vm.expectRevert(abi.encodeWithSelector(WeightedMath.InvalidSwapFee.selector, uint256(1e18 + 1)));
        h.calcTokenOutGivenExactLpIn(100e18, 0.5e18, 1e18, 100e18, 1e18 + 1);
    }

    function test_join_feeOnlyOnNonProportionalPart() public pure {
        // 50% weight, 10% fee, 10 in against 100: taxable 5, fee 0.5, net 9.5; lp = 100 * (sqrt(1.095) - 1)
        // = 4.6422476822817486635...; floor of the exact value from decimal: 4642247682281748663
        uint256 lp = WeightedMath.calcLpOutGivenExactTokenIn(100e18, 0.5e18, 10e18, 100e18, 0.1e18);
        vm.assertLe(lp, 4642247682281748663, "not above exact");
        vm.assertApproxEqAbs(lp, 4642247682281748663, 50, "join with fee"); // 8.7e-19 relative margin + 1 wei
    }

    function test_exit_feeOnlyOnNonProportionalPart() public pure {
        // 50% weight, 10% fee, burn 10 of 100 LP against 100: before fee 100 * (1 - 0.9^2) = 19,
        // taxable 9.5, fee 0.95, out 18.05
        uint256 out = WeightedMath.calcTokenOutGivenExactLpIn(100e18, 0.5e18, 10e18, 100e18, 0.1e18);
        vm.assertLe(out, 18.05e18, "not above exact");
        vm.assertApproxEqAbs(out, 18.05e18, 50, "exit with fee"); // 8.7e-19 relative margin + 1 wei
    }

    function test_calcSpotPrice_revertsOnZeroDenominator() public {
        vm.expectRevert(WeightedMath.ZeroSpotPriceDenominator.selector);
        h.calcSpotPrice(0, 0.5e18, 1e18, 0.5e18);
    }

    // ---- helpers ----

    /// @dev The absolute error floor WeightedMath documents: balance * (16 w + 80) * 2^-96, w = num / den.
    function _floor(uint256 balance, uint256 num, uint256 den) private pure returns (uint256) {
        return balance * ((16 * num) / den + 81) / 2 ** 96;
    }

    /// @dev |got - exact| <= 1e-12 * exact + ABS_FLOOR + extra
    function _assertClose(uint256 got, uint256 exact, uint256 extra, uint256 row) private pure {
        uint256 d = got > exact ? got - exact : exact - got;
        vm.assertLe(d, exact * MAX_REL / 1e18 + ABS_FLOOR + extra, string.concat("beyond 1e-12, row ", vm.toString(row)));
    }

    /// @dev Relative figures are reported for trades that are not tiny: at least 1e12 wei and 1e-9 of the balance,
    ///      with a result of at least 1e12 wei (below that the documented absolute floor, a few wei, dominates any
    ///      relative figure).
    function _nonTiny(uint256 amount, uint256 balance) private pure returns (bool) {
        return amount >= 1e12 && amount >= balance / 1e9;
    }

    function _track(uint256 got, uint256 exact, bool nonTiny, uint256 maxRel, uint256 maxWei)
        private
        pure
        returns (uint256, uint256)
    {
        uint256 d = got > exact ? got - exact : exact - got;
        if (d > maxWei) maxWei = d;
        if (nonTiny && exact >= 1e12) {
            uint256 r = ErrorStats.relE27(got, exact);
            if (r > maxRel) maxRel = r;
        }
        return (maxRel, maxWei);
    }
}
