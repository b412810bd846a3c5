// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {BatchFixture} from "./BatchFixture.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";
import {BatchRebalancer} from "../../src/batch/BatchRebalancer.sol";

/// @notice Random fleets on the real WeightedPool: each vault's outcome in a netted batch against the same vault
///         trading alone on the pool the batch found (snapshot, lone rebalance, revert).
contract BatchNettingFuzzTest is BatchFixture {
    uint256 internal constant MAX_VAULTS = 6;

    /// @dev 2..6 vaults of $1M, each $60k..$140k off target one way or the other, both directions present. Every vault
    ///      rebalances; each vault on the smaller side of the net buys at least what it would trading alone on the
    ///      pool; each on the larger side at least its share of that side's whole input sold on the pool at once (no
    ///      allocation could give every one of several same-direction sellers its lone price: they move the same
    ///      pool); and the batch keeps nothing.
    function testFuzz_eachVaultNoWorseThanAlone(uint256 seed, uint8 size) public {
        uint256 n = bound(size, 2, MAX_VAULTS);
        uint256[] memory v0 = new uint256[](n);
        uint256[] memory v1 = new uint256[](n);
        bool sells;
        bool buys;
        for (uint256 k; k < n; ++k) {
            uint256 r = uint256(keccak256(abi.encode(seed, k)));
            uint256 d = 60_000e18 + r % 80_000e18;
            bool sell = (r >> 128) & 1 == 1 || (k == n - 1 && !sells);
            if (k == n - 1 && !buys) sell = false;
            if (k == n - 1 && !sells) sell = true;
            (v0[k], v1[k]) = sell ? (500_000e18 + d, 500_000e18 - d) : (500_000e18 - d, 500_000e18 + d);
            sells = sells || sell;
            buys = buys || !sell;
        }
        vm.assume(sells && buys);
        _deployFleet(v0, v1);

        uint256[] memory alone = new uint256[](n);
        for (uint256 k; k < n; ++k) {
            uint256 snap = vm.snapshotState();
            IRebalancingVault.Leg[] memory legs = _planLeg(vaults[k], address(venue));
            uint256[] memory before = vaults[k].balances();
            vm.prank(KEEPER);
            vaults[k].rebalance(legs);
            alone[k] = _bought(vaults[k], legs, before);
            vm.revertToState(snap);
        }

        BatchRebalancer.Order[] memory orders = _orders(0, n);
        _bigSideShares(orders, alone);
        uint256[][] memory before = new uint256[][](n);
        for (uint256 k; k < n; ++k) {
            before[k] = vaults[k].balances();
        }
        vm.prank(OPERATOR);
        vm.assertEq(_count(batch.rebalanceBatch(orders)), n, "every vault rebalanced");
        for (uint256 k; k < n; ++k) {
            vm.assertGe(_bought(vaults[k], orders[k].legs, before[k]), alone[k], "no worse than without netting");
        }
        vm.assertEq(IERC20(assetList[0]).balanceOf(address(batch)), 0, "no WETH left");
        vm.assertEq(IERC20(assetList[1]).balanceOf(address(batch)), 0, "no USDC left");
    }

    /// @dev Replaces `alone` of the larger side (by oracle value) with its share of the side's input sold at once on
    ///      the real pool (swapped by this contract on a snapshot, then reverted).
    function _bigSideShares(BatchRebalancer.Order[] memory orders, uint256[] memory alone) internal {
        uint256[2] memory input;
        for (uint256 k; k < orders.length; ++k) {
            input[orders[k].legs[0].tokenIn == assetList[0] ? 0 : 1] += orders[k].legs[0].amountIn;
        }
        uint256 big = input[0] * prices[0] / 1e18 >= input[1] * prices[1] / 1e6 ? 0 : 1;
        uint256 snap = vm.snapshotState();
        tokens[big].mint(address(venue), input[big]);
        uint256 out = venue.swapExactIn(assetList[big], assetList[1 - big], input[big], 0, address(this));
        vm.revertToState(snap);
        for (uint256 k; k < orders.length; ++k) {
            if (orders[k].legs[0].tokenIn == assetList[big]) alone[k] = out * orders[k].legs[0].amountIn / input[big];
        }
    }
}
