// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title The caller contract's own balance of a token, read cheaply
/// @notice Shared by WeightedPool (a swap's and a join's pull) and RebalancingVault (around each leg, a deposit's
///         pull): both measure what actually moved by reading their balance before and after a transfer.
library TokenBalance {
    /// @dev token.balanceOf(address(this)) as the compiler's call does it (a revert's data bubbled, a return shorter
    ///      than 32 bytes refused with empty revert data, so an address without code fails) without its ABI encoder
    ///      and decoder: the scratch space holds the call.
    function ofSelf(address token) internal view returns (uint256 amount) {
        assembly ("memory-safe") {
            mstore(0x00, 0x70a08231) // balanceOf(address)
            mstore(0x20, address())
            let ok := staticcall(gas(), token, 0x1c, 0x24, 0x00, 0x20)
            if iszero(and(ok, gt(returndatasize(), 0x1f))) {
                // a short answer reverts empty, as the compiler's call does: bubbling its bytes would let a token
                // pass off up to 31 bytes of its own as the caller's error
                if ok { revert(0x00, 0x00) }
                returndatacopy(0x00, 0x00, returndatasize())
                revert(0x00, returndatasize())
            }
            amount := mload(0x00)
        }
    }
}
