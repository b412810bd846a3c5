// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {VaultFixture} from "./VaultFixture.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";
import {RebalancingVault} from "../../src/vault/RebalancingVault.sol";
import {IPriceRouter} from "../../src/interfaces/IPriceRouter.sol";
import {MockVenue} from "../mocks/MockVenue.sol";

/// @notice Roles and the built-in timelock: only the owner proposes, changes wait the delay, bounds are enforced.
contract VaultGovernanceTest is VaultFixture {
    function test_timelock_proposeExecuteWithEvents() public {
        IRebalancingVault.Params memory p = defaultParams();
        p.band = 3e16;
        bytes memory call = abi.encodeCall(IRebalancingVault.setParams, (p));
        uint256 nonce = vault.proposalCount() + 1;
        bytes32 id = keccak256(abi.encode(address(vault), call, nonce));
        vm.expectEmit(address(vault));
        emit IRebalancingVault.ChangeProposed(id, address(vault), call, nonce, block.timestamp + DELAY);
        vault.propose(address(vault), call);
        vm.assertEq(vault.pendingEta(id), block.timestamp + DELAY, "eta");

        vm.warp(block.timestamp + DELAY - 1);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.ChangeNotReady.selector, id, block.timestamp + 1));
        vault.execute(address(vault), call, nonce);

        vm.warp(block.timestamp + 1);
        vm.expectEmit(address(vault));
        emit IRebalancingVault.ParamsSet(p);
        vm.expectEmit(address(vault));
        emit IRebalancingVault.ChangeExecuted(id, address(vault), call);
        vault.execute(address(vault), call, nonce);
        vm.assertEq(uint256(vault.params().band), 3e16, "applied");
        vm.assertEq(vault.pendingEta(id), 0, "consumed");

        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.ChangeNotPending.selector, id));
        vault.execute(address(vault), call, nonce);
    }

    function test_timelock_cancelAndExpiry() public {
        bytes memory call = abi.encodeCall(IRebalancingVault.setTimelockDelay, (2 days));
        bytes32 id = vault.propose(address(vault), call);
        uint256 nonce = vault.proposalCount();
        vm.expectEmit(address(vault));
        emit IRebalancingVault.ChangeCancelled(id);
        vault.cancel(id);
        vm.warp(block.timestamp + DELAY);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.ChangeNotPending.selector, id));
        vault.execute(address(vault), call, nonce);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.ChangeNotPending.selector, id));
        vault.cancel(id);

        id = vault.propose(address(vault), call);
        nonce = vault.proposalCount();
        uint256 eta = block.timestamp + DELAY;
        vm.warp(eta + vault.GRACE_PERIOD() + 1);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.ChangeExpired.selector, id, eta + 14 days));
        vault.execute(address(vault), call, nonce);
    }

    function test_timelock_boundsCheckedAtProposal() public {
        IRebalancingVault.Params memory p = defaultParams();
        p.maxSlippage = 2e17;
        vm.expectRevert(
            abi.encodeWithSelector(IRebalancingVault.ParamOutOfBounds.selector, "maxSlippage", 2e17, 1e14, 1e17)
        );
        vault.propose(address(vault), abi.encodeCall(IRebalancingVault.setParams, (p)));
        p = defaultParams();
        p.twapWindow = 60;
        vm.expectRevert(
            abi.encodeWithSelector(IRebalancingVault.ParamOutOfBounds.selector, "twapWindow", 60, 300, 86_400)
        );
        vault.propose(address(vault), abi.encodeCall(IRebalancingVault.setParams, (p)));
        p = defaultParams();
        p.cooldown = 0;
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.ParamOutOfBounds.selector, "cooldown", 0, 60, 30 days));
        vault.propose(address(vault), abi.encodeCall(IRebalancingVault.setParams, (p)));

        uint256[] memory w = _equalWeights(4);
        w[0] += 1;
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.WeightsDoNotSumToOne.selector, 1e18 + 1));
        vault.propose(address(vault), abi.encodeCall(IRebalancingVault.setTargetWeights, (w)));
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.WeightsLengthMismatch.selector, 4, 2));
        vault.propose(address(vault), abi.encodeCall(IRebalancingVault.setTargetWeights, (_equalWeights(2))));
        vm.expectRevert(
            abi.encodeWithSelector(IRebalancingVault.TimelockDelayOutOfBounds.selector, 60, 1 hours, 30 days)
        );
        vault.propose(address(vault), abi.encodeCall(IRebalancingVault.setTimelockDelay, (60)));
        vm.expectRevert(IRebalancingVault.ZeroAddress.selector);
        vault.propose(address(vault), abi.encodeCall(IRebalancingVault.setVenue, (address(0), true)));
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.UnknownChange.selector, vault.transfer.selector));
        vault.propose(address(vault), abi.encodeCall(vault.transfer, (address(this), 1)));
    }

    /// @dev A venue whose guaranteed TWAP history is shorter than the vault's window is refused when proposed, and
    ///      again when the change executes (the venue or the vault's state may have changed in between).
    function test_venueWindow_shorterThanTwapWindowRefused() public {
        MockVenue shortVenue = new MockVenue(IPriceRouter(address(router)));
        uint32 window = defaultParams().twapWindow;
        shortVenue.setGuaranteedWindow(window - 1);
        bytes memory call = abi.encodeCall(IRebalancingVault.setVenue, (address(shortVenue), true));
        vm.expectRevert(
            abi.encodeWithSelector(
                IRebalancingVault.VenueWindowTooShort.selector, address(shortVenue), window - 1, window
            )
        );
        vault.propose(address(vault), call);

        shortVenue.setGuaranteedWindow(window);
        vault.propose(address(vault), call);
        uint256 nonce = vault.proposalCount();
        shortVenue.setGuaranteedWindow(window - 30); // shrinks while queued: the execution re-checks
        vm.warp(block.timestamp + DELAY);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRebalancingVault.VenueWindowTooShort.selector, address(shortVenue), window - 30, window
            )
        );
        vault.execute(address(vault), call, nonce);
        vm.assertFalse(vault.isVenue(address(shortVenue)), "not allowed");

        shortVenue.setGuaranteedWindow(window);
        _govern(call);
        vm.assertTrue(vault.isVenue(address(shortVenue)), "allowed at exactly the window");
    }

    /// @dev Raising the TWAP window past what an allowed venue guarantees is refused (naming the venue); removing
    ///      that venue stays possible, and then the longer window is accepted.
    function test_venueWindow_paramsLongerThanAVenueGuaranteesRefused() public {
        venue.setGuaranteedWindow(1 hours);
        IRebalancingVault.Params memory p = defaultParams();
        p.twapWindow = 1 hours + 1;
        bytes memory call = abi.encodeCall(IRebalancingVault.setParams, (p));
        vm.expectRevert(
            abi.encodeWithSelector(
                IRebalancingVault.VenueWindowTooShort.selector, address(venue), 1 hours, 1 hours + 1
            )
        );
        vault.propose(address(vault), call);

        p.twapWindow = 1 hours;
        _setParams(p);
        vm.assertEq(vault.params().twapWindow, 1 hours, "a window the venue guarantees is accepted");

        _govern(abi.encodeCall(IRebalancingVault.setVenue, (address(venue), false)));
        p.twapWindow = 1 hours + 1;
        _setParams(p);
        vm.assertEq(vault.params().twapWindow, 1 hours + 1, "no venue left to refuse it");
    }

    function test_targetWeightsAndVenueRemoval() public {
        uint256[] memory w = new uint256[](4);
        (w[0], w[1], w[2], w[3]) = (4e17, 3e17, 2e17, 1e17);
        _govern(abi.encodeCall(IRebalancingVault.setTargetWeights, (w)));
        vm.assertEq(vault.targetWeights()[0], 4e17, "weights set");
        _govern(abi.encodeCall(IRebalancingVault.setVenue, (address(venue), false)));
        vm.assertFalse(vault.isVenue(address(venue)), "venue removed");
        vm.assertEq(vault.venues().length, 0, "list updated");
    }

    function test_setters_onlySelf() public {
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.OnlySelf.selector, address(this)));
        vault.setParams(defaultParams());
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.OnlySelf.selector, address(this)));
        vault.setVenue(address(1), true);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.OnlySelf.selector, address(this)));
        vault.setTargetWeights(_equalWeights(4));
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.OnlySelf.selector, address(this)));
        vault.setTimelockDelay(2 days);
    }

    function test_onlyOwnerGoverns() public {
        bytes memory call = abi.encodeCall(IRebalancingVault.setTimelockDelay, (2 days));
        vm.startPrank(BOB);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, BOB));
        vault.propose(address(vault), call);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, BOB));
        vault.execute(address(vault), call, 1);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, BOB));
        vault.cancel(bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, BOB));
        vault.setKeeper(KEEPER, false);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, BOB));
        vault.setGuardian(BOB);
        vm.stopPrank();
    }

    function test_keepersAndGuardian() public {
        bytes memory call = abi.encodeCall(IRebalancingVault.setKeeper, (BOB, true));
        vault.propose(address(vault), call);
        vm.warp(block.timestamp + DELAY);
        vm.expectEmit(address(vault));
        emit IRebalancingVault.KeeperSet(BOB, true);
        vault.execute(address(vault), call, vault.proposalCount());
        vm.assertTrue(vault.isKeeper(BOB), "keeper added through the timelock");
        vault.setKeeper(BOB, false);
        vm.assertFalse(vault.isKeeper(BOB), "keeper removed");

        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.NotGuardian.selector, address(this)));
        vault.pause(); // not even the owner
        vm.prank(KEEPER);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.NotGuardian.selector, KEEPER));
        vault.pause();
        vm.prank(GUARDIAN);
        vault.pause();
        vm.assertTrue(vault.paused(), "paused");
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.NotGuardian.selector, BOB));
        vault.unpause();
        vm.prank(GUARDIAN);
        vault.unpause();
        vm.assertFalse(vault.paused(), "unpaused");

        vault.setGuardian(BOB);
        vm.assertEq(vault.guardian(), BOB, "guardian replaced");
        vm.prank(GUARDIAN);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.NotGuardian.selector, GUARDIAN));
        vault.pause();
    }

    function test_constructorValidation() public {
        IRebalancingVault.Params memory p = defaultParams();
        address[] memory one = new address[](1);
        one[0] = assetList[0];
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.InvalidAssetCount.selector, 1));
        _deployVault(one, _equalWeights(1), p);
        address[] memory dup = new address[](2);
        (dup[0], dup[1]) = (assetList[0], assetList[0]);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.DuplicateAsset.selector, assetList[0]));
        _deployVault(dup, _equalWeights(2), p);
        uint256[] memory w = new uint256[](4);
        (w[0], w[1], w[2]) = (5e17, 3e17, 2e17);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.ZeroWeight.selector, 3));
        _deployVault(assetList, w, p);
    }

    function test_views() public {
        _seed();
        vm.assertEq(vault.assets().length, 4, "assets");
        vm.assertEq(vault.priceRouter(), address(router), "router");
        vm.assertEq(vault.timelockDelay(), DELAY, "delay");
        IRebalancingVault.Params memory p = vault.params();
        vm.assertEq(uint256(p.band), 5e16, "band");
        vm.assertEq(uint256(p.mode), uint256(IRebalancingVault.DriftMode.BAND), "mode");
        uint256[] memory w = vault.currentWeights();
        uint256 sum;
        for (uint256 i; i < 4; ++i) {
            sum += w[i];
            vm.assertApproxEqAbs(w[i], 25e16, 1e12, "at target after seed");
        }
        vm.assertApproxEqAbs(sum, 1e18, 4, "weights sum to one");
        _movePrice(2, 10_000); // asset 2 doubles: 40% vs 25%
        (uint256 d, int256[] memory devs) = vault.drift();
        vm.assertApproxEqAbs(d, 15e16, 1e12, "max deviation");
        vm.assertGe(devs[2], int256(0), "asset 2 over");
        vm.assertLe(devs[0], int256(-4e16), "others under");
    }
}
