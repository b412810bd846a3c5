// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IPoolOracle} from "../../src/interfaces/IPoolOracle.sol";

/// @notice IPoolOracle with TWAPs set per (token, window), for tests. An unset TWAP reverts like a real pool whose
///         history does not reach back far enough.
contract MockPoolOracle is IPoolOracle {
    error MockTwapUnavailable(address token, uint32 window, uint32 covered);

    mapping(address token => mapping(uint32 window => uint256)) private _twaps;
    mapping(address token => mapping(uint32 window => bool)) private _set;
    uint16 public cardinality = 1;
    uint32 public covered;
    /// @dev 0: the newest observation is "now".
    uint32 public observedAt;

    function setTwap(address token, uint32 window, uint256 price) external {
        _twaps[token][window] = price;
        _set[token][window] = true;
    }

    function clearTwap(address token, uint32 window) external {
        delete _twaps[token][window];
        delete _set[token][window];
    }

    function setOldestObservationAge(uint32 age) external {
        covered = age;
    }

    function setLastObservationTime(uint32 time) external {
        observedAt = time;
    }

    function getTwap(address token, uint32 window) public view override returns (uint256) {
        if (!_set[token][window]) revert MockTwapUnavailable(token, window, covered);
        return _twaps[token][window];
    }

    /// @dev getTwap of each token in order, so the first unset one reverts, like a pool.
    function getTwaps(address[] calldata tokens, uint32 window) external view virtual override returns (uint256[] memory prices) {
        prices = new uint256[](tokens.length);
        for (uint256 i; i < prices.length; ++i) {
            prices[i] = getTwap(tokens[i], window);
        }
    }

    /// @dev base/quote through token 0, rounded down.
    function getTwapPair(address base, address quote, uint32 window) external view override returns (uint256) {
        return getTwap(base, window) * 1e18 / getTwap(quote, window);
    }

    function increaseObservationCardinality(uint16 next) external override {
        if (next <= cardinality) return;
        emit ObservationCardinalityIncreased(cardinality, next);
        cardinality = next;
    }

    function oldestObservationAge() external view override returns (uint32) {
        return covered;
    }

    function lastObservationTime() external view override returns (uint32) {
        return observedAt == 0 ? uint32(block.timestamp) : observedAt;
    }

    /// @dev As a pool: (ceil(cardinality / 2) - 2) buckets.
    function guaranteedWindow() external view override returns (uint32) {
        uint256 buckets = (uint256(cardinality) + 1) / 2;
        return buckets <= 2 ? 0 : uint32((buckets - 2) * 30);
    }
}
