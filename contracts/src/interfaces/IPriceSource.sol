// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title A single price source for one asset
/// @notice Adapters (Chainlink-style feed, pool TWAP, ...) implement this. Prices are 18-decimal, in the numeraire the
///         router is configured for (normally USD) per whole asset token.
interface IPriceSource {
    /// @notice The asset this source prices.
    function asset() external view returns (address);

    /// @notice Latest healthy price. Reverts with a source-specific custom error (stale, non-positive, incomplete round,
    ///         sequencer down, ...) when the source cannot be trusted right now.
    function latestPrice() external view returns (uint256 price, uint256 updatedAt);
}
