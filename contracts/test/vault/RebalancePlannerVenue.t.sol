// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AuctionFixture} from "../venues/AuctionFixture.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";

/// @notice checkUpkeep must plan through a venue that swaps for any caller. The vault's own Dutch auction is an
///         allow-listed venue whose swapExactIn fills only inside its own bid, so a plan through it makes
///         performUpkeep revert NotInBid. An owner who swaps the Ballast venue out and back in (the vault's venue list
///         is swap-and-pop) leaves the auction first in `venues()`: the planner must skip it.
contract RebalancePlannerVenueTest is AuctionFixture {
    function setUp() public override {
        super.setUp();
        _govern(abi.encodeCall(IRebalancingVault.setVenue, (address(venue), false)));
        _govern(abi.encodeCall(IRebalancingVault.setVenue, (address(venue), true)));
        _arbitrage(); // the fixture's keeper leg left the pool off the oracle: arbitrageurs put it back
        _advance(1 hours); // and its TWAP catches up
    }

    function test_auctionFirst_checkUpkeepPlansThroughTheSwapVenue_andPerformUpkeepTrades() public {
        address[] memory venues = vault.venues();
        vm.assertEq(venues[0], address(auction), "fixture: the auction is first");
        vm.assertEq(vault.planner().swapVenue(vault), address(venue), "the first venue that swaps");
        (uint256 before,) = vault.drift();
        (bool needed, bytes memory data) = vault.checkUpkeep("");
        vm.assertTrue(needed, "due: drift above the band, past the cooldown");
        IRebalancingVault.Leg[] memory legs = abi.decode(data, (IRebalancingVault.Leg[]));
        vm.assertGt(legs.length, 0, "legs planned");
        for (uint256 i; i < legs.length; ++i) {
            vm.assertEq(legs[i].venue, address(venue), "every leg on the Ballast venue, none on the auction");
        }
        vm.prank(KEEPER);
        vault.performUpkeep(data);
        (uint256 afterDrift,) = vault.drift();
        vm.assertLt(afterDrift, before, "the upkeep traded and lowered drift");
    }

    function test_onlyTheAuction_nothingPlanned() public {
        _govern(abi.encodeCall(IRebalancingVault.setVenue, (address(venue), false)));
        vm.assertEq(vault.venues().length, 1, "only the auction left");
        vm.assertEq(vault.planner().swapVenue(vault), address(0), "no venue that swaps");
        (bool needed, bytes memory data) = vault.checkUpkeep("");
        vm.assertFalse(needed, "no plan that could only revert NotInBid");
        vm.assertEq(data.length, 0, "no data");
    }
}
