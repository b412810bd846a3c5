// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Vm} from "../utils/Vm.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {VaultFixture} from "./VaultFixture.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";

/// @notice The vault's packed state: balances two per slot (uint128 each, BalanceTooLarge above), the pause flag in the
///         params' first slot, and the rebalance's NAV and drift after the legs from the touched assets only.
contract VaultPackedStateTest is VaultFixture {
    uint256 internal constant MAX = type(uint128).max;

    function setUp() public override {
        super.setUp();
        _seed();
    }

    function _depositSingle(uint256 i, uint256 amount) internal {
        tokens[i].mint(BOB, amount);
        vm.startPrank(BOB);
        tokens[i].approve(address(vault), amount);
        vault.depositSingle(assetList[i], amount, 0, BOB);
        vm.stopPrank();
    }

    function _assertBooksMatchHoldings() internal view {
        uint256[] memory bal = vault.balances();
        for (uint256 i; i < 4; ++i) {
            vm.assertEq(bal[i], tokens[i].balanceOf(address(vault)), "accounted = held, per asset");
        }
    }

    /// @dev Deposits into any lane of either word leave the other three balances exactly as they were.
    function testFuzz_depositSingle_touchesOnlyItsLane(uint256 seed, uint256 amount) public {
        uint256 i = seed % 4;
        amount = bound(amount, 1, 1e30);
        uint256[] memory before = vault.balances();
        _depositSingle(i, amount);
        uint256[] memory afterwards = vault.balances();
        for (uint256 k; k < 4; ++k) {
            vm.assertEq(afterwards[k], before[k] + (k == i ? amount : 0), "only asset i moved");
        }
        _assertBooksMatchHoldings();
    }

    /// @dev Asset 1 is the high half of word 0: exactly 2^128 - 1 fits, one unit more is refused (unguarded, the
    ///      shift would drop the top bit and the vault would account ~2^128 units fewer than it holds).
    function test_depositSingle_aboveUint128_refused() public {
        uint256 room = MAX - vault.balances()[1];
        _depositSingle(1, room);
        vm.assertEq(vault.balances()[1], MAX, "the maximum fits");
        _assertBooksMatchHoldings();

        tokens[1].mint(BOB, 1);
        vm.startPrank(BOB);
        tokens[1].approve(address(vault), 1);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.BalanceTooLarge.selector, assetList[1], MAX + 1, MAX));
        vault.depositSingle(assetList[1], 1, 0, BOB);
        vm.stopPrank();
    }

    /// @dev Asset 0 is the low half of word 0. Priced at 300 wei a whole token, 2^128 units are worth ~$100k, so it can
    ///      be underweight near the bound; a leg buying it past 2^128 - 1 is refused (unguarded, the excess would spill
    ///      into asset 1's half of the word). A leg that stays inside succeeds with every balance exact.
    function test_rebalance_buyingAboveUint128_refused() public {
        router.setPrice(assetList[0], 300);
        uint256 received = uint256(10_000e6) * 1e18 * 1e18 / (300 * 1e6); // $10k of asset 1 into asset 0
        uint256 start = MAX - received + 1 - vault.balances()[0];
        _depositSingle(0, start);
        uint256 bal0 = vault.balances()[0];
        IRebalancingVault.Leg[] memory legs = _leg(1, 0, 10_000e6);
        vm.prank(KEEPER);
        vm.expectRevert(
            abi.encodeWithSelector(IRebalancingVault.BalanceTooLarge.selector, assetList[0], bal0 + received, MAX)
        );
        vault.rebalance(legs);

        // one raw unit less of input buys ~3.3e27 units less: the balance then ends inside the bound
        legs = _leg(1, 0, 10_000e6 - 1);
        _rebalanceAs(KEEPER, legs);
        vm.assertLe(vault.balances()[0], MAX, "within the bound");
        vm.assertGt(vault.balances()[0], MAX - received / 1e4, "close to the bound");
        _assertBooksMatchHoldings();
    }

    /// @dev The pause flag shares the params' slot: a timelocked setParams keeps it, and it keeps the params.
    function test_pauseFlag_survivesSetParams_andKeepsParams() public {
        vm.expectEmit(address(vault));
        emit Pausable.Paused(GUARDIAN);
        vm.prank(GUARDIAN);
        vault.pause();
        vm.assertTrue(vault.paused(), "paused");
        vm.prank(GUARDIAN);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vault.pause();

        IRebalancingVault.Params memory p = defaultParams();
        p.cooldown = 30 days; // the largest cooldown, in the 24 bits next to the flag
        p.band = 4e16;
        _setParams(p);
        vm.assertTrue(vault.paused(), "setParams keeps the pause");
        vm.assertEq(abi.encode(vault.params()), abi.encode(p), "every field as set");
        _movePrice(0, 5000);
        vm.prank(KEEPER);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vault.rebalance(_leg(0, 1, 10e18));

        vm.expectEmit(address(vault));
        emit Pausable.Unpaused(GUARDIAN);
        vm.prank(GUARDIAN);
        vault.unpause();
        vm.assertFalse(vault.paused(), "unpaused");
        vm.assertEq(abi.encode(vault.params()), abi.encode(p), "unpausing keeps the params");
        vm.prank(GUARDIAN);
        vm.expectRevert(Pausable.ExpectedPause.selector);
        vault.unpause();
        _rebalanceAs(KEEPER, _leg(0, 1, 10e18));
        vm.assertEq(vault.lastRebalance(), block.timestamp, "rebalanced once unpaused");
    }

    /// @dev Two legs from asset 0 into 1 and 2 (asset 3 untouched): the event's NAV and drift after the legs, computed
    ///      from the touched assets only, equal the views' full recomputation.
    function test_rebalance_navAndDriftAfter_matchFullRecomputation() public {
        _movePrice(0, 5000);
        IRebalancingVault.Leg[] memory legs = new IRebalancingVault.Leg[](2);
        legs[0] = IRebalancingVault.Leg(address(venue), assetList[0], assetList[1], 10e18);
        legs[1] = IRebalancingVault.Leg(address(venue), assetList[0], assetList[2], 7e18);
        vm.recordLogs();
        _rebalanceAs(KEEPER, legs);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        bytes32 topic = IRebalancingVault.Rebalanced.selector;
        bool found;
        for (uint256 k; k < logs.length; ++k) {
            if (logs[k].emitter != address(vault) || logs[k].topics[0] != topic) continue;
            (,,,, uint256 driftAfter,, uint256 navAfter) = abi.decode(
                logs[k].data, (IRebalancingVault.Leg[], uint256[], uint256[], uint256, uint256, uint256, uint256)
            );
            (uint256 drift,) = vault.drift();
            vm.assertEq(navAfter, vault.nav(), "navAfter");
            vm.assertEq(driftAfter, drift, "driftAfter");
            found = true;
        }
        vm.assertTrue(found, "Rebalanced emitted");
        _assertBooksMatchHoldings();
    }
}
