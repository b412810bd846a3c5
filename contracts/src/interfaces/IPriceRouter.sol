// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title Median-of-sources price router
/// @notice Per asset: at least two IPriceSource, a quorum and a maximum disagreement. Fails closed.
interface IPriceRouter {
    /// @notice The asset's price, 18 decimals (see PriceRouter.getPrice for which price: the median of three or more
    ///         healthy sources, the primary of two that agree). Reverts with a distinct custom error when fewer than
    ///         the quorum are healthy or when the healthy ones disagree by more than the configured bound.
    function getPrice(address asset) external view returns (uint256 price);

    /// @notice `getPrice` of every asset of `assets`, in order, in one call (reads that several assets share are made
    ///         once). Reverts with the first failing asset's getPrice error.
    function getPrices(address[] calldata assets) external view returns (uint256[] memory prices);

    /// @notice Who may change the sources. A vault takes no deposit until this is the vault itself, so every change
    ///         of its prices waits the vault's timelock.
    function owner() external view returns (address);
}
