// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IPriceSource} from "../../src/interfaces/IPriceSource.sol";

/// @notice An IPriceSource that misbehaves on demand, for the router's health tests.
contract ScriptedPriceSource is IPriceSource {
    enum Mode {
        Ok,
        RevertCustom,
        RevertEmpty,
        RevertString,
        Panic,
        ShortReturn,
        HugeReturn,
        HugeRevert
    }

    error ScriptedFailure(uint256 code);

    /// @dev Size of the huge replies: large enough that copying them would cost the caller noticeably.
    uint256 internal constant HUGE = 50_000;

    address public immutable override asset;
    uint256 public price;
    uint256 public updatedAt;
    Mode public mode;
    Kind public kind;
    /// @dev Itself unless set: every scripted source is its own feed.
    address public underlying;

    constructor(address asset_, uint256 price_) {
        asset = asset_;
        price = price_;
        updatedAt = block.timestamp;
        underlying = address(this);
    }

    /// @notice Declares the source a TWAP or a feed over `underlying_` (read by the router at configuration).
    function setIdentity(Kind kind_, address underlying_) external {
        kind = kind_;
        underlying = underlying_;
    }

    function set(uint256 price_, uint256 updatedAt_) external {
        price = price_;
        updatedAt = updatedAt_;
    }

    function setMode(Mode mode_) external {
        mode = mode_;
    }

    function latestPrice() external view override returns (uint256, uint256) {
        Mode m = mode;
        if (m == Mode.RevertCustom) revert ScriptedFailure(7);
        if (m == Mode.RevertEmpty) revert();
        if (m == Mode.RevertString) revert("scripted");
        if (m == Mode.Panic) _panic();
        if (m == Mode.ShortReturn) _returnRaw(32, false);
        if (m == Mode.HugeReturn) _returnRaw(HUGE, false);
        if (m == Mode.HugeRevert) _returnRaw(HUGE, true);
        return (price, updatedAt);
    }

    function _panic() private pure {
        uint256 zero;
        // division by zero panics (0x12)
        zero = 1 / zero;
    }

    /// @dev Replies with `size` bytes starting with (price, updatedAt), as a return or a revert.
    function _returnRaw(uint256 size, bool asRevert) private view {
        uint256 p = price;
        uint256 t = updatedAt;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, p)
            mstore(add(ptr, 0x20), t)
            if asRevert { revert(ptr, size) }
            return(ptr, size)
        }
    }
}
