// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IVenue} from "./IVenue.sol";
import {IRebalancingVault} from "./IRebalancingVault.sol";

/// @title Dutch-auction fallback of a rebalancing vault
/// @notice One auction per vault, allow-listed as a spot-only venue of the vault and made one of its keepers (both
///         through the vault's timelock). When the vault's drift is above its band and no keeper has rebalanced for
///         `livenessWindow` seconds, anyone may open it; a keeper may open it at any time (a leg too large for the
///         venues). While it is live, anyone may buy an asset the vault holds above target, paying in an asset it holds
///         below target, at the opening oracle cross price less a discount that grows linearly to
///         min(maxSlippage, maxOracleVenueDeviation) over `auctionDuration`. Each fill is one `vault.rebalance` with
///         this contract as keeper and venue, so every vault guard applies to it (cooldown, cap, spot vs oracle,
///         min-out, drift must fall, NAV budget).
interface IAuctionVenue is IVenue {
    /// @notice An auction opened; `prices` are the router prices it is anchored to, in `vault.assets()` order.
    event AuctionOpened(address indexed opener, bool byKeeper, uint256 drift, uint256[] prices);
    /// @notice `bidder` bought `amountIn` of `tokenIn` from the vault for `payment` of `tokenOut`.
    event AuctionFilled(
        address indexed bidder, address indexed tokenIn, address indexed tokenOut, uint256 amountIn, uint256 payment
    );
    /// @notice A keeper ended the live auction early.
    event AuctionClosed(address indexed keeper);

    error ZeroAddress();
    /// @notice `livenessWindow` and `auctionDuration` must be nonzero.
    error ZeroDuration();
    error AuctionLive(uint256 endsAt);
    error AuctionNotLive();
    /// @notice A keeper rebalanced (or opened an auction) recently: nobody but a keeper may open before `opensAt`.
    error KeeperHealthy(uint256 opensAt);
    /// @notice A keeper rebalanced at `at`, after this auction (opened for a stopped keeper) began: it is over.
    error KeeperResumed(uint256 keeperAt);
    error DriftInBand(uint256 drift, uint256 band);
    error NotKeeper(address caller);
    error NotAnAsset(address token);
    error ZeroAmount();
    /// @notice The bid would sell an asset not above target or buy one not below it.
    error NotTowardTarget(address tokenIn, address tokenOut);
    /// @notice The bid's value `value` exceeds what `token` may still move toward its target (`room`).
    error Overshoot(address token, uint256 value, uint256 room);
    /// @notice The bid's value is below MIN_FILL_FRACTION of the largest fill the pair allows now (`minimum`).
    error FillTooSmall(uint256 value, uint256 minimum);
    error PaymentAboveMax(uint256 payment, uint256 maxPayment);
    /// @notice The vault's min-out (from current router prices) is above what the auction's curve asks.
    error BelowMinOut(uint256 payment, uint256 minAmountOut);
    /// @notice swapExactIn is only this auction's own fill, called back by the vault inside `bid`.
    error NotInBid(address caller);

    /// @notice Opens an auction. Anyone: when drift > band and no keeper acted for `livenessWindow` (see `opensAt`).
    ///         A keeper of the vault: whenever drift > band. Anchors the curve to the router prices now.
    function open() external;

    /// @notice A keeper of the vault ends the live auction. Counts as keeper activity: nobody else may open another
    ///         for `livenessWindow`.
    function close() external;

    /// @notice Buys `amountIn` of `tokenIn` (an asset the vault holds above target) from the vault, paying
    ///         `quoteExactIn(tokenIn, tokenOut, amountIn)` of `tokenOut` (an asset it holds below target), pulled from
    ///         the caller (approve this contract first). Reverts when the payment would exceed `maxPayment`, when the
    ///         bid overshoots either asset's target, or with the vault's own guard errors.
    /// @return payment What the caller paid, raw units of `tokenOut`.
    function bid(address tokenIn, address tokenOut, uint256 amountIn, uint256 maxPayment)
        external
        returns (uint256 payment);

    /// @notice The vault this auction serves.
    function vault() external view returns (IRebalancingVault);
    /// @notice Seconds without keeper activity after which anyone may open.
    function livenessWindow() external view returns (uint32);
    /// @notice Seconds an auction lasts; its discount reaches the maximum at the end.
    function auctionDuration() external view returns (uint32);
    /// @notice Start of the current or last auction, 0 if none.
    function startedAt() external view returns (uint64);
    /// @notice Whether an auction is live now.
    function isLive() external view returns (bool);
    /// @notice The discount on the opening prices now (18 decimals); 0 when no auction is live.
    function discount() external view returns (uint256);
    /// @notice Earliest time anyone (not only a keeper) may open, from the last keeper activity the auction knows.
    function opensAt() external view returns (uint256);
    /// @notice The router price of `asset` the current or last auction opened at.
    function openingPrice(address asset) external view returns (uint256);
}
