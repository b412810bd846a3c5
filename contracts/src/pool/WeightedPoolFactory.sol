// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IWeightedPoolErrors} from "./IWeightedPoolErrors.sol";
import {WeightedPool} from "./WeightedPool.sol";

/// @title Weighted pool factory
/// @notice Deploys WeightedPools and records them, so a vault or keeper can check that an address is a genuine pool
///         (isPool) before trusting its oracle or routing through it. All validation is the pool constructor's; its
///         custom errors reach the caller unchanged, and the factory's ABI declares them (IWeightedPoolErrors) so a
///         client holding only this ABI decodes a failed `create`.
/// @dev The pool's creation code (~25 KB) is larger than a contract's runtime may be (24,576 bytes), so the factory
///      cannot embed it. Its constructor stores the code in two data contracts (each a STOP byte followed by one
///      half) and `create` stitches the halves back together in memory before CREATE.
contract WeightedPoolFactory is IWeightedPoolErrors {
    /// @notice A pool was deployed.
    event PoolCreated(
        address indexed pool, address indexed creator, IERC20[] tokens, uint256[] weights, uint256 swapFee
    );

    /// @notice A code chunk could not be stored at deployment.
    error CodeChunkDeploymentFailed();

    address private immutable _codeA;
    address private immutable _codeB;

    /// @notice Every pool this factory deployed, in creation order.
    address[] public allPools;
    /// @notice Whether this factory deployed `pool`.
    mapping(address pool => bool) public isPool;

    constructor() {
        bytes memory code = type(WeightedPool).creationCode;
        uint256 half = code.length / 2;
        (_codeA, _codeB) = (_storeChunk(code, 0, half), _storeChunk(code, half, code.length - half));
    }

    /// @notice Deploys a pool of `tokens` with normalized `weights` and `swapFee` (see WeightedPool's constructor
    ///         for the rules it enforces) and records it.
    /// @return pool the new pool's address; its LP token is the pool itself.
    function create(
        string calldata name,
        string calldata symbol,
        IERC20[] calldata tokens,
        uint256[] calldata weights,
        uint256 swapFee
    ) external returns (address pool) {
        bytes memory initCode = bytes.concat(
            _readChunk(_codeA), _readChunk(_codeB), abi.encode(name, symbol, tokens, weights, swapFee)
        );
        assembly ("memory-safe") {
            pool := create(0, add(initCode, 0x20), mload(initCode))
            if iszero(pool) {
                returndatacopy(0, 0, returndatasize())
                revert(0, returndatasize())
            }
        }
        allPools.push(pool);
        isPool[pool] = true;
        emit PoolCreated(pool, msg.sender, tokens, weights, swapFee);
    }

    /// @notice Number of pools deployed.
    function allPoolsLength() external view returns (uint256) {
        return allPools.length;
    }

    /// @notice Every pool deployed, in creation order.
    function getAllPools() external view returns (address[] memory) {
        return allPools;
    }

    /// @dev Deploys a contract whose runtime code is 0x00 ++ code[start:start+len]; the leading STOP makes a call
    ///      to it a no-op (and keeps EIP-3541's 0xEF rule out of the way).
    function _storeChunk(bytes memory code, uint256 start, uint256 len) private returns (address chunk) {
        bytes memory data = new bytes(len);
        for (uint256 i; i < len; ++i) {
            data[i] = code[start + i];
        }
        // PUSH2 size, DUP1, PUSH1 10, RETURNDATASIZE, CODECOPY, RETURNDATASIZE, RETURN: returns the bytes after it.
        bytes memory initCode = abi.encodePacked(hex"61", uint16(len + 1), hex"80600a3d393df3", hex"00", data);
        assembly ("memory-safe") {
            chunk := create(0, add(initCode, 0x20), mload(initCode))
        }
        if (chunk == address(0)) revert CodeChunkDeploymentFailed();
    }

    function _readChunk(address chunk) private view returns (bytes memory data) {
        uint256 size = chunk.code.length - 1;
        data = new bytes(size);
        assembly ("memory-safe") {
            extcodecopy(chunk, add(data, 0x20), 1, size)
        }
    }
}
