// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

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

    /// @notice A pushed leg. Stored: recipient, tokenIn, tokenOut, amountIn, router, minOut, paid; the prices are
    ///         read from `router` at the clearing, and only for legs that may cross (memory only).
    struct Fill {
        address recipient;
        address tokenIn;
        address tokenOut;
        uint256 amountIn;
        address router; // the pushing vault's own price router
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

    function keyed(bytes32 seed, address key) private pure returns (bytes32) {
        return keccak256(abi.encode(seed, key));
    }

    function slotAt(bytes32 seed, uint256 index) private pure returns (bytes32) {
        return keccak256(abi.encode(seed, index));
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

    // ---------------------------------------------------------------- orders: vault and the rebalance call to send it

    function storeOrder(uint256 i, address vault, bytes memory data) internal {
        bytes32 base = slotAt(ORDERS, i);
        store(base, uint256(uint160(vault)));
        uint256 len = data.length;
        store(bytes32(uint256(base) + 1), len);
        for (uint256 w; w * 32 < len; ++w) {
            uint256 word;
            assembly ("memory-safe") {
                word := mload(add(add(data, 0x20), mul(w, 0x20)))
            }
            store(bytes32(uint256(base) + 2 + w), word);
        }
    }

    function loadOrder(uint256 i) internal view returns (address vault, bytes memory data) {
        bytes32 base = slotAt(ORDERS, i);
        vault = address(uint160(load(base)));
        uint256 len = load(bytes32(uint256(base) + 1));
        data = new bytes(len);
        for (uint256 w; w * 32 < len; ++w) {
            uint256 word = load(bytes32(uint256(base) + 2 + w));
            assembly ("memory-safe") {
                mstore(add(add(data, 0x20), mul(w, 0x20)), word)
            }
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

    function storeFill(uint256 k, Fill memory f) internal {
        bytes32 base = slotAt(FILLS, k);
        uint256 b = uint256(base);
        store(bytes32(b), uint256(uint160(f.recipient)));
        store(bytes32(b + 1), uint256(uint160(f.tokenIn)));
        store(bytes32(b + 2), uint256(uint160(f.tokenOut)));
        store(bytes32(b + 3), f.amountIn);
        store(bytes32(b + 4), uint256(uint160(f.router)));
        store(bytes32(b + 5), f.minOut);
        store(bytes32(b + 6), f.paid);
    }

    function loadFill(uint256 k) internal view returns (Fill memory f) {
        uint256 b = uint256(slotAt(FILLS, k));
        f.recipient = address(uint160(load(bytes32(b))));
        f.tokenIn = address(uint160(load(bytes32(b + 1))));
        f.tokenOut = address(uint160(load(bytes32(b + 2))));
        f.amountIn = load(bytes32(b + 3));
        f.router = address(uint160(load(bytes32(b + 4))));
        f.minOut = load(bytes32(b + 5));
        f.paid = load(bytes32(b + 6));
    }

    function storePaid(uint256 k, uint256 paid) internal {
        store(bytes32(uint256(slotAt(FILLS, k)) + 6), paid);
    }

    function loadPaid(uint256 k) internal view returns (uint256) {
        return load(bytes32(uint256(slotAt(FILLS, k)) + 6));
    }
}
