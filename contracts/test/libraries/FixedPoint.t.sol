// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {FixedPoint} from "../../src/libraries/FixedPoint.sol";
import {MathHarness} from "./MathHarness.sol";

/// @notice FixedPoint: rounding direction of every operation, overflow and division-by-zero reverts.
contract FixedPointTest is Test {
    MathHarness internal h;

    function setUp() public {
        h = new MathHarness();
    }

    // ---- units ----

    function test_knownValues() public pure {
        vm.assertEq(FixedPoint.mulDown(1.5e18, 3e18), 4.5e18, "mulDown exact");
        vm.assertEq(FixedPoint.mulUp(1.5e18, 3e18), 4.5e18, "mulUp exact");
        vm.assertEq(FixedPoint.mulDown(1, 1), 0, "mulDown 1 wei * 1 wei");
        vm.assertEq(FixedPoint.mulUp(1, 1), 1, "mulUp 1 wei * 1 wei");
        vm.assertEq(FixedPoint.mulUp(0, 5e18), 0, "mulUp zero");
        vm.assertEq(FixedPoint.divDown(1e18, 3e18), 333333333333333333, "divDown 1/3");
        vm.assertEq(FixedPoint.divUp(1e18, 3e18), 333333333333333334, "divUp 1/3");
        vm.assertEq(FixedPoint.divUp(0, 3e18), 0, "divUp zero");
        vm.assertEq(FixedPoint.complement(0.3e18), 0.7e18, "complement");
        vm.assertEq(FixedPoint.complement(1e18), 0, "complement(1)");
        vm.assertEq(FixedPoint.complement(2e18), 0, "complement floors at 0");
    }

    function test_powShortcuts() public pure {
        vm.assertEq(FixedPoint.powDown(7e18, 1e18), 7e18, "x^1 down");
        vm.assertEq(FixedPoint.powUp(7e18, 1e18), 7e18, "x^1 up");
        vm.assertEq(FixedPoint.powDown(3e18, 2e18), 9e18, "x^2 down");
        vm.assertEq(FixedPoint.powUp(3e18 + 1, 2e18), 9e18 + 7, "x^2 up"); // 9e18 + 6 + 1e-18, rounded up
        vm.assertEq(FixedPoint.powDown(5e18, 0), 1e18, "x^0 down");
        vm.assertEq(FixedPoint.powUp(0, 3e18), 0, "0^y up");
    }

    function test_powDownBelowAndPowUpAbove() public pure {
        // 2^0.5 = 1.41421356237309504880168872...
        uint256 down = FixedPoint.powDown(2e18, 0.5e18);
        uint256 up = FixedPoint.powUp(2e18, 0.5e18);
        vm.assertLe(down, 1414213562373095048, "powDown above sqrt2");
        vm.assertGe(up, 1414213562373095049, "powUp below sqrt2");
        vm.assertLe(up - down, 40, "bounds within 2e-17 relative + 2 wei each side");
    }

    // ---- fuzz ----

    function testFuzz_mulRounding(uint256 a, uint256 b) public pure {
        a = bound(a, 0, type(uint128).max);
        b = bound(b, 0, type(uint128).max);
        uint256 down = FixedPoint.mulDown(a, b);
        uint256 up = FixedPoint.mulUp(a, b);
        bool exact = (a * b) % 1e18 == 0;
        vm.assertEq(up, exact ? down : down + 1, "mulUp = mulDown (+1 when inexact)");
        vm.assertLe(down * 1e18, a * b, "mulDown above exact");
    }

    function testFuzz_divRounding(uint256 a, uint256 b) public pure {
        a = bound(a, 0, type(uint128).max);
        b = bound(b, 1, type(uint128).max);
        uint256 down = FixedPoint.divDown(a, b);
        uint256 up = FixedPoint.divUp(a, b);
        bool exact = (a * 1e18) % b == 0;
        vm.assertEq(up, exact ? down : down + 1, "divUp = divDown (+1 when inexact)");
        vm.assertLe(down * b, a * 1e18, "divDown above exact");
    }

    function testFuzz_powDownLePowUp(uint256 x, uint256 y) public pure {
        x = bound(x, 1e12, 1e24);
        y = bound(y, 1e16, 5e18); // (1e6)^5 stays far below pow's 1e58 ceiling
        vm.assertLe(FixedPoint.powDown(x, y), FixedPoint.powUp(x, y), "powDown > powUp");
    }

    function testFuzz_complement(uint256 x) public pure {
        uint256 c = FixedPoint.complement(x);
        if (x <= 1e18) vm.assertEq(c + x, 1e18, "x + (1 - x) != 1");
        else vm.assertEq(c, 0, "complement above one");
    }

    // ---- reverts ----

    function test_divByZeroReverts() public {
        vm.expectRevert(FixedPoint.ZeroDivision.selector);
        h.divDown(1e18, 0);
        vm.expectRevert(FixedPoint.ZeroDivision.selector);
        h.divUp(1e18, 0);
    }

    function test_overflowReverts() public {
        uint256 big = type(uint256).max / 2;
        vm.expectRevert(abi.encodeWithSelector(FixedPoint.MulOverflow.selector, big, uint256(3)));
        h.mulDown(big, 3);
        vm.expectRevert(abi.encodeWithSelector(FixedPoint.MulOverflow.selector, big, uint256(1e18)));
        h.divDown(big, 1);
    }
}
