// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {VaultFixture} from "./VaultFixture.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";
import {IVenue} from "../../src/interfaces/IVenue.sol";
import {MockVenue} from "../mocks/MockVenue.sol";

/// @notice A venue that keeps no TWAP of its own (guaranteedWindow() == 0: a Uniswap V2 pair, a Balancer V2 pool, the
///         auction) is recorded as spot-only when it is allowed, and held to the oracle alone; a venue allowed as
///         TWAP-checked never silently loses the check.
contract VaultSpotOnlyVenueTest is VaultFixture {
    MockVenue internal spotOnly;

    function setUp() public override {
        super.setUp();
        _seed();
        _movePrice(0, 5000); // asset 0 +50%: drift 8.3% > 5% band
        spotOnly = new MockVenue(router);
        spotOnly.setGuaranteedWindow(0);
    }

    function test_allowingRecordsTheKindInTheEvent() public {
        _allowExpecting(address(spotOnly), false, address(spotOnly));
        vm.assertTrue(vault.isVenue(address(spotOnly)), "allowed");
        vm.assertFalse(vault.venueTwapChecked(address(spotOnly)), "spot-only");
        vm.assertTrue(vault.venueTwapChecked(address(venue)), "the fixture's venue keeps a TWAP");
    }

    function test_spotOnlyVenueTradesWithoutATwap() public {
        _allowVenue(address(spotOnly));
        vm.expectRevert(IVenue.TwapUnsupported.selector);
        spotOnly.twapPrice(assetList[0], assetList[1], 1800);
        uint256 driftBefore;
        (driftBefore,) = vault.drift();
        _rebalanceAs(KEEPER, _legVia(address(spotOnly), 50_000e18));
        (uint256 driftAfter,) = vault.drift();
        vm.assertLt(driftAfter, driftBefore, "rebalanced through the spot-only venue");
    }

    /// @dev The attack a spot-only venue invites: push its spot (a flash loan on a V2 pair) and let the keeper trade into
    ///      it. The oracle check refuses it; only the TWAP comparisons are absent.
    function test_spotOnlyVenueWithPushedSpotRefused() public {
        _allowVenue(address(spotOnly));
        spotOnly.setFactors(1e18, 1.03e18, 1e18);
        uint256 fair = router.price(assetList[0]) * 1e18 / router.price(assetList[1]);
        IRebalancingVault.Leg[] memory legs = _legVia(address(spotOnly), 50_000e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRebalancingVault.OracleSpotDeviation.selector, address(spotOnly), fair, fair * 103 / 100
            )
        );
        _rebalanceAs(KEEPER, legs);
    }

    /// @dev A spot-only venue fills no worse than the oracle-derived min-out: one that ignores the min-out it is given
    ///      and fills 1.5% short (beyond the 1% slippage) is refused by the vault's own measurement.
    function test_spotOnlyVenueShortFillRefused() public {
        _allowVenue(address(spotOnly));
        spotOnly.setFactors(0.985e18, 1e18, 1e18);
        spotOnly.setHonourMinOut(false);
        IRebalancingVault.Leg[] memory legs = _legVia(address(spotOnly), 50_000e18);
        uint256 fairOut = legs[0].amountIn * router.price(assetList[0]) / router.price(assetList[1]) / 1e12;
        uint256 got = fairOut * 985 / 1000;
        uint256 minOut = (fairOut * 99 + 99) / 100;
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.SlippageExceeded.selector, 0, got, minOut));
        _rebalanceAs(KEEPER, legs);
    }

    /// @dev The kind is fixed when a venue is allowed: a TWAP-checked venue that later stops keeping a TWAP fails closed
    ///      (its twapPrice reverts) instead of being trusted on its spot alone.
    function test_twapVenueThatDropsItsTwapFailsClosed() public {
        venue.setGuaranteedWindow(0);
        IRebalancingVault.Leg[] memory legs = _legVia(address(venue), 50_000e18);
        vm.prank(KEEPER);
        vm.expectRevert(IVenue.TwapUnsupported.selector);
        vault.rebalance(legs);
    }

    function test_reAllowingReadsTheKindAgain() public {
        _allowVenue(address(spotOnly));
        bytes memory remove = abi.encodeCall(IRebalancingVault.setVenue, (address(spotOnly), false));
        vault.propose(address(vault), remove);
        uint256 nonce = vault.proposalCount();
        vm.warp(block.timestamp + DELAY);
        vm.expectEmit(address(vault));
        emit IRebalancingVault.VenueSet(address(spotOnly), false, false, address(0)); // no payee on removal
        vault.execute(address(vault), remove, nonce);
        vm.assertFalse(vault.isVenue(address(spotOnly)), "removed");
        spotOnly.setGuaranteedWindow(type(uint32).max);
        _allowExpecting(address(spotOnly), true, address(spotOnly));
        vm.assertTrue(vault.venueTwapChecked(address(spotOnly)), "TWAP-checked now");
    }
}
