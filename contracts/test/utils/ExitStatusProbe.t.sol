// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "./Test.sol";

/// @notice A forge test that fails on request, so ContractsScriptExitStatusTest (Java) can check that a failing forge
///         test makes `scripts/contracts.sh test` exit non-zero: CI's only signal that a contract test failed.
contract ExitStatusProbeTest is Test {
    function test_failsOnlyWhenAsked() public view {
        vm.assertEq(vm.envOr("BALLAST_FORGE_PROBE_FAIL", uint256(0)), 0, "exit-status probe asked to fail");
    }
}
