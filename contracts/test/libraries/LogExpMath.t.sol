// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {LogExpMath} from "../../src/libraries/LogExpMath.sol";

contract LogExpMathTest is Test {
    function test_smoke() public pure {
        vm.assertEq(LogExpMath.expWad(0), 1e18, "exp0");
        vm.assertEq(LogExpMath.lnWad(1e18), 0, "ln1");
        vm.assertEq(LogExpMath.pow(2e18, 1e18), 2e18, "pow1");
    }
}
