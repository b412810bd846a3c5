// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title A single price source for one asset
/// @notice Adapters (Chainlink-style feed, pool TWAP, ...) implement this. Prices are 18-decimal, in the numeraire the
///         router is configured for (normally USD) per whole asset token. Each source also says what it is, so the
///         router can refuse configurations that defeat its median (see PriceRouter.setSources).
interface IPriceSource {
    /// @notice What a source's price rests on. FEED: a price reported from off-chain (a Chainlink-style feed): a
    ///         trader cannot move it inside a block. TWAP: an on-chain pool's time-weighted price, which anyone can
    ///         push at a cost (by trading against the pool for the window), so it must never price an asset alone.
    enum Kind {
        FEED,
        TWAP
    }

    /// @notice The asset this source prices.
    function asset() external view returns (address);

    /// @notice Latest healthy price. Reverts with a source-specific custom error (stale, non-positive, incomplete round,
    ///         sequencer down, ...) when the source cannot be trusted right now.
    function latestPrice() external view returns (uint256 price, uint256 updatedAt);

    /// @notice Whether this source is a reported feed or a manipulable on-chain TWAP.
    function kind() external view returns (Kind);

    /// @notice The data this source's price rests on (a feed proxy, a pool): two sources of one asset with the same
    ///         underlying are one opinion counted twice, and the router refuses them.
    function underlying() external view returns (address);
}
