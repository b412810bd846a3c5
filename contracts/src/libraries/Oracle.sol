// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title Observation ring buffer of time-weighted log prices
/// @notice A pool with N tokens keeps N-1 cumulatives, one per price of token k (k = 1..N-1) in token 0:
///         C_k += ln(P_k) * dt, ln in 18-decimal fixed point. The geometric-mean price over [t-w, t] is then
///         exp((C_k(t) - C_k(t-w)) / w). One observation takes `words = N/2` storage words:
///           word 0:   bits 0..31 timestamp | bit 32 initialised | bit 33 last slot | bits 40..143 C_1 | 144..247 C_2
///           word w>0: bit 32 initialised | bits 40..143 C_{2w+1} | bits 144..247 C_{2w+2}
///         A 2-token pool therefore writes one word per block. Every word is kept nonzero (the initialised bit), and
///         growth pre-fills new slots with a placeholder, so a regular write is always nonzero -> nonzero.
/// @dev The write path needs no stored length: the caller keeps the newest index (packed with its balances) and
///      the ring's last slot carries a "last" flag, so a write reads only the newest observation and the slot it
///      overwrites (with one slot, the same word: read 2,100 + write 2,900 gas). Placeholders only ever sit at the
///      end of the used region, so the number of real observations is the position of the first placeholder (or
///      the capacity), which the views find by binary search.
///      The accumulators are int104: at the most extreme representable log price (|ln P| < 120) they last
///      more than 2,600 years. Timestamps are uint32 and compared as ages (now - t, wrapping), like Uniswap v3.
library Oracle {
    /// @notice The ring does not reach back `requested` seconds; it covers `available` seconds.
    error OracleWindowNotCovered(uint32 requested, uint32 available);

    /// @notice Largest number of observations the ring can hold (slots are addressed with a uint16 index).
    uint256 internal constant MAX_CAPACITY = type(uint16).max;

    /// @dev keccak256("ballast.pool.oracle.observations"): a namespace far from the pool's other storage; the ring
    ///      spans at most 65535 * 4 consecutive slots from here.
    uint256 private constant BASE = 0x52e33fa5eceb10ee9619cad554367a1bbff9f408ecf44fd30550f816d7488ce9;
    uint256 private constant INITIALISED = 1 << 32;
    uint256 private constant LAST = 1 << 33;
    uint256 private constant PLACEHOLDER = 1;
    uint256 private constant CUM_MASK = (1 << 104) - 1;
    uint256 private constant LO = 40;
    uint256 private constant HI = 144;

    // ------------------------------------------------------------------ writes

    /// @notice Writes observation 0 at `time` with zero accumulators (the pool's first liquidity). Slot 0 is the
    ///         ring's last slot unless the ring was grown before.
    function initialize(uint256 words, uint32 time) internal {
        uint256 old = _load(0, words, 0);
        uint256 last = old == 0 ? LAST : old & LAST;
        _store(0, words, 0, uint256(time) | INITIALISED | last);
        for (uint256 w = 1; w < words; ++w) {
            _store(0, words, w, INITIALISED);
        }
    }

    /// @notice Appends the observation at `time`, accumulating `lnPrices` (the prices in force since the previous
    ///         observation) over the elapsed seconds. Returns the index written.
    /// @dev Callers write at most once per timestamp and before the balances of that block change.
    function write(uint256 words, uint256 index, uint32 time, int256[] memory lnPrices) internal returns (uint256 next) {
        uint256 last0 = _load(index, words, 0);
        uint256 flags;
        if (last0 & LAST != 0) {
            // wrap; slot 0 is also the last slot only in a ring of one
            flags = index == 0 ? LAST : 0;
        } else {
            next = index + 1;
            flags = _load(next, words, 0) & LAST; // warms the slot the write below pays for anyway
        }
        uint256 dt;
        unchecked {
            dt = uint32(time - uint32(last0));
        }
        _store(next, words, 0, _advance(last0, lnPrices, 0, dt) | uint256(time) | INITIALISED | flags);
        if (words > 1) _writeTail(words, index, next, lnPrices, dt);
    }

    /// @dev Words 1.. of an observation (pools of 4+ tokens).
    function _writeTail(uint256 words, uint256 index, uint256 next, int256[] memory lnPrices, uint256 dt) private {
        for (uint256 w = 1; w < words; ++w) {
            uint256 word = _advance(_load(index, words, w), lnPrices, w << 1, dt);
            _store(next, words, w, word | INITIALISED);
        }
    }

    /// @dev The word's two cumulatives (prices k and k+1) moved on by dt seconds at the given log prices.
    function _advance(uint256 word, int256[] memory lnPrices, uint256 k, uint256 dt) private pure returns (uint256) {
        unchecked {
            // |ln| < 2^67 and dt < 2^32: no product or sum can overflow int256
            int256 a = _cum(word, LO) + lnPrices[k] * int256(dt);
            int256 b = k + 1 < lnPrices.length ? _cum(word, HI) + lnPrices[k + 1] * int256(dt) : int256(0);
            return _pack(a, b);
        }
    }

    /// @notice `write` for a 2-token pool (one price, one word per observation), without the array: this runs in
    ///         the first swap of every block, so it is kept to two storage accesses and straight-line arithmetic.
    function write1(uint256 index, uint32 time, int256 lnPrice) internal returns (uint256 next) {
        unchecked {
            uint256 slot = BASE + index; // index < 2^16: no overflow
            uint256 last0;
            assembly ("memory-safe") {
                last0 := sload(slot)
            }
            uint256 flags;
            if (last0 & LAST != 0) {
                flags = index == 0 ? LAST : 0;
                slot = BASE;
            } else {
                next = index + 1;
                ++slot;
                uint256 following;
                assembly ("memory-safe") {
                    following := sload(slot)
                }
                flags = following & LAST;
            }
            // C_1 sign-extended from bits 40..143; |ln| < 2^67 and dt < 2^32, so the sum cannot overflow
            int256 cum = (int256(last0 << 112) >> 152) + lnPrice * int256(uint256(uint32(time - uint32(last0))));
            uint256 word = ((uint256(cum) & CUM_MASK) << LO) | uint256(time) | INITIALISED | flags;
            assembly ("memory-safe") {
                sstore(slot, word)
            }
        }
    }

    /// @notice Pre-fills slots [current, next) with placeholders so later writes there cost nonzero -> nonzero,
    ///         and moves the "last" flag from slot current-1 to slot next-1.
    function grow(uint256 words, uint256 current, uint256 next) internal {
        uint256 tail = _load(current - 1, words, 0);
        _store(current - 1, words, 0, tail == 0 ? PLACEHOLDER : tail & ~LAST);
        for (uint256 i = current; i < next; ++i) {
            for (uint256 w; w < words; ++w) {
                if (_load(i, words, w) == 0) _store(i, words, w, PLACEHOLDER);
            }
        }
        _store(next - 1, words, 0, _load(next - 1, words, 0) | LAST);
    }

    // ------------------------------------------------------------------ views

    /// @notice Number of real observations in a ring of `capacity` slots (the first placeholder's position).
    function length(uint256 words, uint256 capacity) internal view returns (uint256) {
        if (capacity == 0 || _isInitialised(_load(capacity - 1, words, 0))) return capacity;
        // slot 0 is initialised (the pool wrote it at its first join), slot capacity-1 is not
        uint256 lo;
        uint256 hi = capacity - 1;
        while (hi - lo > 1) {
            uint256 mid = (lo + hi) >> 1;
            if (_isInitialised(_load(mid, words, 0))) lo = mid;
            else hi = mid;
        }
        return hi;
    }

    /// @notice Where to read: `words` per observation, newest at `index`, `len` observations, read at `time`.
    struct Ring {
        uint256 words;
        uint256 index;
        uint256 len;
        uint32 time;
    }

    /// @notice Age in seconds of the oldest observation.
    function oldestAge(Ring memory r) internal view returns (uint32) {
        return _age(_load(_oldest(r.index, r.len), r.words, 0), r.time);
    }

    /// @notice Reverts unless the ring reaches back `secondsAgo`.
    function requireCovered(Ring memory r, uint32 secondsAgo) internal view {
        uint32 available = oldestAge(r);
        if (secondsAgo > available) revert OracleWindowNotCovered(secondsAgo, available);
    }

    /// @notice Cumulative of price `k` (0-based among the N-1 prices) at `secondsAgo` before `r.time`.
    /// @param lnNow log price in force since the newest observation (from the current balances); it extends the
    ///        newest observation to any time after it, so nothing needs writing for a read.
    function observe(Ring memory r, uint32 secondsAgo, uint256 k, int256 lnNow) internal view returns (int256) {
        uint256 w = k >> 1;
        uint256 off = (k & 1) == 0 ? LO : HI;
        uint32 ageNewest = _age(_load(r.index, r.words, 0), r.time);
        if (secondsAgo <= ageNewest) {
            return _cum(_load(r.index, r.words, w), off) + lnNow * int256(uint256(ageNewest - secondsAgo));
        }
        requireCovered(r, secondsAgo);
        return _interpolate(r, secondsAgo, w, off);
    }

    // ------------------------------------------------------------------ internals

    /// @dev Binary search over the ring in age order (oldest first) for the pair bracketing `secondsAgo`, then a
    ///      linear interpolation: inside one segment the log price was constant, so the cumulative is linear.
    function _interpolate(Ring memory r, uint32 secondsAgo, uint256 w, uint256 off) private view returns (int256) {
        uint256 len = r.len;
        uint256 oldest = _oldest(r.index, len);
        uint256 lo; // logical position, age(lo) >= secondsAgo
        uint256 hi = len - 1; // the newest, age(hi) < secondsAgo
        while (hi - lo > 1) {
            uint256 mid = (lo + hi) >> 1;
            if (_age(_load((oldest + mid) % len, r.words, 0), r.time) >= secondsAgo) lo = mid;
            else hi = mid;
        }
        lo = (oldest + lo) % len;
        hi = (oldest + hi) % len;
        uint32 ageLo = _age(_load(lo, r.words, 0), r.time);
        uint32 ageHi = _age(_load(hi, r.words, 0), r.time);
        int256 cLo = _cum(_load(lo, r.words, w), off);
        int256 cHi = _cum(_load(hi, r.words, w), off);
        return cLo + (cHi - cLo) * int256(uint256(ageLo - secondsAgo)) / int256(uint256(ageLo - ageHi));
    }

    function _oldest(uint256 index, uint256 len) private pure returns (uint256) {
        return index + 1 >= len ? 0 : index + 1;
    }

    function _age(uint256 word0, uint32 time) private pure returns (uint32) {
        unchecked {
            return time - uint32(word0);
        }
    }

    function _isInitialised(uint256 word) private pure returns (bool) {
        return word & INITIALISED != 0;
    }

    function _cum(uint256 word, uint256 off) private pure returns (int256) {
        // sign-extend the 104-bit field
        return int256(uint256(word >> off) << 152) >> 152;
    }

    function _pack(int256 a, int256 b) private pure returns (uint256) {
        return ((uint256(a) & CUM_MASK) << LO) | ((uint256(b) & CUM_MASK) << HI);
    }

    function _load(uint256 index, uint256 words, uint256 w) private view returns (uint256 value) {
        uint256 slot = BASE + index * words + w;
        assembly ("memory-safe") {
            value := sload(slot)
        }
    }

    function _store(uint256 index, uint256 words, uint256 w, uint256 value) private {
        uint256 slot = BASE + index * words + w;
        assembly ("memory-safe") {
            sstore(slot, value)
        }
    }
}
