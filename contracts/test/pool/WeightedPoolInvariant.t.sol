// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {PoolFixture} from "./PoolFixture.sol";
import {PoolHandler} from "../handlers/PoolHandler.sol";
import {HandlerLog} from "../handlers/HandlerLog.sol";
import {WeightedPool} from "../../src/pool/WeightedPool.sol";

/// @notice Handler-based invariants on a 3-token pool (18, 6 and 8 decimals; 50/30/20): the invariant never
///         decreases through swaps, LP value never decreases through anything, round trips lose at least the fee,
///         the pool always holds at least what it accounts for, and the locked supply stays locked.
/// forge-config: default.invariant.fail-on-revert = true
/// forge-config: ci.invariant.fail-on-revert = true
contract WeightedPoolInvariantTest is PoolFixture {
    PoolHandler internal handler;
    WeightedPool internal pool;
    IERC20[] internal tokens;

    function setUp() public {
        vm.warp(1_700_000_000);
        uint8[] memory decimals = _d3(18, 6, 8);
        tokens = _tokens(decimals);
        pool = _pool(tokens, _u3(0.5e18, 0.3e18, 0.2e18), FEE);
        _init(pool, _u3(1_000e18, 1_500_000e6, 20e8));
        pool.increaseObservationCardinality(32);
        handler = new PoolHandler(pool, decimals);
        targetContract(address(handler));
    }

    function invariant_swapsNeverDecreaseTheInvariant() public view {
        vm.assertEq(handler.invariantDecreases(), 0, "a swap decreased the invariant");
    }

    function invariant_lpValueNeverDecreases() public view {
        vm.assertEq(handler.lpValueDecreases(), 0, "an action decreased invariant / supply");
    }

    function invariant_roundTripsLoseAtLeastTheFee() public view {
        vm.assertEq(handler.roundTripGains(), 0, "a round trip kept more than amount - fee");
    }

    function invariant_poolHoldsWhatItAccounts() public view {
        uint256[] memory accounted = pool.getBalances();
        for (uint256 t; t < tokens.length; ++t) {
            vm.assertGe(tokens[t].balanceOf(address(pool)), accounted[t], "pool holds less than it accounts for");
            vm.assertGt(accounted[t], 0, "a balance reached zero");
        }
    }

    function invariant_lockedSupplyStaysLocked() public view {
        vm.assertEq(pool.balanceOf(DEAD), pool.MINIMUM_SUPPLY(), "locked LP moved");
        vm.assertGe(pool.totalSupply(), pool.MINIMUM_SUPPLY(), "supply below minimum");
    }

    function invariant_oracleCoversItsAdvertisedHistory() public view {
        uint32 age = pool.oldestObservationAge();
        if (age == 0) return; // in the block of the newest write with nothing older: no window is covered
        for (uint256 t = 1; t < tokens.length; ++t) {
            vm.assertGt(pool.getTwap(address(tokens[t]), age), 0, "twap over the whole history");
        }
    }

    /// @dev Each handler action, called once with ordinary inputs, succeeds (so the invariant runs do trade).
    function test_handlerActionsSucceed() public {
        handler.swapExactIn(0, 0, 1, 10e18);
        handler.warp(60);
        handler.swapExactOut(1, 1, 2, 1e8);
        handler.joinPool(2, 1e18);
        handler.exitPool(2, 0.5e18);
        handler.joinSingle(0, 1, 1_000e6);
        handler.exitSingle(0, 2, 1e18);
        handler.swapRoundTrip(1, 2, 0, 1e8);
        handler.singleRoundTrip(2, 0, 5e18);
        bytes32[8] memory names = handler.kinds();
        for (uint256 i; i < names.length; ++i) {
            vm.assertEq(handler.successes(names[i]), 1, string(abi.encodePacked(names[i])));
        }
        vm.assertEq(handler.invariantDecreases() + handler.lpValueDecreases() + handler.roundTripGains(), 0, "clean");
        afterInvariant();
    }

    /// @dev The vacuity check fails a run in which a kind's calls stop going through (here: the actor's approval
    ///      withdrawn, so the swap reverts for a reason other than dust).
    function test_afterInvariant_failsWhenCallsDoNotGoThrough() public {
        vm.prank(address(0xA1));
        tokens[0].approve(address(pool), 0);
        handler.swapExactIn(0, 0, 1, 10e18);
        vm.assertEq(handler.successes("swapExactIn"), 0, "the swap was refused");
        vm.expectRevert(bytes("successful swapExactIn: 0 != 1"));
        this.afterInvariant();
    }

    /// @dev "Something succeeded" holds whole runs only: a short sequence of dust refusals passes (a shrunk failure must
    ///      keep its real cause), a run of VACUITY_MIN_ACTIONS of them fails.
    function test_afterInvariant_vacuity_wholeRunsOnly() public {
        handler.swapExactIn(0, 0, 1, 1); // 1 wei of an 18-decimal token buys 0 of a 6-decimal one: dust
        vm.assertEq(handler.dustRefusals("swapExactIn"), 1, "a dust refusal");
        this.afterInvariant();
        for (uint256 k = 1; k < VACUITY_MIN_ACTIONS; ++k) {
            handler.swapExactIn(k, 0, 1, 1);
        }
        vm.assertEq(handler.totalSuccesses(), 0, "nothing succeeded");
        vm.expectRevert(bytes("no handler action succeeded in this run: 0 <= 0"));
        this.afterInvariant();
    }

    /// @dev A run of this many counted actions in which nothing succeeded is vacuous (the quick profile's depth).
    uint256 internal constant VACUITY_MIN_ACTIONS = 32;

    /// @dev Run at the end of each invariant run: guards the handler itself, so a handler whose calls stop going
    ///      through (and so check nothing) fails instead of passing. Every call of every kind succeeded unless its
    ///      amount was dust (ZeroAmount): amounts are bounded to what the pool accepts, so nothing else may revert.
    ///      The counts are logged (-vv).
    function afterInvariant() public view {
        handler.logCounts();
        bytes32[8] memory kinds = handler.kinds();
        uint256 counted;
        for (uint256 k; k < kinds.length; ++k) {
            counted += handler.calls(kinds[k]);
            vm.assertEq(
                handler.successes(kinds[k]) + handler.dustRefusals(kinds[k]),
                handler.calls(kinds[k]),
                string.concat("successful ", HandlerLog.name(kinds[k]))
            );
        }
        vm.assertEq(handler.lastFailure(), "", HandlerLog.name(handler.lastFailedKind())); // shows the revert data
        vm.assertEq(handler.unexpectedFailures(), 0, "an action reverted for a reason other than dust");
        // held to whole runs only: forge shrinks a failing run for as long as it still fails, whatever the message, so
        // a check that any short sequence fails (a lone dust swap) would shrink a real failure into a sequence that no
        // longer shows it and persist that in cache/invariant (VaultInvariantTest has the same rule)
        if (counted >= VACUITY_MIN_ACTIONS) {
            vm.assertGt(handler.totalSuccesses(), 0, "no handler action succeeded in this run");
        }
    }
}
