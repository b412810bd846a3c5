// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {VaultIntegrationFixture} from "../vault/VaultIntegrationFixture.sol";
import {AuctionVenue} from "../../src/venues/AuctionVenue.sol";
import {IAuctionVenue} from "../../src/interfaces/IAuctionVenue.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";

/// @notice A bidder contract: holds what it pays with, approves the auction, bids.
contract Bidder {
    IAuctionVenue public immutable auction;

    constructor(IAuctionVenue auction_) {
        auction = auction_;
    }

    function bid(address tokenIn, address tokenOut, uint256 amountIn, uint256 maxPayment)
        external
        returns (uint256 payment)
    {
        IERC20(tokenOut).approve(address(auction), maxPayment);
        payment = auction.bid(tokenIn, tokenOut, amountIn, maxPayment);
        IERC20(tokenOut).approve(address(auction), 0);
    }
}

/// @notice The real Ballast stack of VaultIntegrationFixture plus an AuctionVenue made the vault's venue and keeper
///         through the timelock, the vault re-targeted to 40/20/20/20 (asset 0 short by $150k of $1M, each other asset
///         $50k over), and one healthy keeper rebalance (asset 1 -> asset 0, $40k) at `keeperRebalancedAt`, after
///         which the keeper stops. Drift is then ~11% against a 5% band.
abstract contract AuctionFixture is VaultIntegrationFixture {
    uint32 internal constant LIVENESS = 6 hours;
    uint32 internal constant DURATION = 4 hours;
    address internal constant STRANGER = address(0x5742);

    AuctionVenue internal auction;
    Bidder internal bidder;
    uint256 internal keeperRebalancedAt;

    function setUp() public virtual override {
        super.setUp();
        auction = new AuctionVenue(address(vault), LIVENESS, DURATION);
        bytes[2] memory calls = [
            abi.encodeCall(IRebalancingVault.setVenue, (address(auction), true)),
            abi.encodeCall(IRebalancingVault.setKeeper, (address(auction), true))
        ];
        for (uint256 k; k < 2; ++k) {
            vault.propose(address(vault), calls[k]);
        }
        uint256 first = vault.proposalCount() - 1;
        _advance(DELAY);
        for (uint256 k; k < 2; ++k) {
            vault.execute(address(vault), calls[k], first + k);
        }
        _retarget();
        IRebalancingVault.Leg[] memory legs = _leg(1, 0, 40_000e18);
        vm.prank(KEEPER);
        vault.rebalance(legs);
        keeperRebalancedAt = block.timestamp;
        bidder = new Bidder(auction);
        tokens[0].mint(address(bidder), _amountFor(0, 1_000_000e18));
    }

    /// @dev Value (numeraire) asset `i` holds above its target at the fixture's prices, as the vault's TradeGuards
    ///      compute it (negative: below target).
    function _gap(uint256 i) internal view returns (int256) {
        uint256[] memory bal = vault.balances();
        uint256[] memory targets = vault.targetWeights();
        uint256 total;
        for (uint256 k; k < bal.length; ++k) {
            total += _valueOf(k, bal[k]);
        }
        return int256(_valueOf(i, bal[i])) - int256(total * targets[i] / 1e18);
    }

    /// @dev The largest raw amount of asset `i` a bid may take without overshooting its target.
    function _room(uint256 i) internal view returns (uint256) {
        int256 g = _gap(i);
        return g <= 0 ? 0 : _amountFor(i, uint256(g));
    }

    function _drift() internal view returns (uint256 d) {
        (d,) = vault.drift();
    }

    /// @dev The keeper stays silent for the liveness window; the auction then opens for anyone.
    function _openAfterKeeperStops() internal {
        _advance(keeperRebalancedAt + LIVENESS - block.timestamp);
        vm.prank(STRANGER);
        auction.open();
    }

    /// @dev Sets both feeds of asset `i` (the router's price) to `price`, as a real market move would.
    function _setPrice(uint256 i, uint256 price) internal {
        prices[i] = price;
        for (uint256 k; k < 2; ++k) {
            feeds[i][k].setAnswer(int256(price / 1e10));
        }
    }
}
