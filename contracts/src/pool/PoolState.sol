// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IPoolOracle} from "../interfaces/IPoolOracle.sol";
import {FixedPoint} from "../libraries/FixedPoint.sol";
import {LogExpMath} from "../libraries/LogExpMath.sol";
import {Oracle} from "../libraries/Oracle.sol";
import {PoolBalances} from "../libraries/PoolBalances.sol";
import {PoolTokens} from "./PoolTokens.sol";

/// @title Weighted pool state: packed balances and the TWAP oracle
/// @notice The pool's storage (raw balances, two per word; oracle ring index and time packed with balances 0 and 1)
///         and the IPoolOracle views over it. The oracle writes once per timestamp, before the first balance change
///         of that block, from the balances the previous blocks left: a price pushed inside one block never enters
///         the accumulators. WeightedPool adds trading and liquidity on top.
abstract contract PoolState is IPoolOracle, PoolTokens {
    /// @dev Storage words per oracle observation (N-1 cumulatives, two per word), or Oracle.COMPACT for 2 tokens.
    uint256 private immutable _observationWords;

    /// @dev balance 0 | balance 1 | last observation time | observation index (PoolBalances layout); 0 until the
    ///      first join.
    uint256 internal _word0;
    /// @dev balances of tokens 2..7, two per word.
    uint256[3] private _words;
    /// @dev slots pre-filled in the oracle ring (Oracle.length gives how many hold observations).
    uint256 private _observationCapacity;

    constructor(IERC20[] memory tokens, uint256[] memory weights) PoolTokens(tokens, weights) {
        _observationWords = tokens.length == 2 ? Oracle.COMPACT : tokens.length / 2;
        _observationCapacity = 1;
    }

    // ================================================================================================== oracle

    /// @notice Geometric-mean price of whole `token` in whole token-0 units over the last `window` seconds.
    /// @dev Reverts with Oracle.OracleWindowNotCovered when the ring does not reach back `window` seconds (grow it
    ///      with increaseObservationCardinality), ZeroWindow for window 0.
    function getTwap(address token, uint32 window) external view returns (uint256) {
        return _expAverage(_cumulativeDelta(_indexOf(token), window), window);
    }

    /// @notice Geometric-mean price of whole `base` in whole `quote` units over the last `window` seconds.
    function getTwapPair(address base, address quote, uint32 window) external view returns (uint256) {
        uint256 b = _indexOf(base);
        uint256 q = _indexOf(quote);
        return _expAverage(_cumulativeDelta(b, window) - _cumulativeDelta(q, window), window);
    }

    /// @notice Pre-fills oracle slots up to `next` so the ring can span more history; anyone may pay for it. A
    ///         `next` at or below the current capacity does nothing.
    function increaseObservationCardinality(uint16 next) external {
        uint256 current = _observationCapacity;
        if (next <= current) return;
        Oracle.grow(_observationWords, current, next);
        _observationCapacity = next;
        emit ObservationCardinalityIncreased(uint16(current), next);
    }

    /// @notice Seconds of history the ring covers now: age of the oldest observation (0 before the first join and
    ///         in the block of the first join; the newest observation is extended to now from the current balances).
    function oldestObservationAge() external view returns (uint32) {
        uint256 w0 = _word0;
        if (w0 == 0) return 0;
        return Oracle.oldestAge(_ring(w0));
    }

    /// @inheritdoc IPoolOracle
    function lastObservationTime() external view returns (uint32) {
        return PoolBalances.observationTime(_word0);
    }

    /// @inheritdoc IPoolOracle
    function observationBucket() external pure returns (uint32) {
        return Oracle.BUCKET;
    }

    /// @inheritdoc IPoolOracle
    function guaranteedWindow() external view returns (uint32) {
        uint256 buckets = (_observationCapacity + 1) / 2;
        return buckets <= 2 ? 0 : uint32((buckets - 2) * Oracle.BUCKET);
    }

    /// @notice Oracle ring state: index of the newest observation, observations held, slots pre-filled, and the
    ///         time of the newest observation.
    function observationState()
        external
        view
        returns (uint256 index, uint256 length, uint256 capacity, uint32 lastTime)
    {
        uint256 w0 = _word0;
        capacity = _observationCapacity;
        length = w0 == 0 ? 0 : Oracle.length(_observationWords, capacity);
        index = PoolBalances.observationIndex(w0);
        lastTime = PoolBalances.observationTime(w0);
    }

    // =============================================================================================== internals

    /// @dev First liquidity: stores the balances and writes observation 0 at the current time.
    function _initializeState(uint256[] memory balances) internal {
        uint32 time = uint32(block.timestamp);
        Oracle.initialize(_observationWords, time);
        _storeBalances(PoolBalances.withObservation(0, time, 0), balances);
    }

    /// @dev Loads word 0 and, on the first balance change of a new timestamp, writes the oracle observation from
    ///      the balances as the previous blocks left them. The caller stores the returned word.
    function _sync() internal returns (uint256 w0) {
        w0 = _initializedWord0();
        uint32 time = uint32(block.timestamp);
        if (PoolBalances.observationTime(w0) != time) {
            uint256 index = PoolBalances.observationIndex(w0);
            if (_numTokens == 2) {
                uint256 b0;
                uint256 b1;
                unchecked {
                    // 104-bit balances times scales <= 1e18: below 2^164
                    (b0, b1) = (PoolBalances.get(w0, 0) * _scale0, PoolBalances.get(w0, 1) * _scale1);
                }
                index = Oracle.writeCompact(index, time, _lnPrice(b0, b1, _weight1));
            } else {
                index = Oracle.write(_observationWords, index, time, _lnPrices(w0));
            }
            w0 = PoolBalances.withObservation(w0, time, index);
        }
    }

    function _initializedWord0() internal view returns (uint256 w0) {
        w0 = _word0;
        if (w0 == 0) revert PoolNotInitialized();
    }

    /// @dev ln of each token k >= 1's price in token 0 from the current balances.
    function _lnPrices(uint256 w0) internal view returns (int256[] memory ln) {
        uint256 n = _numTokens;
        ln = new int256[](n - 1);
        uint256 b0 = PoolBalances.get(w0, 0) * _scale0;
        for (uint256 k = 1; k < n; ++k) {
            ln[k - 1] = _lnPrice(b0, _balanceAt(w0, k) * _scaleAt(k), _weightAt(k));
        }
    }

    /// @dev ln((B0/w0) / (Bk/wk)); the wad price is floored at 1 wei (1e-18 token 0 per token k). Plain division
    ///      when the numerator fits (any balance under ~1e40 scaled units), else a 512-bit mulDiv.
    function _lnPrice(uint256 b0, uint256 bk, uint256 wk) internal view returns (int256) {
        uint256 price;
        unchecked {
            // balances < 2^164 (see _sync) and weights < 2^60: the products fit; den > 0 once initialised
            uint256 num = b0 * wk;
            uint256 den = bk * _weight0;
            price = num < type(uint256).max / FixedPoint.ONE ? (num * FixedPoint.ONE) / den : Math.mulDiv(num, FixedPoint.ONE, den);
        }
        return LogExpMath.lnWad(int256(price == 0 ? 1 : price));
    }

    /// @dev C_k(now) - C_k(now - window) for token k (0 for token 0, after checking coverage).
    function _cumulativeDelta(uint256 k, uint32 window) internal view returns (int256) {
        if (window == 0) revert ZeroWindow();
        uint256 w0 = _initializedWord0();
        Oracle.Ring memory ring = _ring(w0);
        if (k == 0) {
            Oracle.requireCovered(ring, window);
            return 0;
        }
        int256 lnNow = _lnPrice(PoolBalances.get(w0, 0) * _scale0, _balanceAt(w0, k) * _scaleAt(k), _weightAt(k));
        return Oracle.observe(ring, 0, k - 1, lnNow) - Oracle.observe(ring, window, k - 1, lnNow);
    }

    function _ring(uint256 w0) internal view returns (Oracle.Ring memory) {
        uint256 words = _observationWords;
        return Oracle.Ring({
            words: words,
            index: PoolBalances.observationIndex(w0),
            len: Oracle.length(words, _observationCapacity),
            time: uint32(block.timestamp)
        });
    }

    function _expAverage(int256 cumulativeDelta, uint32 window) internal pure returns (uint256) {
        return uint256(LogExpMath.expWad(cumulativeDelta / int256(uint256(window))));
    }

    // ---------------------------------------------------------------------------------------------- balances

    function _balanceAt(uint256 w0, uint256 t) internal view returns (uint256) {
        if (t < 2) return PoolBalances.get(w0, t);
        return PoolBalances.get(_words[(t - 2) >> 1], t & 1);
    }

    /// @dev Returns word 0 with token t's balance set; tokens >= 2 are written to their own word here.
    function _put(uint256 w0, uint256 t, uint256 balance) internal returns (uint256) {
        if (t < 2) return PoolBalances.set(w0, t, balance, t);
        uint256 k = (t - 2) >> 1;
        _words[k] = PoolBalances.set(_words[k], t & 1, balance, t);
        return w0;
    }

    function _loadBalances(uint256 w0) internal view returns (uint256[] memory balances) {
        uint256 n = _numTokens;
        balances = new uint256[](n);
        if (w0 == 0) return balances;
        for (uint256 t; t < n; ++t) {
            balances[t] = _balanceAt(w0, t);
        }
    }

    function _scaledBalances(uint256 w0) internal view returns (uint256[] memory balances) {
        balances = _loadBalances(w0);
        for (uint256 t; t < balances.length; ++t) {
            balances[t] *= _scaleAt(t);
        }
    }

    function _storeBalances(uint256 w0, uint256[] memory balances) internal {
        uint256 n = balances.length;
        w0 = PoolBalances.set(PoolBalances.set(w0, 0, balances[0], 0), 1, balances[1], 1);
        _word0 = w0;
        for (uint256 t = 2; t < n; t += 2) {
            uint256 word = PoolBalances.set(0, 0, balances[t], t);
            if (t + 1 < n) word = PoolBalances.set(word, 1, balances[t + 1], t + 1);
            _words[(t - 2) >> 1] = word;
        }
    }
}
