// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title Packed pool balances
/// @notice A pool keeps its raw token balances (each token's own decimals) two per storage word, 104 bits each. Each
///         word also carries the last observation time and ring index of its oracle ring (the 2-token pool's one
///         ring in word 0; a 3+ token pool's ring of that word's two tokens), so a swap in a block that already has
///         its observations reads and writes only the balance words it changes:
///           word k:   bits 0..103 balance 2k | 104..207 balance 2k+1 | 208..239 last observation time | 240..255 index
/// @dev 2^104 - 1 raw units is about 2.03e13 whole tokens at 18 decimals, far above any pool we expect; a balance
///      beyond it is refused (BalanceOverflow) rather than truncated.
library PoolBalances {
    /// @notice A balance would not fit in its 104-bit field.
    error BalanceOverflow(uint256 tokenIndex, uint256 balance);

    uint256 internal constant MAX_BALANCE = (1 << 104) - 1;
    uint256 private constant BITS = 104;
    uint256 private constant TIME_SHIFT = 208;
    uint256 private constant INDEX_SHIFT = 240;
    uint256 private constant ORACLE_MASK = ~uint256(0) << TIME_SHIFT;

    /// @notice Balance in position `pos` (0 or 1) of a word.
    function get(uint256 word, uint256 pos) internal pure returns (uint256) {
        unchecked {
            // pos is 0 or 1: no overflow
            return (word >> (pos * BITS)) & MAX_BALANCE;
        }
    }

    /// @notice `word` with position `pos` replaced by `balance`; `tokenIndex` only names the failure.
    function set(uint256 word, uint256 pos, uint256 balance, uint256 tokenIndex) internal pure returns (uint256) {
        if (balance > MAX_BALANCE) revert BalanceOverflow(tokenIndex, balance);
        unchecked {
            uint256 shift = pos * BITS; // pos is 0 or 1: no overflow
            return (word & ~(MAX_BALANCE << shift)) | (balance << shift);
        }
    }

    /// @notice Time of the last oracle observation (uint32, wrapping).
    function observationTime(uint256 word0) internal pure returns (uint32) {
        return uint32(word0 >> TIME_SHIFT);
    }

    /// @notice Ring index of the last oracle observation.
    function observationIndex(uint256 word0) internal pure returns (uint256) {
        return word0 >> INDEX_SHIFT;
    }

    /// @notice `word0` with the oracle fields replaced.
    function withObservation(uint256 word0, uint32 time, uint256 index) internal pure returns (uint256) {
        return (word0 & ~ORACLE_MASK) | (uint256(time) << TIME_SHIFT) | (index << INDEX_SHIFT);
    }
}
