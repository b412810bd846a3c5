// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IPriceRouter} from "../../src/interfaces/IPriceRouter.sol";

/// @notice IPriceRouter with settable prices and a per-asset failure switch, for vault unit tests.
contract MockPriceRouter is IPriceRouter {
    error MockPriceUnavailable(address asset);

    mapping(address => uint256) public price;
    mapping(address => bool) public failing;

    function setPrice(address asset, uint256 price_) external {
        price[asset] = price_;
    }

    function setFailing(address asset, bool failing_) external {
        failing[asset] = failing_;
    }

    function getPrice(address asset) external view returns (uint256) {
        if (failing[asset] || price[asset] == 0) revert MockPriceUnavailable(asset);
        return price[asset];
    }
}
