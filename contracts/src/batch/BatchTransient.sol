// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IRebalancingVault} from "../interfaces/IRebalancingVault.sol";

/// @title Transient (EIP-1153) working set of one BatchRebalancer batch
/// @notice The batch runs nested (each crossing leg continues the batch from inside the vault's swap call), so its
///         state cannot live in memory: it lives in transient storage, gone at the end of the transaction and rolled
///         back with any frame that reverts (a vault whose rebalance reverts takes its fills and everything nested
///         inside it back with it). Slots are derived from named seeds so they cannot collide with each other.
library BatchTransient {
    bytes32 private constant ORDERS = keccak256("ballast.batch.orders");
    bytes32 private constant FILLS = keccak256("ballast.batch.fills");
    bytes32 private constant LIVE = keccak256("ballast.batch.live");
    bytes32 private constant LISTED = keccak256("ballast.batch.listed");
    bytes32 private constant HELD = keccak256("ballast.batch.held");
    bytes32 private constant OK = keccak256("ballast.batch.ok");
    bytes32 private constant TWAPS = keccak256("ballast.batch.twaps");

    /// @notice A pushed leg. Stored: recipient, tokenIn, tokenOut, amountIn, vault, minOut, then paid (by the
    ///         clearing); the prices (memory only) are the pair's crossing prices, read once per pair at the clearing
    ///         and only for a pair traded both ways.
    struct Fill {
        address recipient;
        address tokenIn;
        address tokenOut;
        uint256 amountIn;
        address vault; // the vault that pushed it (the caller of swapExactIn)
        uint256 minOut;
        uint256 paid;
        uint256 priceIn;
        uint256 priceOut;
    }

    function load(bytes32 slot) internal view returns (uint256 v) {
        assembly ("memory-safe") {
            v := tload(slot)
        }
    }

    function store(bytes32 slot, uint256 v) internal {
        assembly ("memory-safe") {
            tstore(slot, v)
        }
    }

    function keyed(bytes32 seed, address key) private pure returns (bytes32 slot) {
        assembly ("memory-safe") {
            mstore(0x00, seed)
            mstore(0x20, and(key, 0xffffffffffffffffffffffffffffffffffffffff))
            slot := keccak256(0x00, 0x40)
        }
    }

    function slotAt(bytes32 seed, uint256 index) private pure returns (bytes32 slot) {
        assembly ("memory-safe") {
            mstore(0x00, seed)
            mstore(0x20, index)
            slot := keccak256(0x00, 0x40)
        }
    }

    // ---------------------------------------------------------------- per-vault flags

    /// @notice True while `vault`'s rebalance call is on the stack: only then may it swap through the batch.
    function isLive(address vault) internal view returns (bool) {
        return load(keyed(LIVE, vault)) != 0;
    }

    function setLive(address vault, bool live) internal {
        store(keyed(LIVE, vault), live ? 1 : 0);
    }

    /// @notice Marks `vault` as listed in this batch; false when it already was.
    function list(address vault) internal returns (bool fresh) {
        bytes32 slot = keyed(LISTED, vault);
        fresh = load(slot) == 0;
        store(slot, 1);
    }

    function unlist(address vault) internal {
        store(keyed(LISTED, vault), 0);
    }

    /// @notice Input of `token` the batch has been pushed and not yet paid out or sent on.
    function held(address token) internal view returns (uint256) {
        return load(keyed(HELD, token));
    }

    function setHeld(address token, uint256 amount) internal {
        store(keyed(HELD, token), amount);
    }

    // ---------------------------------------------------------------- venue TWAPs shared by the batch's vaults

    /// @notice The word BatchRebalancer keeps for the venue TWAP of `base` in `quote` (see its twapPrice); the spot's
    ///         is the next slot.
    function twapMemo(address base, address quote) internal view returns (uint256) {
        return load(pairSlot(base, quote));
    }

    function setTwapMemo(address base, address quote, uint256 word) internal {
        store(pairSlot(base, quote), word);
    }

    /// @notice The word BatchRebalancer keeps for the venue spot of `base` in `quote` (see its spotPrice).
    function spotMemo(address base, address quote) internal view returns (uint256) {
        return load(bytes32(uint256(pairSlot(base, quote)) + 1));
    }

    function setSpotMemo(address base, address quote, uint256 word) internal {
        store(bytes32(uint256(pairSlot(base, quote)) + 1), word);
    }

    function pairSlot(address base, address quote) private pure returns (bytes32 slot) {
        bytes32 seed = TWAPS;
        assembly ("memory-safe") {
            let m := mload(0x40) // scratch past the free pointer: three words
            mstore(m, seed)
            mstore(add(m, 0x20), and(base, 0xffffffffffffffffffffffffffffffffffffffff))
            mstore(add(m, 0x40), and(quote, 0xffffffffffffffffffffffffffffffffffffffff))
            slot := keccak256(m, 0x60)
        }
    }

    // ---------------------------------------------------------------- orders: vault and the legs to send it

    /// @notice Keeps order `i`: its vault, then its legs as ABI words straight from calldata (a Leg is four static
    ///         words), so the nested frames that run it can rebuild `rebalance(legs)` without the caller's calldata.
    /// @dev No ABI validation here: the vault's own decoder checks what it is sent and reverts (reported per vault).
    function storeOrder(uint256 i, address vault, uint256 legsOffset, uint256 legCount) internal {
        bytes32 base = slotAt(ORDERS, i);
        assembly ("memory-safe") {
            tstore(base, vault)
            tstore(add(base, 1), legCount)
            let words := shl(2, legCount)
            for { let w := 0 } lt(w, words) { w := add(w, 1) } {
                tstore(add(base, add(2, w)), calldataload(add(legsOffset, shl(5, w))))
            }
        }
    }

    /// @notice Order `i`'s vault and the call to send it: `rebalance(legs)`, ABI-encoded.
    function loadOrder(uint256 i) internal view returns (address vault, bytes memory data) {
        bytes32 base = slotAt(ORDERS, i);
        bytes4 selector = IRebalancingVault.rebalance.selector;
        assembly ("memory-safe") {
            vault := tload(base)
            let count := tload(add(base, 1))
            let words := shl(2, count)
            let len := add(68, shl(5, words)) // selector, offset, length, 4 words a leg
            data := mload(0x40)
            mstore(data, len)
            let p := add(data, 0x20)
            mstore(p, selector)
            mstore(add(p, 4), 0x20)
            mstore(add(p, 36), count)
            for { let w := 0 } lt(w, words) { w := add(w, 1) } {
                mstore(add(add(p, 68), shl(5, w)), tload(add(base, add(2, w))))
            }
            mstore(0x40, and(add(add(p, len), 31), not(31)))
        }
    }

    /// @notice Whether order `i` rebalanced (rewritten when a revert rolls it back and the order runs again).
    function setOk(uint256 i, bool ok) internal {
        store(slotAt(OK, i), ok ? 1 : 0);
    }

    function isOk(uint256 i) internal view returns (bool) {
        return load(slotAt(OK, i)) != 0;
    }

    // ---------------------------------------------------------------- fills

    /// @notice Keeps fill `k` as pushed. Its `paid` slot is not written here: only the clearing, which always runs
    ///         before a fill's swap call returns, writes it (`storePaid`) and only then is it read (`loadPaid`).
    function storeFill(
        uint256 k,
        address recipient,
        address tokenIn,
        address tokenOut,
        uint256 amountIn,
        address vault,
        uint256 minOut
    ) internal {
        uint256 b = uint256(slotAt(FILLS, k));
        assembly ("memory-safe") {
            tstore(b, recipient)
            tstore(add(b, 1), tokenIn)
            tstore(add(b, 2), tokenOut)
            tstore(add(b, 3), amountIn)
            tstore(add(b, 4), vault)
            tstore(add(b, 5), minOut)
        }
    }

    /// @notice Fills 0..n-1 in one memory array, `paid` and prices zero. Built in one allocation (pointer words, then the
    ///         structs): `new Fill[](n)` would first allocate n zeroed structs only to replace each one.
    function loadFills(uint256 n) internal view returns (Fill[] memory f) {
        bytes32 seed = FILLS;
        assembly ("memory-safe") {
            f := mload(0x40)
            mstore(f, n)
            let s := add(f, shl(5, add(n, 1)))
            mstore(0x40, add(s, mul(n, 0x120))) // 9 words a Fill
            for { let k := 0 } lt(k, n) { k := add(k, 1) } {
                mstore(add(f, shl(5, add(k, 1))), s)
                mstore(0x00, seed)
                mstore(0x20, k)
                let b := keccak256(0x00, 0x40)
                mstore(s, tload(b)) // recipient
                mstore(add(s, 0x20), tload(add(b, 1))) // tokenIn
                mstore(add(s, 0x40), tload(add(b, 2))) // tokenOut
                mstore(add(s, 0x60), tload(add(b, 3))) // amountIn
                mstore(add(s, 0x80), tload(add(b, 4))) // vault
                mstore(add(s, 0xa0), tload(add(b, 5))) // minOut
                mstore(add(s, 0xc0), 0) // paid
                mstore(add(s, 0xe0), 0) // priceIn
                mstore(add(s, 0x100), 0) // priceOut
                s := add(s, 0x120)
            }
        }
    }

    function storePaid(uint256 k, uint256 paid) internal {
        store(bytes32(uint256(slotAt(FILLS, k)) + 6), paid);
    }

    function loadPaid(uint256 k) internal view returns (uint256) {
        return load(bytes32(uint256(slotAt(FILLS, k)) + 6));
    }
}
