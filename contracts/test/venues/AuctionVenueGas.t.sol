// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AuctionFixture} from "./AuctionFixture.sol";

/// @notice Gas of the auction on the real stack (4 assets, PriceRouter with two ChainlinkAdapters per asset). Figures
///         land in snapshots/AuctionVenueGasTest.json.
contract AuctionVenueGasTest is AuctionFixture {
    function test_gas_open() public {
        _advance(LIVENESS);
        vm.prank(STRANGER);
        vm.startSnapshotGas("auction_open_4_assets");
        auction.open();
        vm.stopSnapshotGas();
        vm.assertTrue(auction.isLive(), "opened");
    }

    /// @dev One fill: the auction's own checks (4 router prices), vault.rebalance with its guards (4 more), the two
    ///      transfers. Cold, as a bidder's first fill is.
    function test_gas_bid() public {
        _openAfterKeeperStops();
        _advance(30 minutes);
        uint256 amount = _room(2);
        address tokenIn = assetList[2];
        address tokenOut = assetList[0];
        vm.startSnapshotGas("auction_bid_4_assets");
        uint256 paid = bidder.bid(tokenIn, tokenOut, amount, type(uint256).max);
        vm.stopSnapshotGas();
        vm.assertGt(paid, 0, "filled");
    }
}
