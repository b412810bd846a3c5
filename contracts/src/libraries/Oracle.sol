// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title Observation ring buffers of time-weighted logs
/// @notice Two layouts:
///         - COMPACT (2-token pools): one ring of C_1 += ln(P_1) * dt, P_1 the price of token 1 in token 0; two
///           observations per storage slot, 128 bits each:
///             bits 0..31 timestamp | bit 32 initialised | bit 33 last slot | bit 34 SECOND | bits 35..127 C_1
///             (int93, ln in 1e-12 units: 1.3 million years of headroom at any representable price, 1e-12
///             resolution).
///           A new block's write then touches the slot it reads half of the time (5,000 gas instead of 7,100).
///         - Group rings (3..8 tokens): the pool's balances sit two per storage word, and each word ("group" g,
///           tokens 2g and 2g+1) has its own ring of A_t += ln(B_t) * dt, the time-integrated log balance of each of
///           its tokens, one observation per slot:
///             bits 0..31 timestamp | bit 32 initialised | bit 33 last slot | bit 34 SECOND | 40..143 A_2g |
///             144..247 A_2g+1 (int104, wad-seconds)
///           ln P_k = ln B_0 - ln B_k + ln(s_0 w_k / (s_k w_0)) (s the decimal scales, w the weights), so a price's
///           cumulative is A_0 - A_k plus a constant times t. A trade moves only the balances of the tokens it
///           touches, so it writes only their groups' rings (one or two slots), however many tokens the pool has;
///           a group's last write time and ring index live in the spare bits of its balance word.
///         Every slot is kept nonzero (the initialised bit), and growth pre-fills new slots with a placeholder, so a
///         regular write is always nonzero -> nonzero.
///
///         Observations are kept at most two per BUCKET seconds of block time, whatever the trade frequency: the
///         first write of a bucket appends an observation, the second appends one flagged SECOND, and every later
///         write in that bucket overwrites the SECOND one in place (its cumulative carried on from the value it
///         replaces, so it stays exact at its own time). A ring of c slots therefore always reaches back at least
///         (ceil(c / 2) - 2) * BUCKET seconds once full: a dust swap in every block cannot shrink the history a
///         window needs (availability), it can only spend the caller's gas.
///         Accuracy: between two neighbouring observations the logs were constant (exact interpolation) unless
///         both are the FIRST and SECOND of one bucket with writes between them; only there, over less than BUCKET
///         seconds, the reader interpolates linearly, so a window whose start falls in such a stretch is off by at
///         most BUCKET / window of the log-price range inside that bucket. Windows ending now are exact at the end.
/// @dev The write path needs no stored length: the caller keeps the newest index (packed with its balances) and
///      the ring's last slot carries a "last" flag, so a write reads only the newest observation and the slot it
///      overwrites. Placeholders only ever sit at the end of the used region, so the number of real observations
///      is the position of the first placeholder (or the capacity), which the views find by binary search. A
///      TWAP read rarely needs it: slots 0..index always hold the newest observations in time order, and the
///      two-per-bucket rule bounds how far back from the newest a window's start can lie, so the search starts there
///      (see _seed and _bracket: two to four slot reads on a busy ring instead of a bisection of the whole ring).
///      Reads return cumulatives in wad-seconds in both layouts. Timestamps are uint32 and compared as ages
///      (now - t, wrapping), like Uniswap v3. At the most extreme representable log (|ln| < 120) the wad
///      accumulators last more than 2,600 years.
library Oracle {
    /// @notice The ring does not reach back `requested` seconds; it covers `available` seconds.
    error OracleWindowNotCovered(uint32 requested, uint32 available);

    /// @dev keccak256("ballast.pool.oracle.observations"): a namespace far from the pool's other storage. Group ring g
    ///      starts 2^16 slots after ring g - 1 (a ring holds at most 65535 observations: the capacity is a uint16);
    ///      the COMPACT ring starts here.
    uint256 private constant BASE = 0x52e33fa5eceb10ee9619cad554367a1bbff9f408ecf44fd30550f816d7488ce9;
    uint256 private constant INITIALISED = 1 << 32;
    uint256 private constant LAST = 1 << 33;
    /// @dev The observation is the second of its bucket: later writes in that bucket overwrite it.
    uint256 private constant SECOND = 1 << 34;
    /// @notice Seconds of block time per bucket; at most two observations are appended per bucket.
    uint32 internal constant BUCKET = 30;
    uint256 private constant PLACEHOLDER = 1;
    uint256 private constant CUM_MASK = (1 << 104) - 1;
    uint256 private constant LO = 40;
    uint256 private constant HI = 144;

    /// @notice `ring` value selecting the 2-token layout (two observations per slot); group rings are 0..3.
    uint256 internal constant COMPACT = type(uint256).max;
    uint256 private constant HALF_MASK = (1 << 128) - 1;
    uint256 private constant COMPACT_MASK = (1 << 93) - 1;
    /// @dev wad ln / PICO = ln in 1e-12 units.
    int256 private constant PICO = 1e6;

    // ------------------------------------------------------------------ writes

    /// @notice Writes observation 0 of `ring` at `time` with zero accumulators (the pool's first liquidity). Slot 0
    ///         is the ring's last slot unless the ring was grown before.
    function initialize(uint256 ring, uint32 time) internal {
        uint256 old = _head(ring, 0);
        _set(ring, 0, uint256(time) | INITIALISED | (old == 0 ? LAST : old & LAST));
    }

    /// @notice Appends (or, third in a bucket, carries on) group ring `ring`'s observation at `time`, accumulating
    ///         `lnA` and `lnB` (the wad logs of its two balances, in force since the previous observation) over the
    ///         elapsed seconds. Returns the index written.
    /// @dev Callers write at most once per timestamp and before the balances of that block change.
    function write(uint256 ring, uint256 index, uint32 time, int256 lnA, int256 lnB) internal returns (uint256 next) {
        unchecked {
            // ring < 4 and index < 2^16: the slot arithmetic cannot overflow
            uint256 slot = BASE + (ring << 16) + index;
            uint256 last0;
            assembly ("memory-safe") {
                last0 := sload(slot)
            }
            uint256 flags;
            bool sameBucket = time / BUCKET == uint32(last0) / BUCKET;
            if (sameBucket && last0 & SECOND != 0) {
                // third or later write of the bucket: carry the SECOND observation on, in place
                next = index;
                flags = last0 & LAST;
            } else if (last0 & LAST != 0) {
                // wrap to slot 0; slot 0 is also the last slot only in a ring of one
                slot -= index;
                flags = index == 0 ? LAST : 0;
            } else {
                next = index + 1;
                ++slot;
                assembly ("memory-safe") {
                    flags := and(sload(slot), LAST) // warms the slot the write below pays for anyway
                }
            }
            if (sameBucket) flags |= SECOND;
            // |ln| < 2^67 and dt < 2^32: no product or sum can overflow int256
            int256 dt = int256(uint256(uint32(time - uint32(last0))));
            uint256 word = _pack(_cum(last0, LO) + lnA * dt, _cum(last0, HI) + lnB * dt) | uint256(time) | INITIALISED
                | flags;
            assembly ("memory-safe") {
                sstore(slot, word)
            }
        }
    }

    /// @notice `write` for the COMPACT layout (2-token pools, one price, no array): this runs in the first swap
    ///         of every block, so it is kept to one or two slots and straight-line arithmetic.
    function writeCompact(uint256 index, uint32 time, int256 lnPrice) internal returns (uint256 next) {
        assembly ("memory-safe") {
            // index < 2^16: no overflow anywhere below
            let slot := add(BASE, shr(1, index))
            let word := sload(slot)
            let last := and(shr(shl(7, and(index, 1)), word), HALF_MASK)
            let lastTime := and(last, 0xffffffff)
            let sameBucket := eq(div(time, BUCKET), div(lastTime, BUCKET))
            // third or later write of a bucket: the SECOND observation is carried on in place
            let inPlace := and(sameBucket, iszero(iszero(and(last, SECOND))))
            let wraps := and(iszero(inPlace), iszero(iszero(and(last, LAST))))
            next := add(index, iszero(or(inPlace, wraps))) // 0 below when wrapping
            if wraps { next := 0 }
            let nextSlot := add(BASE, shr(1, next))
            if iszero(eq(nextSlot, slot)) { word := sload(nextSlot) }
            let shift := shl(7, and(next, 1))
            // the last flag stays with its position; when wrapping, slot 0 is the last only in a ring of one
            let flags := and(shr(shift, word), LAST)
            if wraps { flags := mul(iszero(index), LAST) }
            flags := or(flags, mul(sameBucket, SECOND))
            // C_1 sign-extended from bits 35..127; |ln / PICO| < 2^47 and dt < 2^32: no overflow
            let cum := add(sar(163, shl(128, last)), mul(sdiv(lnPrice, PICO), and(sub(time, lastTime), 0xffffffff)))
            let half := or(or(shl(35, and(cum, COMPACT_MASK)), time), or(INITIALISED, flags))
            sstore(nextSlot, or(and(word, not(shl(shift, HALF_MASK))), shl(shift, half)))
        }
    }

    /// @notice Pre-fills slots [current, next) of `ring` with placeholders so later writes there cost nonzero ->
    ///         nonzero, and moves the "last" flag from slot current-1 to slot next-1.
    function grow(uint256 ring, uint256 current, uint256 next) internal {
        uint256 tail = _head(ring, current - 1);
        _set(ring, current - 1, tail == 0 ? PLACEHOLDER : tail & ~LAST);
        for (uint256 i = current; i < next; ++i) {
            if (_head(ring, i) == 0) _set(ring, i, PLACEHOLDER);
        }
        _set(ring, next - 1, _head(ring, next - 1) | LAST);
    }

    // ------------------------------------------------------------------ views

    /// @notice Number of real observations in a ring of `capacity` slots whose newest is at `index` (the first
    ///         placeholder's position): one or two reads unless the ring was grown while wrapped.
    function length(uint256 ring, uint256 capacity, uint256 index) internal view returns (uint256) {
        // the newest sits in the last slot, or is followed by a placeholder (not wrapped yet): one read at most
        if (index + 1 >= capacity) return capacity;
        if (!_isInitialised(_head(ring, index + 1))) return index + 1;
        // wrapped: older observations follow the newest up to the first placeholder (only after growth) or the end
        if (_isInitialised(_head(ring, capacity - 1))) return capacity;
        uint256 lo = index + 1;
        uint256 hi = capacity - 1;
        while (hi - lo > 1) {
            uint256 mid = (lo + hi) >> 1;
            if (_isInitialised(_head(ring, mid))) lo = mid;
            else hi = mid;
        }
        return hi;
    }

    /// @notice Where to read: ring `ring` (COMPACT or a group), newest at `index`, read at `time`. The number of
    ///         slots pre-filled is in the caller's storage slot `capacitySlot`, read only when a search needs the
    ///         ring's length (rarely: see _seed), so a read of a busy ring skips that cold slot.
    struct Ring {
        uint256 ring;
        uint256 index;
        uint256 capacitySlot;
        uint32 time;
    }

    /// @notice Age in seconds of the oldest observation.
    function oldestAge(Ring memory r) internal view returns (uint32) {
        return _age(_head(r.ring, _oldest(r.index, _length(r))), r.time);
    }

    /// @notice Reverts unless the ring reaches back `secondsAgo`.
    function requireCovered(Ring memory r, uint32 secondsAgo) internal view {
        uint32 ageNewest = _age(_head(r.ring, r.index), r.time);
        if (secondsAgo > ageNewest) _seed(r, secondsAgo, ageNewest);
    }

    /// @notice Cumulative `k` of the ring (COMPACT: 0, the price; group: 0 or 1, its first or second token) at
    ///         `secondsAgo` before `r.time`.
    /// @param lnNow log in force since the newest observation (from the current balances); it extends the newest
    ///        observation to any time after it, so nothing needs writing for a read.
    function observe(Ring memory r, uint32 secondsAgo, uint256 k, int256 lnNow) internal view returns (int256) {
        uint32 ageNewest = _age(_head(r.ring, r.index), r.time);
        // extend at the stored resolution, so writing the observation later changes no reading
        if (r.ring == COMPACT) lnNow = (lnNow / PICO) * PICO;
        uint256 lo = r.index;
        uint256 hi;
        if (secondsAgo > ageNewest) (lo, hi) = _bracket(r, secondsAgo, ageNewest);
        return _then(r, lo, hi, secondsAgo, ageNewest, k, lnNow);
    }

    /// @notice `observe(r, 0, k, ln_k) - observe(r, secondsAgo, k, ln_k)` for k 0 (with `lnA`, when bit 0 of `which`
    ///         is set) and k 1 (with `lnB`, bit 1; group rings only), bit for bit, from one search for the observation
    ///         at `secondsAgo`: a group ring's two tokens share it. An unset one is 0. Reverts like observe.
    function observeDeltas(Ring memory r, uint32 secondsAgo, int256 lnA, int256 lnB, uint256 which)
        internal
        view
        returns (int256 dA, int256 dB)
    {
        uint32 ageNewest = _age(_head(r.ring, r.index), r.time);
        // extend at the stored resolution, so writing the observation later changes no reading
        if (r.ring == COMPACT) lnA = (lnA / PICO) * PICO;
        uint256 lo = r.index;
        uint256 hi;
        if (secondsAgo > ageNewest) (lo, hi) = _bracket(r, secondsAgo, ageNewest);
        if (which & 1 != 0) dA = _nowCum(r, 0, lnA, ageNewest) - _then(r, lo, hi, secondsAgo, ageNewest, 0, lnA);
        if (which & 2 != 0) dB = _nowCum(r, 1, lnB, ageNewest) - _then(r, lo, hi, secondsAgo, ageNewest, 1, lnB);
    }

    // ------------------------------------------------------------------ internals

    /// @dev Where the search for `secondsAgo` (older than the newest observation) starts, or OracleWindowNotCovered.
    ///      The ring keeps at most two observations per bucket, so the newest one at least `secondsAgo` old is at
    ///      most `back` positions behind the newest: a busy ring's search starts next to its target, and one
    ///      read there usually settles coverage without the ring's length. Positions are logical (0 the oldest of
    ///      `len`, physical slot (oldest + p) % len); `lo` is at least `secondsAgo` old, `hi` (the newest here)
    ///      younger. The bound only speeds the search up: when the seed is too young (it cannot be, by the bucket
    ///      rule) or the target lies in the older lap of a wrapped ring, the search takes the whole older part.
    function _seed(Ring memory r, uint32 secondsAgo, uint32 ageNewest)
        private
        view
        returns (uint256 oldest, uint256 len, uint256 lo, uint32 ageLo, uint256 hi, uint32 ageHi)
    {
        unchecked {
            // slots 0..index hold the newest index + 1 observations in time order: no length needed there
            uint256 back = 2 * (uint256(secondsAgo - ageNewest) / BUCKET + 3);
            len = r.index + 1;
            (hi, ageHi) = (r.index, ageNewest);
            if (r.index > back) lo = r.index - back;
            ageLo = _age(_head(r.ring, lo), r.time);
            if (ageLo >= secondsAgo) return (0, len, lo, ageLo, hi, ageHi);
            // the target is older than slot `lo`: search from the oldest observation (logical 0) to that slot
            len = _length(r);
            oldest = _oldest(r.index, len);
            (hi, ageHi) = ((lo + len - oldest) % len, ageLo);
            lo = 0;
            ageLo = _age(_head(r.ring, oldest), r.time);
            if (secondsAgo > ageLo) revert OracleWindowNotCovered(secondsAgo, ageLo);
        }
    }

    /// @dev observe(r, 0, k, ln) (ln already at the stored resolution).
    function _nowCum(Ring memory r, uint256 k, int256 ln, uint32 ageNewest) private view returns (int256) {
        return _cumAt(r.ring, r.index, k) + ln * int256(uint256(ageNewest));
    }

    /// @dev observe(r, secondsAgo, k, ln): from the newest (slot `lo`) when secondsAgo is within its age, else
    ///      between the bracketing slots `lo` and `hi`.
    function _then(Ring memory r, uint256 lo, uint256 hi, uint32 secondsAgo, uint32 ageNewest, uint256 k, int256 ln)
        private
        view
        returns (int256)
    {
        if (secondsAgo <= ageNewest) return _cumAt(r.ring, lo, k) + ln * int256(uint256(ageNewest - secondsAgo));
        return _between(r, lo, hi, secondsAgo, k);
    }

    /// @dev The cumulative at `secondsAgo`, interpolated linearly between the bracketing slots `lo` and `hi` (from
    ///      _bracket): inside one segment the log price was constant, so the cumulative is linear.
    function _between(Ring memory r, uint256 lo, uint256 hi, uint32 secondsAgo, uint256 k) private view returns (int256) {
        uint32 ageLo = _age(_head(r.ring, lo), r.time);
        uint32 ageHi = _age(_head(r.ring, hi), r.time);
        int256 cLo = _cumAt(r.ring, lo, k);
        int256 cHi = _cumAt(r.ring, hi, k);
        return cLo + (cHi - cLo) * int256(uint256(ageLo - secondsAgo)) / int256(uint256(ageLo - ageHi));
    }

    /// @dev Slots of the neighbouring observations at least and less than `secondsAgo` old. The pair is unique
    ///      (timestamps strictly increase), so any search gives the same answer as a bisection. This one probes where
    ///      the ages put the target (exact for evenly spaced observations): two interpolation probes, then two
    ///      bisection steps, and so on, so the worst case stays logarithmic (at most about 2 log2(n) reads) while a
    ///      busy ring's bracket is found by the first two probes.
    function _bracket(Ring memory r, uint32 secondsAgo, uint32 ageNewest) private view returns (uint256, uint256) {
        (uint256 oldest, uint256 len, uint256 lo, uint32 ageLo, uint256 hi, uint32 ageHi) = _seed(r, secondsAgo, ageNewest);
        unchecked {
            uint256 step;
            while (hi - lo > 1) {
                // ageHi < secondsAgo <= ageLo: the estimate falls in [lo, hi); ages fit in 32 bits, positions in 16
                uint256 p = step & 2 != 0 ? (lo + hi) >> 1 : lo + (hi - lo) * (ageLo - secondsAgo) / (ageLo - ageHi);
                if (p == lo) p = lo + 1;
                uint32 a = _age(_head(r.ring, (oldest + p) % len), r.time);
                if (a >= secondsAgo) (lo, ageLo) = (p, a);
                else (hi, ageHi) = (p, a);
                ++step;
            }
            return ((oldest + lo) % len, (oldest + hi) % len);
        }
    }

    function _length(Ring memory r) private view returns (uint256) {
        uint256 slot = r.capacitySlot;
        uint256 capacity;
        assembly ("memory-safe") {
            capacity := sload(slot)
        }
        return length(r.ring, capacity, r.index);
    }

    /// @dev Age of the observation at logical position `p`.
    function _ageAt(Ring memory r, uint256 oldest, uint256 len, uint256 p) private view returns (uint32) {
        unchecked {
            return _age(_head(r.ring, (oldest + p) % len), r.time);
        }
    }

    /// @dev Observation `index` (timestamp and flags in the low 35 bits in both layouts).
    function _head(uint256 ring, uint256 index) private view returns (uint256) {
        return ring == COMPACT ? _half(index) : _load(ring, index);
    }

    /// @dev Cumulative k at observation `index`, in wad-seconds.
    function _cumAt(uint256 ring, uint256 index, uint256 k) private view returns (int256) {
        if (ring == COMPACT) return (int256(_half(index) << 128) >> 163) * PICO;
        return _cum(_load(ring, index), k == 0 ? LO : HI);
    }

    /// @dev Writes observation `index` whole (the low 35 bits and the cumulatives) in either layout.
    function _set(uint256 ring, uint256 index, uint256 value) private {
        if (ring == COMPACT) _setHalf(index, value);
        else _store(ring, index, value);
    }

    function _half(uint256 index) private view returns (uint256) {
        uint256 slot = BASE + (index >> 1);
        uint256 word;
        assembly ("memory-safe") {
            word := sload(slot)
        }
        return (word >> ((index & 1) << 7)) & HALF_MASK;
    }

    function _setHalf(uint256 index, uint256 half) private {
        uint256 slot = BASE + (index >> 1);
        uint256 shift = (index & 1) << 7;
        assembly ("memory-safe") {
            sstore(slot, or(and(sload(slot), not(shl(shift, HALF_MASK))), shl(shift, half)))
        }
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

    function _load(uint256 ring, uint256 index) private view returns (uint256 value) {
        uint256 slot = BASE + (ring << 16) + index;
        assembly ("memory-safe") {
            value := sload(slot)
        }
    }

    function _store(uint256 ring, uint256 index, uint256 value) private {
        uint256 slot = BASE + (ring << 16) + index;
        assembly ("memory-safe") {
            sstore(slot, value)
        }
    }
}
