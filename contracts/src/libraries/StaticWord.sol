// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title One word from a static call that cannot revert its caller
/// @notice BatchRebalancer reads routers, venues and listed vaults this way during a batch: nothing a listed contract
///         returns (a revert, a short answer) can revert the clearing or the batch, which would fail every vault.
///         VenuePayee reads a venue's payee this way.
library StaticWord {
    /// @dev `ok` when the call succeeded and answered at least a word; `word` its first word, 0 otherwise.
    function read(address target, bytes memory data) internal view returns (bool ok, uint256 word) {
        assembly ("memory-safe") {
            ok := staticcall(gas(), target, add(data, 0x20), mload(data), 0x00, 0x20)
            ok := and(ok, gt(returndatasize(), 0x1f))
            word := mul(ok, mload(0x00))
        }
    }
}
