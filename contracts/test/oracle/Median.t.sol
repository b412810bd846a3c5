// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {Median} from "../../src/libraries/Median.sol";
import {OracleMath} from "../../src/libraries/OracleMath.sol";

/// @dev Externalises the internal library functions so reverts can be expected.
contract MedianHarness {
    function sortAscending(uint256[] memory values) external pure returns (uint256[] memory) {
        Median.sortAscending(values);
        return values;
    }

    function medianOfSortedDown(uint256[] memory sorted) external pure returns (uint256) {
        return Median.medianOfSortedDown(sorted);
    }
}

contract MedianTest is Test {
    MedianHarness internal h = new MedianHarness();

    function test_median_emptyReverts() public {
        vm.expectRevert(abi.encodeWithSelector(Median.EmptySet.selector));
        h.medianOfSortedDown(new uint256[](0));
    }

    function test_median_single() public view {
        uint256[] memory one = new uint256[](1);
        one[0] = 42;
        vm.assertEq(h.medianOfSortedDown(one), 42, "single value");
    }

    function test_midpoint_maxValuesDoNotOverflow() public pure {
        uint256 m = type(uint256).max;
        vm.assertEq(Median.midpointDown(m, m), m, "max, max");
        vm.assertEq(Median.midpointDown(m, m - 1), m - 1, "floor of max - 0.5");
    }

    function testFuzz_midpointIsFlooredMean(uint256 a, uint256 b) public pure {
        a = bound(a, 0, type(uint256).max >> 1);
        b = bound(b, 0, type(uint256).max >> 1);
        vm.assertEq(Median.midpointDown(a, b), (a + b) / 2, "floor((a+b)/2)");
    }

    /// @dev Output is ascending and a permutation of the input (same length, sum and xor; n <= 8 values < 2^64).
    function testFuzz_sortAscending(uint64[8] memory raw, uint256 n) public view {
        n = bound(n, 0, 8);
        uint256[] memory v = new uint256[](n);
        uint256 sum;
        uint256 x;
        for (uint256 i; i < n; ++i) {
            v[i] = raw[i];
            sum += raw[i];
            x ^= raw[i];
        }
        uint256[] memory s = h.sortAscending(v);
        vm.assertEq(s.length, n, "length");
        uint256 sum2;
        uint256 x2;
        for (uint256 i; i < n; ++i) {
            if (i > 0) vm.assertLe(s[i - 1], s[i], "ascending");
            sum2 += s[i];
            x2 ^= s[i];
        }
        vm.assertEq(sum2, sum, "sum kept");
        vm.assertEq(x2, x, "xor kept");
    }

    /// @dev (hi - lo) / lo rounded up: spread * lo >= (hi - lo) * 1e18 > (spread - 1) * lo.
    function testFuzz_relativeSpreadRoundsUp(uint256 lo, uint256 hi) public pure {
        lo = bound(lo, 1, 2 ** 100);
        hi = bound(hi, lo, 2 ** 100);
        uint256 spread = OracleMath.relativeSpreadUp(lo, hi);
        vm.assertGe(spread * lo, (hi - lo) * 1e18, "not rounded down");
        if (spread > 0) vm.assertLt((spread - 1) * lo, (hi - lo) * 1e18, "ceil");
    }
}
