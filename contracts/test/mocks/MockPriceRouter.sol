// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IPriceRouter} from "../../src/interfaces/IPriceRouter.sol";

/// @notice IPriceRouter with settable prices and a per-asset failure switch, for vault unit tests.
contract MockPriceRouter is IPriceRouter {
    error MockPriceUnavailable(address asset);

    mapping(address => uint256) public price;
    mapping(address => bool) public failing;
    address internal _owner;

    function setPrice(address asset, uint256 price_) external {
        price[asset] = price_;
    }

    function setFailing(address asset, bool failing_) external {
        failing[asset] = failing_;
    }

    /// @notice Makes `owner()` answer `owner_` (address(0): answer every caller with itself).
    function setOwner(address owner_) external {
        _owner = owner_;
    }

    /// @notice The caller itself unless set: a vault over this mock counts as owning it, since vault unit tests
    ///         move prices directly and test the router's governance elsewhere.
    function owner() external view returns (address) {
        return _owner == address(0) ? msg.sender : _owner;
    }

    function getPrice(address asset) public view returns (uint256) {
        if (failing[asset] || price[asset] == 0) revert MockPriceUnavailable(asset);
        return price[asset];
    }

    function getPrices(address[] calldata assets) external view returns (uint256[] memory prices) {
        prices = new uint256[](assets.length);
        for (uint256 i; i < assets.length; ++i) {
            prices[i] = getPrice(assets[i]);
        }
    }
}
