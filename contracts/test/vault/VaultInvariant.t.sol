// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {VaultFixture} from "./VaultFixture.sol";
import {VaultHandler} from "../handlers/VaultHandler.sol";
import {MockERC20} from "../mocks/MockERC20.sol";

/// @notice Handler-driven invariants of the vault (see VaultHandler for the actions).
contract VaultInvariantTest is VaultFixture {
    VaultHandler internal handler;

    function setUp() public override {
        super.setUp();
        _seed();
        handler = new VaultHandler(vault, router, venue, tokens);
        _addKeeper(address(handler));
        vault.setGuardian(address(handler));
        targetContract(address(handler));
    }

    /// @notice Shares are fully backed: the vault holds at least every balance it accounts for.
    function invariant_tokensCoverAccounting() public view {
        uint256[] memory bal = vault.balances();
        for (uint256 i; i < bal.length; ++i) {
            vm.assertGe(tokens[i].balanceOf(address(vault)), bal[i], "token balance below accounting");
        }
    }

    /// @notice Every outstanding share is held by a known party (actors, the seeder, the dead address).
    function invariant_supplyIsHeld() public view {
        uint256 held = vault.balanceOf(ALICE) + vault.balanceOf(vault.DEAD());
        for (uint256 a; a < 3; ++a) {
            held += vault.balanceOf(handler.actors(a));
        }
        vm.assertEq(held, vault.totalSupply(), "supply");
        vm.assertGe(vault.totalSupply(), vault.DEAD_SHARES(), "dead shares never leave");
    }

    /// @notice Deposits and withdrawals never lower NAV per share (beyond floor rounding).
    function invariant_flowsNeverDilute() public view {
        vm.assertEq(handler.dilutions(), 0, "diluted");
    }

    /// @notice A rebalance never costs more than its slippage budget.
    function invariant_rebalanceWithinBudget() public view {
        vm.assertEq(handler.budgetBreaches(), 0, "budget breached");
    }

    /// @notice Withdrawals always succeed, paused or not, priced or not.
    function invariant_withdrawAlwaysSucceeds() public view {
        vm.assertEq(handler.withdrawFailures(), 0, "withdraw failed");
    }

    /// @notice Whatever happened, the holders can take every accounted asset out.
    function invariant_everyoneCanExit() public {
        uint256 snap = vm.snapshotState();
        for (uint256 a; a < 3; ++a) {
            address actor = handler.actors(a);
            uint256 s = vault.balanceOf(actor);
            if (s == 0) continue;
            vm.prank(actor);
            vault.withdraw(s, new uint256[](0), actor);
        }
        uint256 s0 = vault.balanceOf(ALICE);
        vm.prank(ALICE);
        vault.withdraw(s0, new uint256[](0), ALICE);
        vm.assertEq(vault.totalSupply(), vault.DEAD_SHARES(), "only dead shares remain");
        vm.revertToState(snap);
    }
}
