// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title Pool TWAP oracle
/// @notice Time-weighted log-price accumulators kept by a weighted pool. Prices are of each token in units of the
///         pool's first token (token 0). The accumulators move once per block, before that block's first balance
///         change, so a price pushed within one block never enters them. The ring keeps at most two observations per
///         30-second bucket, so the history it covers does not shrink with trade frequency: size it with
///         `guaranteedWindow()` (at least the longest window any reader uses).
interface IPoolOracle {
    event ObservationCardinalityIncreased(uint16 previous, uint16 next);

    /// @notice Geometric-mean price of `token` in whole token-0 units, 18 decimals, over the last `window` seconds.
    /// @dev Reverts with a custom error naming the covered span when the ring buffer does not reach back `window`.
    function getTwap(address token, uint32 window) external view returns (uint256 price);

    /// @notice `getTwap(tokens[i], window)` of each token, bit for bit, from one search of the observation history;
    ///         reverts as the first failing token's getTwap does.
    function getTwaps(address[] calldata tokens, uint32 window) external view returns (uint256[] memory prices);

    /// @notice Geometric-mean price of `base` in `quote` over the last `window` seconds (derived through token 0).
    function getTwapPair(address base, address quote, uint32 window) external view returns (uint256 price);

    /// @notice Grows the observation ring buffer so it can cover longer windows; anyone may pay for it.
    function increaseObservationCardinality(uint16 next) external;

    /// @notice Seconds of history the buffer currently covers (0 before the second observation).
    function oldestObservationAge() external view returns (uint32);

    /// @notice Time of the newest observation: the last block in which the pool's balances changed (0 before the
    ///         first join). A TWAP read later extends the price in force since then.
    function lastObservationTime() external view returns (uint32);

    /// @notice History the ring keeps whatever the trade frequency, (ceil(capacity / 2) - 2) * bucket seconds (0
    ///         below 4 slots), once the pool is that old. A reader's window must not exceed it.
    function guaranteedWindow() external view returns (uint32);
}
