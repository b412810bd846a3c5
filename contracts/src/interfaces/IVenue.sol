// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title A trading venue the vault may rebalance through
/// @notice Implemented over the Ballast weighted pool, Uniswap V2 pairs, Uniswap V3 pools, Balancer V2 pools, a
///         two-hop path and the Dutch-auction fallback (contracts/src/venues). Prices are 18-decimal, whole `quote`
///         tokens per whole `base` token.
/// @dev Push model: the caller transfers the input to the venue's `payee()` before `swapExactIn`, in the same
///      transaction, and grants no allowance, so a venue can never take more than it was given and holds nothing
///      between transactions. A caller trusts only what it received (the vault measures its balance). A venue whose
///      payee is the pool it trades on also accepts input pushed to itself (a caller that does not ask).
interface IVenue {
    /// @notice Thrown by `twapPrice` of a venue that keeps no TWAP of its own (`guaranteedWindow() == 0`).
    error TwapUnsupported();

    /// @notice Sells exactly `amountIn` of `tokenIn`, which the caller has already transferred to `payee()` (or to
    ///         this venue) in this transaction, for at least `minAmountOut` of `tokenOut`, sent to `recipient`.
    function swapExactIn(address tokenIn, address tokenOut, uint256 amountIn, uint256 minAmountOut, address recipient)
        external
        returns (uint256 amountOut);

    /// @notice Where a caller transfers the input before `swapExactIn`: this venue, or the pool it trades on when
    ///         that pool takes input already sent to it as paid (WeightedPoolVenue), which saves the venue holding it
    ///         in between (a transfer and a pull). Fixed for the venue's life: a vault reads it once, when the venue
    ///         is allowed.
    function payee() external view returns (address);

    /// @notice What `swapExactIn(tokenIn, tokenOut, amountIn, 0, …)` would pay now, fees and price impact included.
    /// @dev Not `view`: venues that can only quote by simulating (a Uniswap V3 revert-quote, Balancer's
    ///      queryBatchSwap) implement it non-view. Off-chain callers use eth_call; it never moves tokens or state.
    function quoteExactIn(address tokenIn, address tokenOut, uint256 amountIn) external returns (uint256 amountOut);

    /// @notice Current spot price of `base` in `quote` on this venue (no fee).
    function spotPrice(address base, address quote) external view returns (uint256);

    /// @notice Time-weighted price of `base` in `quote` over `window` seconds on this venue, ending now. Trades in the
    ///         current block do not move it for any window a vault may use (at least VaultConfig.MIN_TWAP_WINDOW, 5
    ///         minutes): the pool's observation of a block holds the price the block began with (a Ballast pool's
    ///         window shorter than its 30-second oracle bucket can move), so a caller may reuse it within a
    ///         transaction (BatchRebalancer does). Reverts TwapUnsupported when `guaranteedWindow()` is 0.
    function twapPrice(address base, address quote, uint32 window) external view returns (uint256);

    /// @notice Seconds of TWAP history this venue keeps however often it trades; a `twapPrice` window longer than
    ///         this can become unreadable (a vault refuses such a venue or window when it is configured). 0: the venue
    ///         keeps no TWAP of its own (a Uniswap V2 pair, a Balancer V2 weighted pool, an auction); a vault records
    ///         it as spot-only and checks its spot against the vault's oracle alone.
    function guaranteedWindow() external view returns (uint32);
}
