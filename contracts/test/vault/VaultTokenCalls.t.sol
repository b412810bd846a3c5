// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {VaultFixture} from "./VaultFixture.sol";
import {BalanceOfSwitchToken} from "../pool/WeightedPoolCalls.t.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";

/// @notice The vault's hand-written balanceOf (TokenBalance.ofSelf, used by a deposit's pull and around
///         each leg) behaves as the compiler's call did: a failing balanceOf's revert data reaches the caller, and a
///         balanceOf that returns fewer than 32 bytes is refused.
contract VaultTokenCallsTest is VaultFixture {
    BalanceOfSwitchToken internal sw;

    function setUp() public override {
        super.setUp();
        // asset 0 (18 decimals, $2000) becomes a token whose balanceOf can be broken
        sw = new BalanceOfSwitchToken();
        tokens[0] = MockERC20(address(sw));
        assetList[0] = address(sw);
        router.setPrice(address(sw), 2000e18);
        vault = _deployVault(assetList, _equalWeights(4), defaultParams());
        _allowVenue(address(venue));
        _addKeeper(KEEPER);
        _seed();
        _movePrice(0, 5000); // asset 0 +50%: drift above the band
    }

    function test_deposit_balanceOfRevert_isBubbled() public {
        uint256[] memory amounts = _amountsWorth(1000e18);
        _fund(BOB, amounts);
        sw.setMode(1);
        vm.expectRevert(abi.encodeWithSelector(BalanceOfSwitchToken.BalanceOfBroken.selector, address(vault)));
        vm.prank(BOB);
        vault.deposit(amounts, 0, BOB);
    }

    function test_deposit_balanceOfShortReturn_isRefused() public {
        uint256[] memory amounts = _amountsWorth(1000e18);
        _fund(BOB, amounts);
        sw.setMode(2);
        vm.expectRevert(bytes(""));
        vm.prank(BOB);
        vault.deposit(amounts, 0, BOB);
        sw.setMode(0);
        vm.prank(BOB);
        (uint256 shares,) = vault.deposit(amounts, 0, BOB);
        vm.assertGt(shares, 0, "the same deposit goes through once balanceOf answers");
    }

    function test_rebalance_balanceOfRevert_isBubbled() public {
        IRebalancingVault.Leg[] memory legs = _leg(0, 1, 10e18);
        sw.setMode(1);
        vm.expectRevert(abi.encodeWithSelector(BalanceOfSwitchToken.BalanceOfBroken.selector, address(vault)));
        _rebalanceAs(KEEPER, legs);
    }

    function test_rebalance_balanceOfShortReturn_isRefused() public {
        IRebalancingVault.Leg[] memory legs = _leg(0, 1, 10e18);
        sw.setMode(2);
        vm.expectRevert(bytes(""));
        _rebalanceAs(KEEPER, legs);
        sw.setMode(0);
        _rebalanceAs(KEEPER, legs);
        vm.assertEq(vault.balances()[0], IERC20(address(sw)).balanceOf(address(vault)), "accounting = tokens");
    }

    /// @dev The reviewer's case: a balanceOf that succeeds with 4 bytes shaped as a vault error; the vault must revert
    ///      empty (as the compiler's call did), not with the token's bytes posing as its own error.
    function test_balanceOfShortNonEmptyReturn_revertsEmpty() public {
        uint256[] memory amounts = _amountsWorth(1000e18);
        _fund(BOB, amounts);
        sw.setMode(3);
        vm.prank(BOB);
        (bool ok, bytes memory reason) = address(vault).call(abi.encodeCall(IRebalancingVault.deposit, (amounts, 0, BOB)));
        vm.assertFalse(ok, "deposit refused");
        vm.assertEq(reason, bytes(""), "deposit: empty revert data");
        vm.prank(KEEPER);
        (ok, reason) = address(vault).call(abi.encodeCall(IRebalancingVault.rebalance, (_leg(0, 1, 10e18))));
        vm.assertFalse(ok, "rebalance refused");
        vm.assertEq(reason, bytes(""), "rebalance: empty revert data");
    }
}
