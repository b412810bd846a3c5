// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {VaultFixture} from "./VaultFixture.sol";
import {ReentrantVaultToken} from "../mocks/ReentrantVaultToken.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";
import {RebalancingVault} from "../../src/vault/RebalancingVault.sol";
import {MockERC20} from "../mocks/MockERC20.sol";

/// @notice A malicious hook token held by the vault tries to re-enter deposit, withdraw and rebalance from inside
///         the vault's own token transfers; every attempt hits the reentrancy guard.
contract VaultReentrancyTest is VaultFixture {
    ReentrantVaultToken internal hook;

    function setUp() public override {
        super.setUp();
        hook = new ReentrantVaultToken();
        router.setPrice(address(hook), 1e18);
        address[] memory a = new address[](2);
        (a[0], a[1]) = (address(hook), assetList[1]);
        vault = _deployVault(a, _equalWeights(2), defaultParams());
        _allowVenue(address(venue));
        _addKeeper(KEEPER);
        _addKeeper(address(hook)); // even a keeper-token cannot re-enter
        _depositBoth(ALICE, 100_000e18, 100_000e6);
    }

    function _depositBoth(address who, uint256 a0, uint256 a1) internal returns (uint256 shares) {
        hook.mint(who, a0);
        tokens[1].mint(who, a1);
        vm.startPrank(who);
        hook.approve(address(vault), type(uint256).max);
        IERC20(assetList[1]).approve(address(vault), type(uint256).max);
        uint256[] memory amounts = new uint256[](2);
        (amounts[0], amounts[1]) = (a0, a1);
        (shares,) = vault.deposit(amounts, 0, who);
        vm.stopPrank();
    }

    function _amounts(uint256 a0, uint256 a1) internal pure returns (uint256[] memory x) {
        x = new uint256[](2);
        (x[0], x[1]) = (a0, a1);
    }

    function test_depositCannotBeReentered() public {
        hook.arm(address(vault), abi.encodeCall(RebalancingVault.withdraw, (1, new uint256[](0), address(hook))));
        hook.mint(BOB, 1e18);
        tokens[1].mint(BOB, 1e6);
        vm.startPrank(BOB);
        hook.approve(address(vault), type(uint256).max);
        IERC20(assetList[1]).approve(address(vault), type(uint256).max);
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        vault.deposit(_amounts(1e18, 1e6), 0, BOB);
        vm.stopPrank();
    }

    function test_depositSingleCannotBeReentered() public {
        hook.arm(address(vault), abi.encodeCall(RebalancingVault.deposit, (_amounts(1, 1), 0, address(hook))));
        hook.mint(BOB, 1e18);
        vm.startPrank(BOB);
        hook.approve(address(vault), type(uint256).max);
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        vault.depositSingle(address(hook), 1e18, 0, BOB);
        vm.stopPrank();
    }

    function test_withdrawCannotBeReentered() public {
        uint256 shares = vault.balanceOf(ALICE);
        hook.arm(address(vault), abi.encodeCall(RebalancingVault.withdraw, (1, new uint256[](0), address(hook))));
        vm.prank(ALICE);
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        vault.withdraw(shares / 2, new uint256[](0), ALICE);
        // disarmed, the same withdrawal works
        hook.arm(address(0), "");
        vm.prank(ALICE);
        vault.withdraw(shares / 2, new uint256[](0), ALICE);
    }

    function test_rebalanceCannotBeReentered() public {
        router.setPrice(address(hook), 1.5e18); // hook overweight: sell it
        IRebalancingVault.Leg[] memory legs = new IRebalancingVault.Leg[](1);
        legs[0] = IRebalancingVault.Leg(address(venue), address(hook), assetList[1], 10_000e18);
        bytes[3] memory reentries = [
            abi.encodeCall(RebalancingVault.rebalance, (legs)),
            abi.encodeCall(RebalancingVault.withdraw, (1, new uint256[](0), address(hook))),
            abi.encodeCall(RebalancingVault.performUpkeep, (abi.encode(legs)))
        ];
        for (uint256 k; k < 3; ++k) {
            hook.arm(address(vault), reentries[k]); // fires when the venue pulls the hook token
            vm.prank(KEEPER);
            vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
            vault.rebalance(legs);
        }
        hook.arm(address(0), "");
        vm.prank(KEEPER);
        vault.rebalance(legs);
        vm.assertEq(vault.balances()[0], hook.balanceOf(address(vault)), "accounting = tokens");
    }
}
