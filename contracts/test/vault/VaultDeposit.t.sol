// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {VaultFixture} from "./VaultFixture.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";
import {MockPriceRouter} from "../mocks/MockPriceRouter.sol";
import {FeeOnTransferToken} from "../mocks/FeeOnTransferToken.sol";

contract VaultDepositTest is VaultFixture {
    function test_firstDeposit_mintsRouterValueLessDeadShares() public {
        uint256[] memory amounts = _amountsWorth(250_000e18);
        uint256 shares = _deposit(ALICE, amounts);
        uint256 value;
        for (uint256 i; i < 4; ++i) {
            value += _valueOf(i, amounts[i]);
        }
        vm.assertEq(shares, value - vault.DEAD_SHARES(), "shares = value - dead");
        vm.assertEq(vault.balanceOf(vault.DEAD()), vault.DEAD_SHARES(), "dead shares locked");
        vm.assertEq(vault.totalSupply(), value, "supply = value");
        vm.assertApproxEqAbs(vault.sharePrice(), 1e18, 1, "share price starts at 1");
        uint256[] memory bal = vault.balances();
        for (uint256 i; i < 4; ++i) {
            vm.assertEq(bal[i], amounts[i], "accounted balance");
            vm.assertEq(tokens[i].balanceOf(address(vault)), amounts[i], "token balance");
        }
    }

    function test_firstDeposit_tooSmallReverts() public {
        uint256[] memory amounts = new uint256[](4);
        amounts[0] = 1e5; // 1e5 wei of a $2000 token: 2e8 value units
        _fund(ALICE, amounts);
        vm.prank(ALICE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRebalancingVault.InitialDepositTooSmall.selector, 2e8, vault.DEAD_SHARES() * 1000 + 1
            )
        );
        vault.deposit(amounts, 0, ALICE);
    }

    function test_proportionalDeposit_pullsOnlyWhatSharesNeed() public {
        _seed();
        uint256 supply = vault.totalSupply();
        uint256[] memory bal = vault.balances();
        uint256[] memory offered = _amountsWorth(10_000e18);
        offered[2] = offered[2] / 2; // the short asset limits the shares
        _fund(BOB, offered);
        vm.prank(BOB);
        (uint256 shares, uint256[] memory taken) = vault.deposit(offered, 0, BOB);
        uint256 expected = offered[2] * supply / bal[2];
        vm.assertEq(shares, expected, "shares from the limiting asset, rounded down");
        for (uint256 i; i < 4; ++i) {
            uint256 exact = bal[i] * shares;
            uint256 up = exact / supply + (exact % supply == 0 ? 0 : 1);
            vm.assertEq(taken[i], up, "amount rounded up");
            vm.assertLe(taken[i], offered[i], "never more than offered");
            vm.assertEq(tokens[i].balanceOf(BOB), offered[i] - taken[i], "rest stays with depositor");
        }
    }

    function test_deposit_minSharesAndLength() public {
        _seed();
        uint256[] memory amounts = _amountsWorth(1000e18);
        _fund(BOB, amounts);
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.AmountsLengthMismatch.selector, 4, 3));
        vault.deposit(new uint256[](3), 0, BOB);
        vm.prank(BOB);
        vm.expectRevert(); // SharesBelowMinimum with the computed shares
        vault.deposit(amounts, type(uint256).max, BOB);
        vm.prank(BOB);
        vm.expectRevert(IRebalancingVault.ZeroShares.selector);
        vault.deposit(new uint256[](4), 0, BOB);
    }

    function test_donation_doesNotMoveSharePrice() public {
        _seed();
        uint256 priceBefore = vault.sharePrice();
        tokens[0].mint(address(vault), 1000e18); // a donation: not accounted
        vm.assertEq(vault.sharePrice(), priceBefore, "donations are not counted");
        uint256[] memory amounts = _amountsWorth(1000e18);
        uint256 shares = _deposit(BOB, amounts);
        vm.assertApproxEqRel(shares * priceBefore / 1e18, 4000e18, 1e12, "victim gets fair shares");
    }

    /// @dev The classic attack on a fresh vault: tiny first deposit, then a donation to inflate the share price so a
    ///      victim's deposit rounds to nothing. Internal accounting ignores the donation and dead shares absorb it.
    function test_inflationAttack_fails() public {
        uint256[] memory tiny = new uint256[](4);
        tiny[1] = 1e6 + 1e3; // $1.001 in the 6-dec asset only
        _fund(BOB, tiny);
        vm.prank(BOB);
        vault.deposit(tiny, 0, BOB);
        tokens[1].mint(address(vault), 1_000_000e6); // donate $1M
        uint256[] memory victim = new uint256[](4);
        victim[1] = 10_000e6;
        uint256 shares = _deposit(ALICE, victim);
        vm.prank(ALICE);
        uint256[] memory out = vault.withdraw(shares, new uint256[](0), ALICE);
        vm.assertApproxEqRel(out[1], 10_000e6, 1e12, "victim withdraws what she put in");
    }

    function test_withdraw_proRataRoundedDown() public {
        uint256 shares = _seed();
        uint256 supply = vault.totalSupply();
        uint256[] memory bal = vault.balances();
        uint256 burn = shares / 3;
        vm.prank(ALICE);
        uint256[] memory out = vault.withdraw(burn, new uint256[](0), BOB);
        for (uint256 i; i < 4; ++i) {
            vm.assertEq(out[i], bal[i] * burn / supply, "pro rata, down");
            vm.assertEq(tokens[i].balanceOf(BOB), out[i], "paid to receiver");
        }
        vm.assertEq(vault.balanceOf(ALICE), shares - burn, "shares burned");
    }

    function test_withdraw_minAmounts() public {
        uint256 shares = _seed();
        uint256[] memory mins = new uint256[](4);
        mins[3] = type(uint256).max;
        vm.prank(ALICE);
        vm.expectRevert(); // AmountBelowMinimum(3, ...)
        vault.withdraw(shares, mins, ALICE);
        vm.prank(ALICE);
        vm.expectRevert(IRebalancingVault.ZeroShares.selector);
        vault.withdraw(0, new uint256[](0), ALICE);
    }

    function test_withdraw_worksWhilePausedAndOraclesDown() public {
        uint256 shares = _seed();
        vm.prank(GUARDIAN);
        vault.pause();
        for (uint256 i; i < 4; ++i) {
            router.setFailing(assetList[i], true);
        }
        vm.expectRevert(abi.encodeWithSelector(MockPriceRouter.MockPriceUnavailable.selector, assetList[0]));
        vault.nav();
        vm.prank(ALICE);
        uint256[] memory out = vault.withdraw(shares, new uint256[](0), ALICE);
        vm.assertGt(out[0], 0, "paid while paused and priceless");
        vm.assertEq(vault.balanceOf(ALICE), 0, "all shares out");
    }

    function test_pause_blocksDeposits() public {
        _seed();
        vm.prank(GUARDIAN);
        vault.pause();
        uint256[] memory amounts = _amountsWorth(100e18);
        _fund(BOB, amounts);
        vm.prank(BOB);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vault.deposit(amounts, 0, BOB);
        tokens[0].mint(BOB, 1e18);
        vm.prank(BOB);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vault.depositSingle(assetList[0], 1e18, 0, BOB);
    }

    /// @dev Asset 0 at target (25%): the $10k deposit pays the oracle-error floor 2e/(1-e) (e = 2%: 4.0816%) on its
    ///      75% non-proportional part, and singleAssetFee (0.3%) on the part that lands above target (75% of it too).
    function test_depositSingle_feeOnNonProportionalPart() public {
        _seed();
        uint256 nav = vault.nav();
        uint256 supply = vault.totalSupply();
        uint256 amount = 5e18; // $10k of asset 0
        tokens[0].mint(BOB, amount);
        vm.startPrank(BOB);
        IERC20(assetList[0]).approve(address(vault), amount);
        uint256 shares = vault.depositSingle(assetList[0], amount, 0, BOB);
        vm.stopPrank();
        uint256 valueIn = _valueOf(0, amount);
        uint256 floorRate = uint256(2 * 2e16) * 1e18 / (1e18 - 2e16);
        uint256 above = valueIn + nav / 4 - (nav + valueIn) / 4; // asset 0's value past its 25% target after
        uint256 fee = valueIn * 3 / 4 * floorRate / 1e18 + above * 3e15 / 1e18;
        vm.assertApproxEqRel(shares, (valueIn - fee) * supply / nav, 1e8, "shares = (value - fee) / share price");
        vm.assertApproxEqRel(fee, valueIn * 32_862e12 / 1e18, 1e15, "3.29% of the deposit");
        vm.assertGe(vault.sharePrice() * 1, nav * 1e18 / supply, "fee stays with holders");
    }

    function test_depositSingle_failsClosedWithoutPrices() public {
        _seed();
        router.setFailing(assetList[2], true);
        tokens[0].mint(BOB, 1e18);
        vm.startPrank(BOB);
        IERC20(assetList[0]).approve(address(vault), 1e18);
        vm.expectRevert(abi.encodeWithSelector(MockPriceRouter.MockPriceUnavailable.selector, assetList[2]));
        vault.depositSingle(assetList[0], 1e18, 0, BOB);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.NotAnAsset.selector, address(0xBEEF)));
        vault.depositSingle(address(0xBEEF), 1e18, 0, BOB);
        vm.stopPrank();
    }

    /// @dev A deposit followed by a full withdrawal never returns more of any asset than was put in.
    function testFuzz_depositWithdrawRoundTripNeverProfits(uint256 valueEach, uint256 skew) public {
        _seed();
        valueEach = bound(valueEach, 1e15, 1e24);
        uint256[] memory amounts = _amountsWorth(valueEach);
        amounts[skew % 4] = amounts[skew % 4] * 2; // one asset over-offered
        _fund(BOB, amounts);
        vm.prank(BOB);
        try vault.deposit(amounts, 0, BOB) returns (uint256 shares, uint256[] memory taken) {
            vm.prank(BOB);
            uint256[] memory out = vault.withdraw(shares, new uint256[](0), BOB);
            for (uint256 i; i < 4; ++i) {
                vm.assertLe(out[i], taken[i], "round trip never profits");
            }
        } catch (bytes memory reason) {
            vm.assertEq(bytes4(reason), IRebalancingVault.ZeroShares.selector, "only dust deposits fail");
        }
    }

    /// @dev Share price (at fixed prices) never falls through a deposit or withdrawal beyond per-asset rounding.
    function testFuzz_sharePriceNeverFallsOnFlows(uint256 valueEach, uint256 burnFraction) public {
        _seed();
        valueEach = bound(valueEach, 100e18, 1e24); // many units of the 0-decimal asset
        uint256 navBefore = vault.nav();
        uint256 supplyBefore = vault.totalSupply();
        uint256 shares = _deposit(BOB, _amountsWorth(valueEach));
        _checkNotDiluted(navBefore, supplyBefore);
        navBefore = vault.nav();
        supplyBefore = vault.totalSupply();
        vm.prank(BOB);
        vault.withdraw(bound(burnFraction, 1, shares), new uint256[](0), BOB);
        _checkNotDiluted(navBefore, supplyBefore);
    }

    function _checkNotDiluted(uint256 navBefore, uint256 supplyBefore) internal view {
        uint256 navAfter = vault.nav();
        uint256 supplyAfter = vault.totalSupply();
        // navAfter/supplyAfter >= navBefore/supplyBefore - 4 wei of floor rounding per share
        vm.assertGe(navAfter * supplyBefore + 8 * supplyBefore, navBefore * supplyAfter, "share price fell");
    }
}

/// @notice A fee-on-transfer asset would leave accounted balances unbacked; the vault refuses such deposits.
contract VaultFeeOnTransferTest is VaultFixture {
    function test_feeOnTransferDepositRefused() public {
        FeeOnTransferToken fot = new FeeOnTransferToken(100); // 1%
        router.setPrice(address(fot), 1e18);
        address[] memory a = new address[](2);
        (a[0], a[1]) = (address(fot), assetList[1]);
        vault = _deployVault(a, _equalWeights(2), defaultParams());
        fot.mint(ALICE, 1000e18);
        tokens[1].mint(ALICE, 1000e6);
        vm.startPrank(ALICE);
        fot.approve(address(vault), type(uint256).max);
        IERC20(assetList[1]).approve(address(vault), type(uint256).max);
        uint256[] memory amounts = new uint256[](2);
        (amounts[0], amounts[1]) = (1000e18, 1000e6);
        vm.expectRevert(
            abi.encodeWithSelector(IRebalancingVault.TransferShortfall.selector, address(fot), 990e18, 1000e18)
        );
        vault.deposit(amounts, 0, ALICE);
        vm.stopPrank();
    }
}
