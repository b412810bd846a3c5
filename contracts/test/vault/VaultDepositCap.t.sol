// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {VaultFixture} from "./VaultFixture.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";

/// @notice The deposit cap of a capped first allocation (issue 19 §3): a cap on the share supply after a deposit,
///         changed only through the timelock, 0 = uncapped.
contract VaultDepositCapTest is VaultFixture {
    address internal constant EVE = address(0xE7E);

    function _setCap(uint256 cap) internal {
        _govern(abi.encodeCall(IRebalancingVault.setDepositCap, (cap)));
    }

    function _capError(uint256 cap, uint256 supplyAfter) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IRebalancingVault.DepositCapExceeded.selector, cap, supplyAfter);
    }

    // ---------------------------------------------------------------- the timelocked setter

    function test_setDepositCap_proposeExecuteWithEvents() public {
        vm.assertEq(vault.depositCap(), 0, "uncapped when deployed");
        bytes memory call = abi.encodeCall(IRebalancingVault.setDepositCap, (123e18));
        uint256 nonce = vault.proposalCount() + 1;
        bytes32 id = keccak256(abi.encode(address(vault), call, nonce));
        vm.expectEmit(address(vault));
        emit IRebalancingVault.ChangeProposed(id, address(vault), call, nonce, block.timestamp + DELAY);
        vault.propose(address(vault), call);

        vm.warp(block.timestamp + DELAY - 1);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.ChangeNotReady.selector, id, block.timestamp + 1));
        vault.execute(address(vault), call, nonce);
        vm.assertEq(vault.depositCap(), 0, "not before the delay");

        vm.warp(block.timestamp + 1);
        vm.expectEmit(address(vault));
        emit IRebalancingVault.DepositCapSet(123e18);
        vm.expectEmit(address(vault));
        emit IRebalancingVault.ChangeExecuted(id, address(vault), call);
        vault.execute(address(vault), call, nonce);
        vm.assertEq(vault.depositCap(), 123e18, "applied");
    }

    /// @dev Attack: the owner, a keeper or the guardian raising (or lowering) the cap at once, without the delay.
    function test_setDepositCap_onlyThroughTheTimelock() public {
        _seed();
        uint256 cap = vault.totalSupply();
        _setCap(cap);
        address[3] memory callers = [address(this), KEEPER, GUARDIAN];
        for (uint256 k; k < callers.length; ++k) {
            vm.prank(callers[k]);
            vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.OnlySelf.selector, callers[k]));
            vault.setDepositCap(0);
        }
        // a keeper cannot even queue it: only the owner proposes
        vm.prank(KEEPER);
        vm.expectRevert();
        vault.propose(address(vault), abi.encodeCall(IRebalancingVault.setDepositCap, (0)));
        // executing a raise that was never proposed
        bytes memory raise = abi.encodeCall(IRebalancingVault.setDepositCap, (cap * 2));
        uint256 nonce = vault.proposalCount() + 1;
        bytes32 id = keccak256(abi.encode(address(vault), raise, nonce));
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.ChangeNotPending.selector, id));
        vault.execute(address(vault), raise, nonce);

        // proposed: deposits stay capped for the whole delay, then the raise applies
        vault.propose(address(vault), raise);
        uint256[] memory amounts = _amountsWorth(1_000e18);
        _fund(BOB, amounts);
        uint256 shares = _previewShares(amounts);
        vm.warp(block.timestamp + DELAY - 1);
        vm.prank(BOB);
        vm.expectRevert(_capError(cap, cap + shares));
        vault.deposit(amounts, 0, BOB);
        vm.warp(block.timestamp + 1);
        vault.execute(address(vault), raise, nonce);
        vm.prank(BOB);
        vault.deposit(amounts, 0, BOB);
        vm.assertEq(vault.totalSupply(), cap + shares, "deposited once the raise executed");
    }

    // ---------------------------------------------------------------- the boundary

    function test_deposit_exactlyAtTheCapPasses_oneShareAboveReverts() public {
        _seed();
        uint256 supply = vault.totalSupply();
        uint256[] memory amounts = _amountsWorth(10_000e18);
        (uint256 shares,) = vault.previewDeposit(amounts);

        _setCap(supply + shares - 1);
        _fund(BOB, amounts);
        vm.prank(BOB);
        vm.expectRevert(_capError(supply + shares - 1, supply + shares));
        vault.deposit(amounts, 0, BOB);
        vm.expectRevert(_capError(supply + shares - 1, supply + shares));
        vault.previewDeposit(amounts);

        _setCap(supply + shares);
        vm.prank(BOB);
        (uint256 minted,) = vault.deposit(amounts, 0, BOB);
        vm.assertEq(minted, shares, "minted the previewed shares");
        vm.assertEq(vault.totalSupply(), vault.depositCap(), "supply exactly at the cap");

        // full: even the smallest deposit that mints a share is refused
        uint256[] memory dust = new uint256[](4);
        for (uint256 i; i < 4; ++i) {
            dust[i] = vault.balances()[i] / 1e12 + 1;
        }
        uint256 dustShares = _previewShares(dust);
        vm.assertGt(dustShares, 0, "the dust deposit would mint shares");
        _fund(BOB, dust);
        vm.prank(BOB);
        vm.expectRevert(_capError(supply + shares, supply + shares + dustShares));
        vault.deposit(dust, 0, BOB);
    }

    /// @dev previewDeposit reverts at the cap, so read the shares with the cap lifted in a throwaway state.
    function _previewShares(uint256[] memory amounts) internal returns (uint256 shares) {
        uint256 snap = vm.snapshotState();
        vm.prank(address(vault));
        vault.setDepositCap(0);
        (shares,) = vault.previewDeposit(amounts);
        vm.revertToState(snap);
    }

    function test_firstDeposit_countsItsDeadShares() public {
        uint256[] memory amounts = _amountsWorth(10_000e18);
        uint256 value = 40_000e18; // what the first deposit mints in total: its value, DEAD_SHARES of it locked
        uint256 worth;
        for (uint256 i; i < 4; ++i) {
            worth += _valueOf(i, amounts[i]);
        }
        vm.assertApproxEqAbs(worth, value, 1e18, "four lots of $10k");
        _setCap(worth - 1);
        _fund(ALICE, amounts);
        vm.prank(ALICE);
        vm.expectRevert(_capError(worth - 1, worth));
        vault.deposit(amounts, 0, ALICE);

        _setCap(worth);
        vm.prank(ALICE);
        (uint256 shares,) = vault.deposit(amounts, 0, ALICE);
        vm.assertEq(shares + vault.DEAD_SHARES(), worth, "supply = value at the first deposit");
        vm.assertEq(vault.totalSupply(), worth, "at the cap");
    }

    function test_depositSingle_capped() public {
        _seed();
        uint256 supply = vault.totalSupply();
        uint256 amount = 5_000e6; // asset 1: $1, 6 decimals
        (uint256 shares,) = vault.previewDepositSingle(assetList[1], amount);
        _setCap(supply + shares - 1);
        tokens[1].mint(BOB, amount);
        vm.startPrank(BOB);
        IERC20(assetList[1]).approve(address(vault), amount);
        vm.expectRevert(_capError(supply + shares - 1, supply + shares));
        vault.depositSingle(assetList[1], amount, 0, BOB);
        vm.stopPrank();

        _setCap(supply + shares);
        vm.prank(BOB);
        vault.depositSingle(assetList[1], amount, 0, BOB);
        vm.assertEq(vault.totalSupply(), supply + shares, "exactly at the cap");
    }

    // ---------------------------------------------------------------- what the cap never blocks

    function test_zeroCap_isUncapped_andLoweringBlocksDepositsOnly() public {
        uint256 seeded = _seed();
        _setCap(vault.totalSupply() / 2); // below the supply: closes deposits
        uint256[] memory amounts = _amountsWorth(1_000e18);
        _fund(BOB, amounts);
        vm.prank(BOB);
        vm.expectRevert();
        vault.deposit(amounts, 0, BOB);

        // withdrawals never read the cap
        vm.prank(ALICE);
        vault.withdraw(seeded / 4, new uint256[](0), ALICE);
        vm.assertEq(vault.balanceOf(ALICE), seeded - seeded / 4, "withdrew while over the cap");

        _setCap(0);
        vm.prank(BOB);
        (uint256 shares,) = vault.deposit(amounts, 0, BOB);
        vm.assertGt(shares, 0, "0 = uncapped");
    }

    /// @dev Griefing, an accepted property of any cap: whoever deposits first may fill it, and everyone after is
    ///      refused until the owner raises it through the timelock or a holder withdraws. The griefer must hold the
    ///      shares (its own money at the vault's risk) and gains nothing from them.
    function test_fillingTheCap_refusesOthers_griefGainsNothing() public {
        _seed();
        uint256 cap = vault.totalSupply() + 100_000e18;
        _setCap(cap);
        uint256[] memory fill = _amountsWorth(25_000e18); // ~$100k: fills the cap up to rounding
        uint256 eveShares = _deposit(EVE, fill);
        vm.assertLe(vault.totalSupply(), cap, "under the cap");
        vm.assertGt(vault.totalSupply(), cap - 1e18, "within a share of it");

        uint256[] memory bob = _amountsWorth(1_000e18);
        _fund(BOB, bob);
        uint256 bobShares = _previewShares(bob);
        vm.prank(BOB);
        vm.expectRevert(_capError(cap, vault.totalSupply() + bobShares));
        vault.deposit(bob, 0, BOB);

        // the griefer leaves with at most what it put in
        uint256 before;
        for (uint256 i; i < 4; ++i) {
            before += _valueOf(i, fill[i]);
        }
        vm.prank(EVE);
        uint256[] memory out = vault.withdraw(eveShares, new uint256[](0), EVE);
        uint256 back;
        for (uint256 i; i < 4; ++i) {
            back += _valueOf(i, out[i]);
        }
        vm.assertLe(back, before, "no gain from filling the cap");
        vm.prank(BOB);
        vault.deposit(bob, 0, BOB);
        vm.assertGt(vault.balanceOf(BOB), 0, "room again once the griefer left");
    }

    /// @dev A deposit passes iff the supply it leaves is at most the cap (or the cap is 0).
    function testFuzz_capBoundary(uint256 valueEach, uint256 capOffset, bool above) public {
        _seed();
        valueEach = bound(valueEach, 10e18, 1_000_000e18);
        uint256[] memory amounts = _amountsWorth(valueEach);
        (uint256 shares,) = vault.previewDeposit(amounts);
        uint256 after_ = vault.totalSupply() + shares;
        capOffset = bound(capOffset, 0, shares);
        uint256 cap = above ? after_ + capOffset : after_ - capOffset;
        if (cap == 0) cap = 1;
        _setCap(cap);
        _fund(BOB, amounts);
        vm.prank(BOB);
        if (after_ > cap) {
            vm.expectRevert(_capError(cap, after_));
            vault.deposit(amounts, 0, BOB);
        } else {
            (uint256 minted,) = vault.deposit(amounts, 0, BOB);
            vm.assertEq(minted, shares, "minted");
            vm.assertLe(vault.totalSupply(), cap, "never above the cap");
        }
    }
}
