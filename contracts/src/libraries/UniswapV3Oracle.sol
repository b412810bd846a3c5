// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IUniswapV3Pool} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";
import {UniswapV3Math} from "./UniswapV3Math.sol";

/// @title Reads a Uniswap V3 pool's own oracle: mean tick over a window, history it holds, history it guarantees
/// @notice A V3 pool keeps a ring of `observationCardinality` tick accumulators and writes at most one per block
///         timestamp (on the first mint, burn or tick-moving swap of a block), so the span the ring covers depends on how often the
///         pool trades: it is a full ring's span only when every write is as close to the previous one as the chain
///         allows. `guaranteedWindowOf` therefore assumes the busiest pool possible (see there).
library UniswapV3Oracle {
    /// @notice The pool's observations do not reach `window` seconds back (they reach `available`).
    error TwapWindowNotCovered(address pool, uint32 window, uint32 available);
    /// @notice A TWAP over zero seconds is the spot price, which a TWAP is there to check.
    error ZeroWindow();

    /// @notice The geometric-mean tick over the last `window` seconds (OracleLibrary.consult's, rounded toward negative
    ///         infinity), from the pool's `observe([window, 0])`.
    /// @dev The pool reverts `OLD` when its ring does not reach back `window` seconds; that is translated into
    ///      TwapWindowNotCovered naming what the ring does reach, at no cost to a successful read.
    function meanTick(IUniswapV3Pool pool, uint32 window) internal view returns (int24) {
        if (window == 0) revert ZeroWindow();
        uint32[] memory secondsAgos = new uint32[](2);
        secondsAgos[0] = window;
        try pool.observe(secondsAgos) returns (int56[] memory tickCumulatives, uint160[] memory) {
            return UniswapV3Math.meanTickDown(tickCumulatives[0], tickCumulatives[1], window);
        } catch {
            revert TwapWindowNotCovered(address(pool), window, oldestObservationAge(pool));
        }
    }

    /// @notice Seconds from the pool's oldest observation to now: the longest window `observe` can answer today.
    /// @dev As OracleLibrary.getOldestObservationSecondsAgo: the slot after the newest is the oldest once the ring has
    ///      wrapped; before that it is not initialised yet and slot 0 is the oldest. Timestamps are uint32 in the
    ///      pool, so the difference is taken modulo 2^32 as the pool does.
    function oldestObservationAge(IUniswapV3Pool pool) internal view returns (uint32 age) {
        (,, uint16 index, uint16 cardinality,,,) = pool.slot0();
        if (cardinality == 0) return 0; // not initialised
        (uint32 oldest,,, bool initialized) = pool.observations((uint256(index) + 1) % cardinality);
        if (!initialized) (oldest,,,) = pool.observations(0);
        unchecked {
            age = uint32(block.timestamp) - oldest;
        }
    }

    /// @notice History the pool will keep whatever its trading from now on, given the shortest spacing the chain allows
    ///         between two observations: min(oldest observation's age, (cardinality - 1) * minSpacing).
    /// @dev Until the ring wraps, slot 0 stays the oldest and its age only grows; once it has wrapped, its
    ///      `cardinality` observations are at least `minSpacing` apart, so they span >= (cardinality - 1) * minSpacing;
    ///      cardinality never shrinks. So the value never decreases, and a check made when a vault allows the venue
    ///      holds for good. `cardinality * blockTime` would be the span of a ring written in every block: an upper bound
    ///      of what a busy pool keeps, not a guarantee.
    function guaranteedWindowOf(IUniswapV3Pool pool, uint32 minSpacing) internal view returns (uint32) {
        (,,, uint16 cardinality,,,) = pool.slot0();
        if (cardinality <= 1) return 0;
        uint256 full = uint256(cardinality - 1) * minSpacing;
        uint32 age = oldestObservationAge(pool);
        return full < age ? uint32(full) : age;
    }

    /// @notice The shortest spacing between two observations this chain allows, in seconds.
    /// @dev Ethereum's proof-of-stake chains put every block in its own 12-second slot (timestamp = genesis + 12 * slot),
    ///      so two observations are >= 12 s apart there: mainnet, Sepolia, Holesky, Hoodi. Elsewhere (rollups with 1-2 s
    ///      blocks, Anvil) only the pool's own rule holds: one observation per distinct timestamp, so >= 1 s.
    function minObservationSpacing() internal view returns (uint32) {
        uint256 id = block.chainid;
        if (id == 1 || id == 11155111 || id == 17000 || id == 560048) return 12;
        return 1;
    }
}
