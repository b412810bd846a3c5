// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title Median-of-sources price router
/// @notice Per asset: at least two IPriceSource, a quorum and a maximum disagreement. Fails closed.
interface IPriceRouter {
    /// @notice Median of the healthy sources' prices, 18 decimals. Reverts with a distinct custom error when fewer
    ///         than the quorum are healthy or when the healthy ones disagree by more than the configured bound.
    function getPrice(address asset) external view returns (uint256 price);
}
