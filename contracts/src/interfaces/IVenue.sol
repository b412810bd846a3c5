// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title A trading venue the vault may rebalance through
/// @notice The weighted pool is one (through its adapter); a later router can add others. Prices are 18-decimal, whole
///         `quote` tokens per whole `base` token.
interface IVenue {
    /// @notice Sells exactly `amountIn` of `tokenIn` (already approved to the venue by msg.sender) for at least
    ///         `minAmountOut` of `tokenOut`, sent to `recipient`.
    function swapExactIn(address tokenIn, address tokenOut, uint256 amountIn, uint256 minAmountOut, address recipient)
        external
        returns (uint256 amountOut);

    /// @notice Current spot price of `base` in `quote` on this venue (no fee).
    function spotPrice(address base, address quote) external view returns (uint256);

    /// @notice Time-weighted price of `base` in `quote` over `window` seconds on this venue.
    function twapPrice(address base, address quote, uint32 window) external view returns (uint256);

    /// @notice Seconds of TWAP history this venue keeps however often it trades; a `twapPrice` window longer than
    ///         this can become unreadable (a vault refuses such a venue or window when it is configured).
    function guaranteedWindow() external view returns (uint32);
}
