// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {VaultFixture} from "./VaultFixture.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";

/// @notice Keeper wash trades (TradeGuards): no asset both sold and bought in a call, a budget on the value moved
///         toward target, and at least half of the value traded moving toward target.
/// @dev Setup: $1M at target, then asset 0 +50%: asset 0 is $93.75k over its target value, each other $31.25k under.
contract VaultWashTest is VaultFixture {
    function setUp() public override {
        super.setUp();
        _seed();
        _movePrice(0, 5000);
    }

    function _legs(uint256[2][] memory pairs, uint256[] memory values)
        internal
        view
        returns (IRebalancingVault.Leg[] memory legs)
    {
        legs = new IRebalancingVault.Leg[](pairs.length);
        for (uint256 k; k < pairs.length; ++k) {
            uint256 i = pairs[k][0];
            legs[k] = IRebalancingVault.Leg(
                address(venue),
                assetList[i],
                assetList[pairs[k][1]],
                values[k] * 10 ** tokens[i].decimals() / router.price(assetList[i])
            );
        }
    }

    function _wash() internal view returns (IRebalancingVault.Leg[] memory) {
        uint256[2][] memory pairs = new uint256[2][](2);
        (pairs[0], pairs[1]) = ([uint256(0), 1], [uint256(1), 0]);
        uint256[] memory values = new uint256[](2);
        (values[0], values[1]) = (100_000e18, 99_000e18); // $1k net toward target, $199k of volume
        return _legs(pairs, values);
    }

    function test_washPattern_revertsAssetBoughtAndSold() public {
        IRebalancingVault.Leg[] memory wash = _wash();
        vm.prank(KEEPER);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.AssetBoughtAndSold.selector, assetList[1]));
        vault.rebalance(wash);

        // through a third asset: 0 -> 1 then 1 -> 2 passes value through asset 1
        uint256[2][] memory pairs = new uint256[2][](2);
        (pairs[0], pairs[1]) = ([uint256(0), 1], [uint256(1), 2]);
        uint256[] memory values = new uint256[](2);
        (values[0], values[1]) = (30_000e18, 20_000e18);
        IRebalancingVault.Leg[] memory legs = _legs(pairs, values);
        vm.prank(KEEPER);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.AssetBoughtAndSold.selector, assetList[1]));
        vault.rebalance(legs);

        // buying what an earlier leg sold: 0 -> 1 then 2 -> 0
        (pairs[0], pairs[1]) = ([uint256(0), 1], [uint256(2), 0]);
        legs = _legs(pairs, values);
        vm.prank(KEEPER);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.AssetBoughtAndSold.selector, assetList[0]));
        vault.rebalance(legs);
    }

    /// @dev The review's day of wash trades: a keeper whose venue keeps 0.5% of each fill tries once an hour for 24
    ///      hours. Each call reverts; the vault ends the day with its NAV and balances untouched.
    function test_washEveryHourForADay_losesNothing() public {
        venue.setFactors(0.995e18, 1e18, 1e18);
        uint256 navBefore = vault.nav();
        uint256[] memory balBefore = vault.balances();
        IRebalancingVault.Leg[] memory wash = _wash();
        for (uint256 h; h < 24; ++h) {
            vm.warp(block.timestamp + 1 hours);
            vm.prank(KEEPER);
            try vault.rebalance(wash) {
                revert("wash went through");
            } catch (bytes memory reason) {
                vm.assertEq(bytes4(reason), IRebalancingVault.AssetBoughtAndSold.selector, "refused as a wash");
            }
        }
        vm.assertEq(vault.nav(), navBefore, "NAV untouched");
        vm.assertEq(abi.encode(vault.balances()), abi.encode(balBefore), "balances untouched");
        vm.assertEq(vault.lastRebalance(), 0, "no rebalance counted: honest keepers are not locked out");
    }

    /// @dev A leg that overshoots: $100k of asset 0 into asset 1, which is only $31.25k short. Drift still falls
    ///      (8.3% -> 6.1%), but under half the value moves toward target.
    function test_overshoot_revertsTradeNotTowardTarget() public {
        uint256[2][] memory pairs = new uint256[2][](1);
        pairs[0] = [uint256(0), 1];
        uint256[] memory values = new uint256[](1);
        values[0] = 100_000e18;
        IRebalancingVault.Leg[] memory legs = _legs(pairs, values);
        vm.prank(KEEPER);
        try vault.rebalance(legs) {
            revert("overshoot went through");
        } catch (bytes memory reason) {
            vm.assertEq(bytes4(reason), IRebalancingVault.TradeNotTowardTarget.selector, "selector");
            (uint256 moved, uint256 traded) = abi.decode(_args(reason), (uint256, uint256));
            vm.assertApproxEqAbs(moved, 31_250e18, 1e15, "moved: asset 1's shortfall");
            vm.assertApproxEqAbs(traded, 100_000e18, 1e15, "traded");
        }
    }

    /// @dev The budget follows the value moved toward target: $60k sold into asset 1 moves $31.25k toward target
    ///      (52%, allowed), so it may cost 1% of $31.25k, not 1% of $60k. A venue keeping 0.7% passes every
    ///      per-leg min-out (1%) yet exceeds that budget.
    function test_budgetFollowsValueMovedTowardTarget() public {
        venue.setFactors(0.993e18, 1e18, 1e18);
        uint256[2][] memory pairs = new uint256[2][](1);
        pairs[0] = [uint256(0), 1];
        uint256[] memory values = new uint256[](1);
        values[0] = 60_000e18;
        uint256 navBefore = vault.nav();
        IRebalancingVault.Leg[] memory legs = _legs(pairs, values);
        vm.prank(KEEPER);
        try vault.rebalance(legs) {
            revert("over budget went through");
        } catch (bytes memory reason) {
            vm.assertEq(bytes4(reason), IRebalancingVault.NavLossExceeded.selector, "NAV budget");
            (uint256 before, uint256 afterNav, uint256 floor) = abi.decode(_args(reason), (uint256, uint256, uint256));
            vm.assertEq(before, navBefore, "nav before");
            vm.assertApproxEqAbs(before - floor, 312.5e18, 1e15, "budget = 1% of $31.25k moved");
            vm.assertApproxEqAbs(before - afterNav, 420e18, 1e13, "cost 0.7% of $60k traded");
        }
    }

    /// @dev Honest three-leg (one seller, three buyers) and two-leg (two sellers, two buyers) rebalances pass.
    function test_honestThreeLegRebalancePasses() public {
        // three legs: asset 0's $93.75k excess into the three others
        uint256[2][] memory pairs = new uint256[2][](3);
        (pairs[0], pairs[1], pairs[2]) = ([uint256(0), 1], [uint256(0), 2], [uint256(0), 3]);
        uint256[] memory values = new uint256[](3);
        (values[0], values[1], values[2]) = (31_250e18, 31_250e18, 31_250e18);
        _rebalanceAndCheck(_legs(pairs, values));
    }

    function test_honestTwoLegRebalancePasses() public {
        // two legs: assets 0 and 2 over, 1 and 3 under, $75k each way
        router.setPrice(assetList[0], 2000e18);
        _movePrice(0, 6000);
        _movePrice(2, 6000);
        uint256[2][] memory pairs = new uint256[2][](2);
        (pairs[0], pairs[1]) = ([uint256(0), 1], [uint256(2), 3]);
        uint256[] memory values = new uint256[](2);
        (values[0], values[1]) = (70_000e18, 70_000e18);
        _rebalanceAndCheck(_legs(pairs, values));
    }

    function _rebalanceAndCheck(IRebalancingVault.Leg[] memory legs) internal {
        (uint256 dBefore,) = vault.drift();
        uint256 navBefore = vault.nav();
        vm.prank(KEEPER);
        vault.rebalance(legs);
        (uint256 dAfter,) = vault.drift();
        vm.assertLt(dAfter, dBefore, "drift fell");
        vm.assertApproxEqAbs(vault.nav(), navBefore, 3e18, "fair fills keep NAV (0-decimal output truncation)");
        vm.assertEq(vault.lastRebalance(), block.timestamp, "counted");
    }

    /// @dev No rebalance call that goes through both sells and buys one asset, and every call whose legs would do so
    ///      is refused with AssetBoughtAndSold.
    function testFuzz_noCallBuysAndSellsOneAsset(uint256 seed, uint8 count) public {
        uint256 n = bound(count, 1, 4);
        uint256[2][] memory pairs = new uint256[2][](n);
        uint256[] memory values = new uint256[](n);
        uint256 sold;
        uint256 bought;
        bool overlap;
        for (uint256 k; k < n; ++k) {
            uint256 r = uint256(keccak256(abi.encode(seed, k)));
            uint256 i = r % 4;
            uint256 j = (i + 1 + (r >> 8) % 3) % 4;
            pairs[k] = [i, j];
            values[k] = bound(r >> 16, 1_000e18, 40_000e18);
            if (bought & (1 << i) != 0 || sold & (1 << j) != 0) overlap = true;
            sold |= 1 << i;
            bought |= 1 << j;
        }
        IRebalancingVault.Leg[] memory legs = _legs(pairs, values);
        vm.prank(KEEPER);
        try vault.rebalance(legs) {
            vm.assertFalse(overlap, "a call that both sold and bought an asset went through");
        } catch (bytes memory reason) {
            if (overlap) {
                vm.assertEq(bytes4(reason), IRebalancingVault.AssetBoughtAndSold.selector, "refused as a wash");
            }
        }
    }

    function _args(bytes memory reason) internal pure returns (bytes memory a) {
        a = new bytes(reason.length - 4);
        for (uint256 i; i < a.length; ++i) {
            a[i] = reason[i + 4];
        }
    }
}
