// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {VaultFixture} from "./VaultFixture.sol";
import {VaultHandler} from "../handlers/VaultHandler.sol";
import {HandlerLog} from "../handlers/HandlerLog.sol";
import {MockERC20} from "../mocks/MockERC20.sol";

/// @notice Handler-driven invariants of the vault (see VaultHandler for the actions). The handler catches every
///         vault revert it expects, so a revert out of the handler itself is a handler bug and fails the run.
/// forge-config: default.invariant.fail-on-revert = true
/// forge-config: ci.invariant.fail-on-revert = true
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

    // Each invariant_ function is a campaign of its own (runs x depth handler calls), so the properties are grouped
    // into three campaigns rather than eight: every property is still checked after every call of a full-size
    // campaign, at three eighths of the CI time (see README, "Fuzzing in CI").

    /// @notice Shares are fully backed (the vault holds at least every balance it accounts for) and every outstanding
    ///         share is held by a known party (actors, the seeder, the dead address).
    function invariant_accountingBackedAndHeld() public view {
        uint256[] memory bal = vault.balances();
        for (uint256 i; i < bal.length; ++i) {
            vm.assertGe(tokens[i].balanceOf(address(vault)), bal[i], "token balance below accounting");
        }
        uint256 held = vault.balanceOf(ALICE) + vault.balanceOf(vault.DEAD());
        for (uint256 a; a < 3; ++a) {
            held += vault.balanceOf(handler.actors(a));
        }
        vm.assertEq(held, vault.totalSupply(), "supply");
        vm.assertGe(vault.totalSupply(), vault.DEAD_SHARES(), "dead shares never leave");
    }

    /// @notice What the handler checks across each action: deposits and withdrawals never lower NAV per share
    ///         (beyond floor rounding); a rebalance that goes through lowers drift and costs at most its slippage
    ///         budget; withdrawals always succeed, paused or not, priced or not; and every action had the outcome its
    ///         kind expects (allowed flows and due, planned rebalances go through; paused, unpriced and badly filled
    ///         ones are refused by their own guard).
    function invariant_handlerPropertiesHold() public view {
        vm.assertEq(handler.dilutions(), 0, "diluted");
        vm.assertEq(handler.budgetBreaches(), 0, "budget breached");
        vm.assertEq(handler.driftNotLowered(), 0, "drift not lowered");
        vm.assertEq(handler.withdrawFailures(), 0, "withdraw failed");
        string memory what = string.concat("unexpected outcome of ", HandlerLog.name(handler.lastUnexpectedKind()));
        vm.assertEq(handler.lastUnexpectedReason(), "", what); // the failure shows the revert data
        vm.assertEq(handler.unexpected(), 0, what);
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

    /// @dev A run of this many actions in which nothing succeeded is vacuous ((3/11)^32 < 1e-17 for 8 counted kinds
    ///      of 11); the quick profile's depth (CI: 64).
    uint256 internal constant VACUITY_MIN_ACTIONS = 32;

    /// @dev Run at the end of each invariant run, so the invariants above cannot pass vacuously: every call of an
    ///      action kind that must succeed did (a handler whose deposits or rebalances stop going through fails the
    ///      run), every hand-made rebalance either went through or was refused by a guard, and in a whole run
    ///      something happened. The counts are logged (-vv) so a CI log shows what the run exercised.
    ///      "Something happened" is held to whole runs only: forge shrinks a failing run by dropping calls for as long
    ///      as it still fails, whatever the message, so a check that any short sequence fails (one setFill succeeds at
    ///      nothing) shrank a real failure to one call that no longer shows it, and persisted that call in
    ///      cache/invariant as the failure to replay, failing every later run with "no handler action succeeded".
    function afterInvariant() public view {
        handler.logCounts();
        bytes32[] memory kinds = handler.kinds();
        uint256 total;
        for (uint256 k; k < kinds.length; ++k) {
            uint256 expected = handler.calls(kinds[k]) - handler.refusals(kinds[k]);
            vm.assertEq(handler.successes(kinds[k]), expected, string.concat("successful ", HandlerLog.name(kinds[k])));
            total += handler.successes(kinds[k]);
        }
        if (handler.actions() >= VACUITY_MIN_ACTIONS) {
            vm.assertGt(total, 0, "no handler action succeeded in this run");
        }
    }

    /// @dev Each action kind, called once from the seeded vault, has its expected outcome; the automated rebalance
    ///      and a hand-made one go through, and the afterInvariant check passes.
    function test_handlerActionsSucceed() public {
        handler.deposit(0, 10_000e18);
        handler.depositSingle(1, 2, 5_000e18);
        handler.withdraw(0, 500);
        handler.rebalance(0, 0);
        handler.pausedWindow(1, 1, 1);
        handler.outageWindow(0, 3, 0);
        handler.badFill(0, 2, 1);
        handler.movePrice(0, 12_500);
        handler.movePrice(0, 12_500);
        handler.rebalanceManual(0, 1, 50);
        bytes32[] memory kinds = handler.kinds();
        for (uint256 k; k < kinds.length; ++k) {
            vm.assertEq(handler.calls(kinds[k]), 1, string.concat("called ", HandlerLog.name(kinds[k])));
            vm.assertEq(handler.successes(kinds[k]), 1, string.concat("succeeded ", HandlerLog.name(kinds[k])));
        }
        vm.assertEq(handler.unexpected(), 0, "no unexpected outcome");
        afterInvariant();
    }

    /// @dev A short sequence in which nothing succeeded passes (a shrunk failure must keep its real cause); a whole
    ///      run of VACUITY_MIN_ACTIONS actions in which nothing succeeded fails.
    function test_afterInvariant_vacuity_wholeRunsOnly() public {
        handler.setFill(0);
        this.afterInvariant();
        for (uint256 k = 1; k < VACUITY_MIN_ACTIONS; ++k) {
            if (k % 2 == 0) handler.setFill(k);
            else handler.warp(k);
        }
        vm.assertEq(handler.actions(), VACUITY_MIN_ACTIONS, "a whole run of world actions");
        vm.expectRevert(bytes("no handler action succeeded in this run: 0 <= 0"));
        this.afterInvariant();
    }

    /// @dev The vacuity check fails a run whose rebalances never go through (here: the handler lost its keeper role,
    ///      so every rebalance reverts and the budget and drift invariants would otherwise hold trivially).
    function test_afterInvariant_failsWhenNoRebalanceSucceeds() public {
        vault.setKeeper(address(handler), false);
        handler.deposit(0, 10_000e18);
        handler.rebalance(0, 0);
        vm.assertEq(handler.successes("rebalance"), 0, "the rebalance was refused");
        vm.assertEq(handler.budgetBreaches() + handler.driftNotLowered(), 0, "so those invariants hold vacuously");
        vm.expectRevert(bytes("successful rebalance: 0 != 1"));
        this.afterInvariant();
    }
}
