// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {MockAggregator} from "./MockAggregator.sol";

/// @notice A Chainlink proxy and OCR aggregator in one: `aggregator()` names itself and it exposes settable
///         `minAnswer()`/`maxAnswer()`, the clamp bounds a real aggregator applies to its answers.
contract MockBoundedAggregator is MockAggregator {
    int192 public minAnswer;
    int192 public maxAnswer;

    constructor(uint8 decimals_, int192 minAnswer_, int192 maxAnswer_) MockAggregator(decimals_) {
        (minAnswer, maxAnswer) = (minAnswer_, maxAnswer_);
    }

    function aggregator() external view returns (address) {
        return address(this);
    }
}
