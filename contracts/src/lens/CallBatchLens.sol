// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title Multicall3's aggregate3, as an undeployed constructor
/// @notice For chains without Multicall3 at its canonical address: the keeper sends this contract's creation code
///         plus the encoded calls as an eth_call without `to`, and gets back exactly what aggregate3 would return
///         (`Result[]`), so one decoder serves both routes and every call sees the same block. The result is sent as
///         revert data (it starts with the word 0x20, unlike any error): returned bytes would be subject to the
///         24,576-byte code size limit.
contract CallBatchLens {
    struct Call3 {
        address target;
        bool allowFailure;
        bytes callData;
    }

    struct Result {
        bool success;
        bytes returnData;
    }

    /// @notice A call that was not allowed to fail did.
    error CallFailed(uint256 index, address target);

    /// @param calls the calls to make, in order; a failing call with allowFailure = false reverts the whole batch
    constructor(Call3[] memory calls) {
        Result[] memory results = new Result[](calls.length);
        for (uint256 i; i < calls.length; ++i) {
            Call3 memory c = calls[i];
            (bool success, bytes memory data) = c.target.staticcall(c.callData);
            if (!success && !c.allowFailure) revert CallFailed(i, c.target);
            results[i] = Result(success, data);
        }
        bytes memory encoded = abi.encode(results);
        assembly ("memory-safe") {
            revert(add(encoded, 0x20), mload(encoded))
        }
    }
}
