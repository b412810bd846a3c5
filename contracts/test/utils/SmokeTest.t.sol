// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "./Test.sol";
import {MockERC20} from "../mocks/MockERC20.sol";

/// @notice Guards the test base itself: cheatcodes reach forge and bound() stays inside its range.
contract TestBaseTest is Test {
    function testFuzz_boundStaysInRange(uint256 x, uint256 a, uint256 b) public pure {
        (uint256 lo, uint256 hi) = a < b ? (a, b) : (b, a);
        uint256 y = bound(x, lo, hi);
        vm.assertTrue(y >= lo && y <= hi, "bound out of range");
    }

    function test_mockTokenDecimalsAndMint() public {
        MockERC20 t = new MockERC20("Six", "SIX", 6);
        t.mint(address(this), 5e6);
        vm.assertEq(uint256(t.decimals()), 6, "decimals");
        vm.assertEq(t.balanceOf(address(this)), 5e6, "balance");
    }
}
