// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IPriceSource} from "../../src/interfaces/IPriceSource.sol";

/// @notice An IPriceSource whose price, health, kind and underlying are all set by one call, so a Java test can put
///         the router through generated cases (PriceRouterDifferentialTest).
contract MockPriceSource is IPriceSource {
    error MockSourceDown();

    address public immutable override asset;
    uint256 public price;
    bool public down;
    Kind public override kind;
    address public override underlying;

    constructor(address asset_) {
        asset = asset_;
        underlying = address(this);
    }

    function set(uint256 price_, bool down_, Kind kind_, address underlying_) external {
        (price, down, kind, underlying) = (price_, down_, kind_, underlying_);
    }

    /// @dev Always fresh: staleness is the adapters' job, not the router's.
    function latestPrice() external view override returns (uint256, uint256) {
        if (down) revert MockSourceDown();
        return (price, block.timestamp);
    }
}
