// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @notice The part of Multicall3 the keeper uses (aggregate3), written from its published ABI. Tests deploy it and
///         copy its runtime code to Multicall3's canonical address with anvil_setCode.
contract MockMulticall3 {
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

    /// @notice Makes every call in order and returns each outcome; reverts if one with allowFailure = false fails.
    function aggregate3(Call3[] calldata calls) external payable returns (Result[] memory results) {
        results = new Result[](calls.length);
        for (uint256 i; i < calls.length; ++i) {
            (bool success, bytes memory data) = calls[i].target.call(calls[i].callData);
            if (!success && !calls[i].allowFailure) revert CallFailed(i, calls[i].target);
            results[i] = Result(success, data);
        }
    }

    /// @notice The block the calls ran in, as Multicall3 reports it.
    function getBlockNumber() external view returns (uint256) {
        return block.number;
    }
}
