// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {VaultFixture} from "./VaultFixture.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";

/// @notice Chainlink Automation path: checkUpkeep plans on-chain, performUpkeep runs the same guards.
contract VaultUpkeepTest is VaultFixture {
    address internal constant FORWARDER = address(0xF0F0);

    function setUp() public override {
        super.setUp();
        _seed();
        _addKeeper(FORWARDER); // the registry's forwarder is registered like any keeper
    }

    function test_checkUpkeep_falseWhenNotDue() public view {
        (bool needed, bytes memory data) = vault.checkUpkeep("");
        vm.assertFalse(needed, "at target: nothing to do");
        vm.assertEq(data.length, 0, "no data");
    }

    function test_checkAndPerform_bringsVaultToTarget() public {
        _movePrice(0, 5000);
        (bool needed, bytes memory data) = vault.checkUpkeep("");
        vm.assertTrue(needed, "due");
        IRebalancingVault.Leg[] memory legs = abi.decode(data, (IRebalancingVault.Leg[]));
        vm.assertEq(legs.length, 3, "one seller, three buyers");
        vm.prank(FORWARDER);
        vault.performUpkeep(data);
        (uint256 d,) = vault.drift();
        vm.assertLt(d, 1e13, "back on target (cap not binding)");
        (needed,) = vault.checkUpkeep("");
        vm.assertFalse(needed, "cooldown and no drift");
    }

    /// @dev Two assets tie for the largest deviation: fixing one pair first would leave the maximum unchanged; the
    ///      planner shrinks every deviation together, so every capped slice lowers the maximum.
    function test_slicesConvergeUnderCap_withTies() public {
        IRebalancingVault.Params memory p = defaultParams();
        p.maxTradeFraction = 2e16;
        _setParams(p);
        _movePrice(0, 10_000);
        _movePrice(2, 10_000); // assets 0 and 2 tie overweight: 33.3% each vs 25%
        (uint256 d,) = vault.drift();
        uint256 slices;
        while (true) {
            (bool needed, bytes memory data) = vault.checkUpkeep("");
            if (!needed) break;
            vm.prank(FORWARDER);
            vault.performUpkeep(data);
            (uint256 dNext,) = vault.drift();
            vm.assertLt(dNext, d, "every slice lowers max drift");
            d = dNext;
            ++slices;
            vm.warp(block.timestamp + 1 hours);
        }
        vm.assertGt(slices, 3, "needed several slices");
        vm.assertLe(d, 5e16, "stops inside the band");
    }

    function test_performUpkeep_sameGuards() public {
        _movePrice(0, 5000);
        (, bytes memory data) = vault.checkUpkeep("");
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.NotKeeper.selector, BOB));
        vault.performUpkeep(data);

        venue.setFactors(1e18, 1.1e18, 1e18); // spot moved away from TWAP after the check
        (, bytes memory data2) = vault.checkUpkeep(""); // the planner does not pre-check manipulation
        vm.prank(FORWARDER);
        vm.expectRevert(); // SpotTwapDeviation
        vault.performUpkeep(data2);
        venue.setFactors(1e18, 1e18, 1e18);

        vm.prank(GUARDIAN);
        vault.pause();
        (bool needed,) = vault.checkUpkeep("");
        vm.assertFalse(needed, "paused: no upkeep");
        vm.prank(FORWARDER);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vault.performUpkeep(data);
        vm.prank(GUARDIAN);
        vault.unpause();

        vm.prank(FORWARDER);
        vault.performUpkeep(data);
        vm.prank(FORWARDER);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.CooldownActive.selector, block.timestamp + 1 hours));
        vault.performUpkeep(data); // replay
    }

    function test_performUpkeep_rejectsGarbage() public {
        _movePrice(0, 5000);
        vm.prank(FORWARDER);
        vm.expectRevert();
        vault.performUpkeep(hex"deadbeef");
        IRebalancingVault.Leg[] memory legs = _leg(0, 1, 1e18);
        legs[0].venue = address(0xBAD);
        vm.prank(FORWARDER);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.VenueNotAllowed.selector, address(0xBAD)));
        vault.performUpkeep(abi.encode(legs));
    }

    function test_checkUpkeep_falseWhenOracleDownOrNoVenue() public {
        _movePrice(0, 5000);
        router.setFailing(assetList[1], true);
        (bool needed,) = vault.checkUpkeep("");
        vm.assertFalse(needed, "oracle down: no upkeep, no revert");
        router.setFailing(assetList[1], false);
        _govern(abi.encodeCall(IRebalancingVault.setVenue, (address(venue), false)));
        (needed,) = vault.checkUpkeep("");
        vm.assertFalse(needed, "no venue");
    }

    /// @dev For any single-asset shock and cap, the plan checkUpkeep returns passes every guard and lowers drift.
    function testFuzz_planAlwaysExecutable(uint256 asset, uint256 move, uint256 cap) public {
        IRebalancingVault.Params memory p = defaultParams();
        p.maxTradeFraction = uint64(bound(cap, 1e16, 1e18));
        _setParams(p);
        uint256 i = asset % 4;
        router.setPrice(assetList[i], router.price(assetList[i]) * bound(move, 1, 40_000) / 10_000);
        (uint256 d,) = vault.drift();
        (bool needed, bytes memory data) = vault.checkUpkeep("");
        vm.assertEq(needed, d > 5e16, "due exactly when outside the band");
        if (!needed) return;
        vm.prank(FORWARDER);
        vault.performUpkeep(data);
        (uint256 dAfter,) = vault.drift();
        vm.assertLt(dAfter, d, "drift fell");
    }
}
