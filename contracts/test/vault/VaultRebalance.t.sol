// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {VaultFixture} from "./VaultFixture.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";
import {MockPriceRouter} from "../mocks/MockPriceRouter.sol";
import {MockVenue} from "../mocks/MockVenue.sol";
import {RebalancingVault} from "../../src/vault/RebalancingVault.sol";
import {SenderFeeToken} from "../mocks/SenderFeeToken.sol";

/// @notice Every rebalance guard, each through its own custom error, plus the happy path and its execution log.
contract VaultRebalanceTest is VaultFixture {
    function setUp() public override {
        super.setUp();
        _seed();
        _movePrice(0, 5000); // asset 0 +50%: weight 33.3% vs 25% target, drift 8.3% > 5% band
    }

    /// @dev Sells `value` (numeraire) of asset 0 for asset 1.
    function _sell0For1(uint256 value) internal view returns (IRebalancingVault.Leg[] memory) {
        return _leg(0, 1, value * 1e18 / router.price(assetList[0]));
    }

    /// @dev Sells asset 0's excess ($93.75k) evenly into the three others: back to target.
    function _toTarget() internal view returns (IRebalancingVault.Leg[] memory legs) {
        legs = new IRebalancingVault.Leg[](3);
        uint256 each = 31_250e18 * 1e18 / router.price(assetList[0]);
        for (uint256 j = 1; j < 4; ++j) {
            legs[j - 1] = IRebalancingVault.Leg(address(venue), assetList[0], assetList[j], each);
        }
    }

    function _rebalanceError(IRebalancingVault.Leg[] memory legs) internal returns (bytes memory reason) {
        vm.prank(KEEPER);
        try vault.rebalance(legs) {
            revert("rebalance did not revert");
        } catch (bytes memory r) {
            reason = r;
        }
    }

    function test_rebalance_reducesDriftWithinBudget() public {
        (uint256 driftBefore,) = vault.drift();
        uint256 navBefore = vault.nav();
        _rebalanceAs(KEEPER, _sell0For1(50_000e18));
        (uint256 driftAfter, int256[] memory devs) = vault.drift();
        vm.assertLt(driftAfter, driftBefore, "drift reduced");
        vm.assertLe(devs[0], int256(8e16), "asset 0 less overweight");
        vm.assertApproxEqAbs(vault.nav(), navBefore, 1e13, "fair fill keeps NAV (6-dec output truncation)");
        vm.assertEq(vault.lastRebalance(), block.timestamp, "timestamp recorded");
        uint256[] memory bal = vault.balances();
        for (uint256 i; i < 4; ++i) {
            vm.assertEq(bal[i], tokens[i].balanceOf(address(vault)), "accounting = tokens");
        }
    }

    function test_rebalance_emitsExecutionLog() public {
        IRebalancingVault.Leg[] memory legs = _sell0For1(50_000e18);
        (uint256 driftBefore,) = vault.drift();
        uint256 navBefore = vault.nav();
        uint256 snap = vm.snapshotState();
        _rebalanceAs(KEEPER, legs);
        (uint256 driftAfter,) = vault.drift();
        uint256 navAfter = vault.nav();
        uint256 out = vault.balances()[1] - 250_000e6;
        vm.revertToState(snap);
        uint256[] memory prices = new uint256[](4);
        for (uint256 i; i < 4; ++i) {
            prices[i] = router.price(assetList[i]);
        }
        uint256[] memory outs = new uint256[](1);
        outs[0] = out;
        vm.expectEmit(address(vault));
        emit IRebalancingVault.Rebalanced(KEEPER, legs, outs, prices, driftBefore, driftAfter, navBefore, navAfter);
        _rebalanceAs(KEEPER, legs);
    }

    function test_rebalance_onlyKeeper() public {
        IRebalancingVault.Leg[] memory legs = _sell0For1(50_000e18);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.NotKeeper.selector, BOB));
        _rebalanceAs(BOB, legs);
        vault.setKeeper(KEEPER, false);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.NotKeeper.selector, KEEPER));
        _rebalanceAs(KEEPER, legs);
    }

    function test_rebalance_blockedWhilePaused() public {
        vm.prank(GUARDIAN);
        vault.pause();
        IRebalancingVault.Leg[] memory pending = _sell0For1(50_000e18);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        _rebalanceAs(KEEPER, pending);
        vm.prank(GUARDIAN);
        vault.unpause();
        _rebalanceAs(KEEPER, _sell0For1(50_000e18));
    }

    function test_cooldown() public {
        _rebalanceAs(KEEPER, _sell0For1(20_000e18));
        uint256 last = block.timestamp;
        vm.warp(last + 1 hours - 1);
        IRebalancingVault.Leg[] memory pending = _sell0For1(20_000e18);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.CooldownActive.selector, last + 1 hours));
        _rebalanceAs(KEEPER, pending);
        vm.warp(last + 1 hours);
        _rebalanceAs(KEEPER, _sell0For1(20_000e18));
    }

    /// @dev The vault stores Params repacked with the cooldown clock in the same slot: a timelocked parameter change
    ///      must neither reset the clock (that would let a change skip the cooldown) nor alter any field.
    function test_setParams_keepsTheCooldownClock_andEveryField() public {
        _rebalanceAs(KEEPER, _sell0For1(20_000e18));
        uint256 last = block.timestamp;
        IRebalancingVault.Params memory p = IRebalancingVault.Params({
            band: 4e16 + 1,
            mode: IRebalancingVault.DriftMode.BAND_OR_CALENDAR,
            interval: 3 days + 7,
            cooldown: 2 days + 3, // longer than the timelock delay, so the clock is still running after the change
            maxSlippage: 2e16 + 5,
            maxTradeFraction: 4e17 + 9,
            twapWindow: 1 days,
            maxSpotTwapDeviation: 3e16 + 11,
            maxOracleVenueDeviation: 5e16 + 13,
            singleAssetFee: 1e17
        });
        vault.propose(address(vault), abi.encodeCall(IRebalancingVault.setParams, (p)));
        vm.warp(last + DELAY);
        vault.execute(address(vault), abi.encodeCall(IRebalancingVault.setParams, (p)), vault.proposalCount());
        vm.assertEq(vault.lastRebalance(), last, "clock kept across setParams");
        vm.assertEq(keccak256(abi.encode(vault.params())), keccak256(abi.encode(p)), "every field as set");
        // the clock still rules: the new cooldown counts from the last rebalance, not from the change
        vm.warp(last + 2 days + 2);
        IRebalancingVault.Leg[] memory pending = _sell0For1(1000e18);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.CooldownActive.selector, last + 2 days + 3));
        _rebalanceAs(KEEPER, pending);
    }

    function test_band_driftWithinBand() public {
        _movePrice(0, 0);
        router.setPrice(assetList[0], 2100e18); // +5% on one asset: drift ~0.9%
        (uint256 d,) = vault.drift();
        IRebalancingVault.Leg[] memory pending = _sell0For1(1000e18);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.DriftWithinBand.selector, d, 5e16));
        _rebalanceAs(KEEPER, pending);
    }

    function test_calendarMode() public {
        IRebalancingVault.Params memory p = defaultParams();
        p.mode = IRebalancingVault.DriftMode.CALENDAR;
        _setParams(p);
        router.setPrice(assetList[0], 2100e18); // drift well inside the band: calendar alone decides
        _rebalanceAs(KEEPER, _sell0For1(1000e18)); // never rebalanced: due
        uint256 last = block.timestamp;
        vm.warp(last + 2 hours);
        router.setPrice(assetList[0], 2200e18);
        IRebalancingVault.Leg[] memory pending = _sell0For1(1000e18);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.CalendarNotDue.selector, last + 7 days));
        _rebalanceAs(KEEPER, pending);
        vm.warp(last + 7 days);
        _rebalanceAs(KEEPER, _sell0For1(1000e18));
    }

    function test_bandOrCalendarMode() public {
        IRebalancingVault.Params memory p = defaultParams();
        p.mode = IRebalancingVault.DriftMode.BAND_OR_CALENDAR;
        _setParams(p);
        _rebalanceAs(KEEPER, _toTarget()); // band hit: back to target
        uint256 last = block.timestamp;
        vm.warp(last + 2 hours);
        router.setPrice(assetList[0], router.price(assetList[0]) * 102 / 100); // small drift
        (uint256 d,) = vault.drift();
        vm.assertLt(d, 5e16, "inside band");
        IRebalancingVault.Leg[] memory pending = _sell0For1(1000e18);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.RebalanceNotDue.selector, d, 5e16, last + 7 days));
        _rebalanceAs(KEEPER, pending);
        vm.warp(last + 7 days); // calendar alone is enough
        _rebalanceAs(KEEPER, _sell0For1(1000e18));
    }

    function test_bandAndCalendarMode() public {
        IRebalancingVault.Params memory p = defaultParams();
        p.mode = IRebalancingVault.DriftMode.BAND_AND_CALENDAR;
        _setParams(p);
        _rebalanceAs(KEEPER, _sell0For1(20_000e18)); // both hold (never rebalanced, band hit)
        uint256 last = block.timestamp;
        vm.warp(last + 2 hours);
        (uint256 d,) = vault.drift();
        vm.assertGt(d, 5e16, "still outside band");
        IRebalancingVault.Leg[] memory pending = _sell0For1(20_000e18);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.CalendarNotDue.selector, last + 7 days));
        _rebalanceAs(KEEPER, pending);
        vm.warp(last + 7 days);
        _rebalanceAs(KEEPER, _toTarget()); // now inside band
        vm.warp(block.timestamp + 7 days);
        (d,) = vault.drift();
        IRebalancingVault.Leg[] memory pending2 = _sell0For1(1000e18);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.DriftWithinBand.selector, d, 5e16));
        _rebalanceAs(KEEPER, pending2);
    }

    function test_manipulation_spotVsTwap() public {
        venue.setFactors(1e18, 1.05e18, 1e18);
        uint256 fair = router.price(assetList[0]) * 1e18 / router.price(assetList[1]);
        IRebalancingVault.Leg[] memory pending = _sell0For1(50_000e18);
        vm.expectRevert(
            abi.encodeWithSelector(IRebalancingVault.SpotTwapDeviation.selector, address(venue), fair * 105 / 100, fair)
        );
        _rebalanceAs(KEEPER, pending);
    }

    function test_manipulation_oracleVsSpot() public {
        venue.setFactors(1e18, 1.03e18, 1.03e18); // spot agrees with TWAP, both 3% off the oracles
        uint256 fair = router.price(assetList[0]) * 1e18 / router.price(assetList[1]);
        IRebalancingVault.Leg[] memory pending = _sell0For1(50_000e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRebalancingVault.OracleSpotDeviation.selector, address(venue), fair, fair * 103 / 100
            )
        );
        _rebalanceAs(KEEPER, pending);
    }

    function test_manipulation_oracleVsTwap() public {
        venue.setFactors(1e18, 1.01e18, 1.025e18);
        uint256 fair = router.price(assetList[0]) * 1e18 / router.price(assetList[1]);
        IRebalancingVault.Leg[] memory pending = _sell0For1(50_000e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRebalancingVault.OracleTwapDeviation.selector, address(venue), fair, fair * 1025 / 1000
            )
        );
        _rebalanceAs(KEEPER, pending);
    }

    function test_tradeTooLarge() public {
        IRebalancingVault.Params memory p = defaultParams();
        p.maxTradeFraction = 1e17;
        _setParams(p);
        uint256 nav = vault.nav();
        IRebalancingVault.Leg[] memory legs = _sell0For1(nav / 10 + 1e18);
        uint256 traded = legs[0].amountIn * router.price(assetList[0]) / 1e18;
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.TradeTooLarge.selector, traded, nav / 10));
        _rebalanceAs(KEEPER, legs);
        _rebalanceAs(KEEPER, _toTarget()); // $93.75k, under the cap, every leg toward target: goes through
    }

    function test_minOut_isComputedOnChain() public {
        IRebalancingVault.Leg[] memory legs = _sell0For1(50_000e18);
        uint256 fairOut = legs[0].amountIn * router.price(assetList[0]) / router.price(assetList[1]) / 1e12;
        uint256 minOut = (fairOut * 99 / 100) + 1; // 1% below router value, rounded up (approx.)
        venue.setFactors(0.985e18, 1e18, 1e18); // fills 1.5% short
        vm.expectRevert(); // MockVenueSlippage: the venue saw the vault's own min-out
        _rebalanceAs(KEEPER, legs);
        venue.setHonourMinOut(false); // a venue that ignores min-out cannot get past the vault
        uint256 got = fairOut * 985 / 1000;
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.SlippageExceeded.selector, 0, got, minOut));
        _rebalanceAs(KEEPER, legs);
        venue.setFactors(0.995e18, 1e18, 1e18); // within 1%: fine
        _rebalanceAs(KEEPER, legs);
    }

    function test_driftMustFall() public {
        (uint256 d,) = vault.drift();
        IRebalancingVault.Leg[] memory wrongWay = _leg(1, 0, 20_000e6); // buys more of the overweight asset
        vm.expectRevert(); // DriftNotReduced(d, larger)
        _rebalanceAs(KEEPER, wrongWay);
        // overshooting also fails: selling far past target leaves a larger deviation on the other side
        IRebalancingVault.Leg[] memory overshoot = _sell0For1(400_000e18);
        overshoot[0].amountIn = vault.balances()[0];
        vm.expectRevert();
        _rebalanceAs(KEEPER, overshoot);
        vm.assertGt(d, 0, "drift was there");
    }

    function test_driftNotReduced_exactError() public {
        (uint256 d,) = vault.drift();
        bytes memory reason = _rebalanceError(_leg(1, 0, 20_000e6));
        vm.assertEq(bytes4(reason), IRebalancingVault.DriftNotReduced.selector, "selector");
        (uint256 before, uint256 afterDrift) = abi.decode(_args(reason), (uint256, uint256));
        vm.assertEq(before, d, "drift before");
        // buying $20k more of asset 0 lifts its weight from 33.3% to ~35.1%
        vm.assertApproxEqRel(afterDrift, 101_111_111e9, 1e12, "drift after");
    }

    function _args(bytes memory reason) internal pure returns (bytes memory a) {
        a = new bytes(reason.length - 4);
        for (uint256 i; i < a.length; ++i) {
            a[i] = reason[i + 4];
        }
    }

    function test_legChecks() public {
        IRebalancingVault.Leg[] memory legs = new IRebalancingVault.Leg[](0);
        vm.expectRevert(IRebalancingVault.NoLegs.selector);
        _rebalanceAs(KEEPER, legs);

        legs = new IRebalancingVault.Leg[](9);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.TooManyLegs.selector, 9, 8));
        _rebalanceAs(KEEPER, legs);

        legs = _sell0For1(1000e18);
        legs[0].venue = address(0xBAD);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.VenueNotAllowed.selector, address(0xBAD)));
        _rebalanceAs(KEEPER, legs);

        legs = _sell0For1(1000e18);
        legs[0].tokenOut = address(0xBEEF);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.NotAnAsset.selector, address(0xBEEF)));
        _rebalanceAs(KEEPER, legs);

        legs = _sell0For1(1000e18);
        legs[0].tokenOut = legs[0].tokenIn;
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.InvalidLeg.selector, 0));
        _rebalanceAs(KEEPER, legs);

        legs = _sell0For1(0);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.InvalidLeg.selector, 0));
        _rebalanceAs(KEEPER, legs);
    }

    function test_insufficientBalance() public {
        IRebalancingVault.Params memory p = defaultParams();
        p.maxTradeFraction = 1e18;
        _setParams(p);
        uint256 bal = vault.balances()[0];
        IRebalancingVault.Leg[] memory pending = _leg(0, 1, bal + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IRebalancingVault.InsufficientBalance.selector, assetList[0], bal + 1, bal)
        );
        _rebalanceAs(KEEPER, pending);
    }

    function test_oracleFailureBubbles() public {
        router.setFailing(assetList[3], true);
        IRebalancingVault.Leg[] memory pending = _sell0For1(50_000e18);
        vm.expectRevert(abi.encodeWithSelector(MockPriceRouter.MockPriceUnavailable.selector, assetList[3]));
        _rebalanceAs(KEEPER, pending);
    }

    function test_inputHandedBack_accountsWhatMoved() public {
        venue.setPullFactor(0.5e18);
        IRebalancingVault.Leg[] memory legs = _sell0For1(50_000e18);
        uint256 before0 = vault.balances()[0];
        _rebalanceAs(KEEPER, legs);
        vm.assertEq(vault.balances()[0], before0 - legs[0].amountIn / 2, "only the half kept by the venue accounted");
        vm.assertEq(IERC20(assetList[0]).allowance(address(vault), address(venue)), 0, "push model: no approval");
        vm.assertEq(vault.balances()[0], tokens[0].balanceOf(address(vault)), "accounting = tokens");
    }
}

/// @notice A token that debits the vault more than the leg's amountIn is caught by the spent-vs-amountIn check.
contract VaultOverspendTest is VaultFixture {
    function test_overspentInput() public {
        SenderFeeToken fee = new SenderFeeToken();
        router.setPrice(address(fee), 1e18);
        address[] memory a = new address[](2);
        (a[0], a[1]) = (address(fee), assetList[1]);
        vault = _deployVault(a, _equalWeights(2), defaultParams());
        _allowVenue(address(venue));
        _addKeeper(KEEPER);
        fee.mint(ALICE, 100_000e18);
        tokens[1].mint(ALICE, 100_000e6);
        vm.startPrank(ALICE);
        fee.approve(address(vault), type(uint256).max);
        tokens[1].approve(address(vault), type(uint256).max);
        uint256[] memory amounts = new uint256[](2);
        (amounts[0], amounts[1]) = (50_000e18, 50_000e6);
        vault.deposit(amounts, 0, ALICE);
        vm.stopPrank();
        // the deposit itself cost the vault nothing (fee charged to Alice); now make the fee token overweight
        router.setPrice(address(fee), 1.5e18);
        IRebalancingVault.Leg[] memory legs = new IRebalancingVault.Leg[](1);
        legs[0] = IRebalancingVault.Leg(address(venue), address(fee), assetList[1], 5_000e18);
        vm.prank(KEEPER);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.OverspentInput.selector, 0, 5_050e18, 5_000e18));
        vault.rebalance(legs);
    }
}
