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
/// @notice The pool's storage (raw balances, two per word; each word also holds its oracle ring's index and last
///         write time) and the IPoolOracle views over it. The oracle writes once per timestamp, before the first
///         balance change of that block, from the balances the previous blocks left: a price pushed inside one block
///         never enters the accumulators. A 2-token pool keeps one ring of its log price (Oracle COMPACT); a pool of
///         3..8 tokens keeps one ring per balance word, of its two tokens' log balances, written only when a trade
///         changes that word (Oracle's group rings). WeightedPool adds trading and liquidity on top.
abstract contract PoolState is IPoolOracle, PoolTokens {
    /// @dev Number of group rings (balance words) for 3..8 tokens; 0 for a 2-token pool (one COMPACT ring).
    uint256 private immutable _groups;

    /// @dev balance 0 | balance 1 | last observation time | observation index (PoolBalances layout); 0 until the
    ///      first join.
    uint256 internal _word0;
    /// @dev balances of tokens 2..7, two per word, each word with its group ring's time and index as word 0.
    uint256[3] private _words;
    /// @dev slots pre-filled in the oracle ring (Oracle.length gives how many hold observations). TWAP reads pass
    ///      its slot (Oracle.Ring.capacitySlot), not its value: most reads never need it.
    uint256 private _observationCapacity;
    /// @dev For 3+ tokens, c_k = ln(s0 wk / (sk w0)) in Q96 of tokens k = 1..7, two a word (int128 halves, the lower k
    ///      in the low half): the constant of ln P_k = ln B_0 - ln B_k + c_k (see _cumulativeDelta), formed once here
    ///      with the very function a read used to call, so every TWAP is bit for bit what it was and a read pays no
    ///      logarithm for it. |c_k| < 84 * 2^96 < 2^103 (scales and weights below 2^60).
    uint256 private immutable _lnConst12;
    uint256 private immutable _lnConst34;
    uint256 private immutable _lnConst56;
    uint256 private immutable _lnConst7;

    constructor(IERC20[] memory tokens, uint256[] memory weights) PoolTokens(tokens, weights) {
        uint256 n = tokens.length;
        _groups = n == 2 ? 0 : (n + 1) / 2;
        _observationCapacity = 1;
        uint256[8] memory c;
        for (uint256 k = 1; n > 2 && k < n; ++k) {
            c[k] = uint128(int128(LogExpMath.lnRatioQ96(_scale0 * _weightAt(k), _scaleAt(k) * _weight0)));
        }
        (_lnConst12, _lnConst34, _lnConst56, _lnConst7) = (c[1] | c[2] << 128, c[3] | c[4] << 128, c[5] | c[6] << 128, c[7]);
    }

    // ================================================================================================== oracle

    /// @notice Geometric-mean price of whole `token` in whole token-0 units over the last `window` seconds.
    /// @dev Reverts with Oracle.OracleWindowNotCovered when the ring does not reach back `window` seconds (grow it
    ///      with increaseObservationCardinality), ZeroWindow for window 0.
    function getTwap(address token, uint32 window) external view returns (uint256) {
        int256[8] memory deltas;
        uint256 k = _indexOf(token);
        (int256 delta,) = _cumulativeDelta(k, window, deltas, (1 | (1 << k)) << 8);
        return _expAverage(delta, window);
    }

    /// @notice `getTwap` of each of `tokens` over one `window`, bit for bit, with each ring the tokens need searched
    ///         once (the observation at now - window is shared by every token of a ring); a price reader (PriceRouter)
    ///         prices several assets of one pool with one call. Reverts as the first of the tokens whose getTwap
    ///         reverts, with its error.
    /// @dev For 3+ tokens a token k > 0 reads group 0's ring (token 0's log balance) and its own group's, both
    ///      cumulatives of a group from one search (Oracle.observeDeltas), in getTwap's order; token 0 and 2-token
    ///      pools take getTwap's own path.
    function getTwaps(address[] calldata tokens, uint32 window) external view returns (uint256[] memory prices) {
        uint256 n = tokens.length;
        prices = new uint256[](n);
        int256[8] memory deltas; // deltas[t]: A_t(now) - A_t(now - window), once bit t >> 1 of `read` is set
        uint256 read = 0xff << 8; // every token of a group read: a list of several tokens usually wants both
        int256 delta;
        for (uint256 i; i < n; ++i) {
            (delta, read) = _cumulativeDelta(_indexOf(tokens[i]), window, deltas, read);
            prices[i] = _expAverage(delta, window);
        }
    }

    /// @notice Geometric-mean price of whole `base` in whole `quote` units over the last `window` seconds.
    function getTwapPair(address base, address quote, uint32 window) external view returns (uint256) {
        uint256 b = _indexOf(base);
        uint256 q = _indexOf(quote);
        int256[8] memory deltas;
        (int256 db, uint256 read) = _cumulativeDelta(b, window, deltas, (1 | (1 << b) | (1 << q)) << 8);
        (int256 dq,) = _cumulativeDelta(q, window, deltas, read);
        return _expAverage(db - dq, window);
    }

    /// @notice Pre-fills oracle slots up to `next` so the ring can span more history; anyone may pay for it. A
    ///         `next` at or below the current capacity does nothing.
    function increaseObservationCardinality(uint16 next) external {
        uint256 current = _observationCapacity;
        if (next <= current) return;
        uint256 groups = _groups;
        if (groups == 0) Oracle.grow(Oracle.COMPACT, current, next);
        for (uint256 g; g < groups; ++g) {
            Oracle.grow(g, current, next);
        }
        _observationCapacity = next;
        emit ObservationCardinalityIncreased(uint16(current), next);
    }

    /// @notice Seconds of history the rings cover now: age of the oldest observation (of the ring reaching back
    ///         least, for 3+ tokens); 0 before the first join and in the block of the first join (the newest
    ///         observation is extended to now from the current balances).
    function oldestObservationAge() external view returns (uint32 age) {
        uint256 w0 = _word0;
        if (w0 == 0) return 0;
        uint256 groups = _groups;
        if (groups == 0) return Oracle.oldestAge(_ring(Oracle.COMPACT, w0));
        age = type(uint32).max;
        for (uint256 g; g < groups; ++g) {
            uint32 a = Oracle.oldestAge(_ring(g, _groupWord(w0, g)));
            if (a < age) age = a;
        }
    }

    /// @inheritdoc IPoolOracle
    /// @dev For 3+ tokens the latest write of any group ring.
    function lastObservationTime() external view returns (uint32 time) {
        uint256 w0 = _word0;
        time = PoolBalances.observationTime(w0);
        for (uint256 g = 1; g < _groups; ++g) {
            uint32 t = PoolBalances.observationTime(_words[g - 1]);
            if (t > time) time = t;
        }
    }

    /// @inheritdoc IPoolOracle
    function guaranteedWindow() external view returns (uint32) {
        uint256 buckets = (_observationCapacity + 1) / 2;
        return buckets <= 2 ? 0 : uint32((buckets - 2) * Oracle.BUCKET);
    }

    /// @notice Oracle ring state (for 3+ tokens, of the ring of tokens 0 and 1): index of the newest observation,
    ///         observations held, slots pre-filled, and the time of the newest observation.
    function observationState()
        external
        view
        returns (uint256 index, uint256 length, uint256 capacity, uint32 lastTime)
    {
        uint256 w0 = _word0;
        capacity = _observationCapacity;
        length = w0 == 0 ? 0 : Oracle.length(_groups == 0 ? Oracle.COMPACT : 0, capacity, PoolBalances.observationIndex(w0));
        index = PoolBalances.observationIndex(w0);
        lastTime = PoolBalances.observationTime(w0);
    }

    // =============================================================================================== internals

    /// @dev First liquidity: writes observation 0 of every ring at the current time and stores the balances.
    function _initializeState(uint256[] memory balances) internal {
        uint32 time = uint32(block.timestamp);
        uint256 groups = _groups;
        if (groups == 0) Oracle.initialize(Oracle.COMPACT, time);
        for (uint256 g; g < groups; ++g) {
            Oracle.initialize(g, time);
            if (g > 0) _words[g - 1] = PoolBalances.withObservation(0, time, 0);
        }
        _storeBalances(PoolBalances.withObservation(0, time, 0), balances);
    }

    /// @dev Loads word 0 and, for a 2-token pool on the first balance change of a new timestamp, writes the oracle
    ///      observation from the balances as the previous blocks left them. The caller stores the returned word.
    ///      Pools of 3+ tokens write each group ring when its word first changes in a block (_put, _storeBalances).
    function _sync() internal returns (uint256 w0) {
        w0 = _initializedWord0();
        uint32 time = uint32(block.timestamp);
        if (_groups == 0 && PoolBalances.observationTime(w0) != time) {
            uint256 b0;
            uint256 b1;
            unchecked {
                // 104-bit balances times scales <= 1e18: below 2^164
                (b0, b1) = (PoolBalances.get(w0, 0) * _scale0, PoolBalances.get(w0, 1) * _scale1);
            }
            uint256 index = Oracle.writeCompact(PoolBalances.observationIndex(w0), time, _lnPrice(b0, b1, _weight1));
            w0 = PoolBalances.withObservation(w0, time, index);
        }
    }

    /// @dev Balance word `word` of group `g` with its ring written, if this is the word's first change in this block:
    ///      the logs of its two balances as the previous blocks left them accrue since its last write.
    function _syncGroup(uint256 g, uint256 word) private returns (uint256) {
        uint32 time = uint32(block.timestamp);
        if (PoolBalances.observationTime(word) == time) return word;
        uint256 index = Oracle.write(g, PoolBalances.observationIndex(word), time, _lnBalance(word, 0), _lnBalance(word, 1));
        return PoolBalances.withObservation(word, time, index);
    }

    function _initializedWord0() internal view returns (uint256 w0) {
        w0 = _word0;
        if (w0 == 0) revert PoolNotInitialized();
    }

    /// @dev ln of a raw balance in wad (as lnWadOracle reads it: ln(B / 1e18), a constant offset that cancels in every
    ///      price); an empty position (the 8th of a 7-token pool) counts as 1.
    function _lnBalance(uint256 word, uint256 pos) private pure returns (int256) {
        uint256 b = PoolBalances.get(word, pos);
        return LogExpMath.lnWadOracle(b == 0 ? 1 : b);
    }

    /// @dev Balance word of group g (word 0 for g = 0).
    function _groupWord(uint256 w0, uint256 g) private view returns (uint256) {
        return g == 0 ? w0 : _words[g - 1];
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
        return LogExpMath.lnWadOracle(price == 0 ? 1 : price);
    }

    /// @dev C_k(now) - C_k(now - window) for token k's log price in token 0 (0 for token 0, after checking coverage).
    ///      For 3+ tokens each group ring is searched once per call: its two tokens' log-balance deltas are kept in
    ///      `deltas` (bit g of `read` set once group g's are there; bit 8 + t when token t's delta is wanted, the
    ///      others are left 0), so several tokens of one call share the search.
    function _cumulativeDelta(uint256 k, uint32 window, int256[8] memory deltas, uint256 read)
        internal
        view
        returns (int256, uint256)
    {
        if (window == 0) revert ZeroWindow();
        uint256 w0 = _initializedWord0();
        if (_groups == 0) {
            // token 0 (which 0) only needs the ring to cover the window: the search reverts otherwise
            int256 lnNow = k == 0 ? int256(0) : _lnPrice(PoolBalances.get(w0, 0) * _scale0, PoolBalances.get(w0, 1) * _scale1, _weight1);
            (int256 d,) = Oracle.observeDeltas(_ring(Oracle.COMPACT, w0), window, lnNow, 0, k);
            return (d, read);
        }
        read = _readGroup(w0, 0, window, deltas, read);
        // token 0 (the quote of getTwapPair's usual pairs) only needs its ring to cover the window
        if (k == 0) return (0, read);
        // ln P_k = ln B0 - ln Bk + ln(s0 wk / (sk w0)), the constant at Q96 precision formed at construction
        int256 c = _lnConstant(k);
        read = _readGroup(w0, k >> 1, window, deltas, read);
        unchecked {
            // |c| < 2^103, window < 2^32; deltas are differences of int104 accumulators: nothing can overflow
            return (deltas[0] - deltas[k] + (c * 1e18 * int256(uint256(window))) / LogExpMath.Q96, read);
        }
    }

    /// @dev A_t(now) - A_t(now - window) of both tokens t of group g into deltas[2g] and deltas[2g + 1], from one
    ///      search of its ring, unless bit g of `read` says they are there.
    function _readGroup(uint256 w0, uint256 g, uint32 window, int256[8] memory deltas, uint256 read)
        private
        view
        returns (uint256)
    {
        if (read & (1 << g) != 0) return read;
        uint256 word = _groupWord(w0, g);
        uint256 which = (read >> (8 + 2 * g)) & 3; // the group's tokens wanted
        (deltas[2 * g], deltas[2 * g + 1]) = Oracle.observeDeltas(
            _ring(g, word), window, which & 1 != 0 ? _lnBalance(word, 0) : int256(0), which & 2 != 0 ? _lnBalance(word, 1) : int256(0), which
        );
        return read | (1 << g);
    }

    /// @dev c_k (k >= 1) of _lnConst12.._lnConst7.
    function _lnConstant(uint256 k) private view returns (int256) {
        uint256 word = k < 5 ? (k < 3 ? _lnConst12 : _lnConst34) : (k < 7 ? _lnConst56 : _lnConst7);
        return int256(int128(uint128(word >> (((k - 1) & 1) << 7))));
    }

    function _ring(uint256 ring, uint256 word) internal view returns (Oracle.Ring memory r) {
        uint256 capacitySlot;
        assembly ("memory-safe") {
            capacitySlot := _observationCapacity.slot
        }
        r = Oracle.Ring({
            ring: ring,
            index: PoolBalances.observationIndex(word),
            capacitySlot: capacitySlot,
            time: uint32(block.timestamp)
        });
    }

    function _expAverage(int256 cumulativeDelta, uint32 window) internal pure returns (uint256) {
        return uint256(LogExpMath.expWad(cumulativeDelta / int256(uint256(window))));
    }

    // ---------------------------------------------------------------------------------------------- balances

    function _balanceAt(uint256 w0, uint256 t) internal view returns (uint256) {
        if (t < 2) return PoolBalances.get(w0, t);
        unchecked {
            return PoolBalances.get(_words[(t - 2) >> 1], t & 1); // t >= 2
        }
    }

    /// @dev Returns word 0 with token t's balance set; tokens >= 2 are written to their own word here. For 3+
    ///      tokens, the first change of a word in a block first writes its group ring.
    function _put(uint256 w0, uint256 t, uint256 balance) internal returns (uint256) {
        if (t < 2) {
            if (_groups != 0) w0 = _syncGroup(0, w0);
            return PoolBalances.set(w0, t, balance, t);
        }
        unchecked {
            uint256 k = (t - 2) >> 1; // t >= 2, k < 3
            _words[k] = PoolBalances.set(_syncGroup(k + 1, _words[k]), t & 1, balance, t);
        }
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

    /// @dev Stores every balance (joins and exits), writing each group ring first when its word first changes in
    ///      this block (3+ tokens).
    function _storeBalances(uint256 w0, uint256[] memory balances) internal {
        uint256 n = balances.length;
        if (n > 2) w0 = _syncGroup(0, w0);
        w0 = PoolBalances.set(PoolBalances.set(w0, 0, balances[0], 0), 1, balances[1], 1);
        _word0 = w0;
        for (uint256 t = 2; t < n; t += 2) {
            uint256 k = (t - 2) >> 1;
            uint256 word = _syncGroup(k + 1, _words[k]);
            word = PoolBalances.set(word, 0, balances[t], t);
            if (t + 1 < n) word = PoolBalances.set(word, 1, balances[t + 1], t + 1);
            _words[k] = word;
        }
    }
}
