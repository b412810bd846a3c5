// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IVenue} from "../interfaces/IVenue.sol";
import {IWeightedPool} from "../interfaces/IWeightedPool.sol";
import {IPoolOracle} from "../interfaces/IPoolOracle.sol";

/// @title IVenue over a Ballast weighted pool
/// @notice Swaps the input the caller pushed to the pool (its payee) or to it on the pool and has the pool pay the
///         recipient directly. Holds no tokens between transactions, so anyone may use it. It approves its own
///         immutable pool for the maximum of every pool token once, at construction (the pool takes only what a swap
///         names), so a swap writes no allowance.
contract WeightedPoolVenue is IVenue {
    using SafeERC20 for IERC20;

    IWeightedPool public immutable pool;

    error ZeroPool();

    constructor(IWeightedPool pool_) {
        if (address(pool_) == address(0)) revert ZeroPool();
        pool = pool_;
        IERC20[] memory tokens = pool_.getTokens();
        for (uint256 i; i < tokens.length; ++i) {
            tokens[i].forceApprove(address(pool_), type(uint256).max);
        }
    }

    /// @inheritdoc IVenue
    /// @dev The pool enforces `minAmountOut`; the deadline is this block because the caller acts atomically. The
    ///      arguments are forwarded as they came (_forward).
    function swapExactIn(address, address, uint256, uint256, address) external returns (uint256) {
        _forward(IWeightedPool.swapExactIn.selector, 0xa0, true);
    }

    /// @inheritdoc IVenue
    /// @dev The pool: it takes a swap's input already sent to it as paid, so the input moves once (caller to pool)
    ///      instead of twice with an allowance check (caller to venue, venue to pool). Input pushed to this venue
    ///      instead (a caller that does not ask) is pulled by the pool through the venue's allowance, unless the pool
    ///      already holds a surplus of at least amountIn (a donation): that surplus pays the swap, and the input
    ///      stays here, as free for the next swap through this venue as the surplus was for this one. The caller
    ///      loses nothing; Ballast's own callers (vault, batch, multi-hop) push to the payee.
    function payee() external view returns (address) {
        return address(pool);
    }

    /// @inheritdoc IVenue
    /// @dev The pool's querySwapExactIn, forwarded as it came (_forwardView): a batch quotes every fill it nets.
    function quoteExactIn(address, address, uint256) external view returns (uint256) {
        _forwardView(IWeightedPool.querySwapExactIn.selector, 0x60);
    }

    /// @inheritdoc IVenue
    function spotPrice(address, address) external view returns (uint256) {
        _forwardView(IWeightedPool.getSpotPrice.selector, 0x40);
    }

    /// @inheritdoc IVenue
    function twapPrice(address, address, uint32) external view returns (uint256) {
        _forwardView(IPoolOracle.getTwapPair.selector, 0x60);
    }

    /// @inheritdoc IVenue
    /// @dev The pool's ring guarantees it (IPoolOracle.guaranteedWindow); it only grows, so a check at configuration
    ///      holds for good.
    function guaranteedWindow() external view returns (uint32) {
        return IPoolOracle(address(pool)).guaranteedWindow();
    }

    /// @dev Calls the pool's function `selector` with this call's `size` bytes of arguments, unchanged (each IVenue
    ///      function here takes the pool function's leading arguments in the same order and types), then, when
    ///      `withDeadline`, this block's timestamp as the deadline; returns the pool's one-word answer from this call
    ///      and bubbles its revert data. Solidity has already refused short calldata and dirty arguments, and the pool
    ///      decodes them again: forwarding the words saves the ABI encoder and decoder of a high-level call (~400 gas
    ///      a call on the vault's guarded path), with the same results and reverts.
    function _forward(bytes4 selector, uint256 size, bool withDeadline) private {
        address target = address(pool);
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, selector)
            calldatacopy(add(m, 4), 4, size)
            let length := add(4, size)
            if withDeadline {
                mstore(add(m, length), timestamp())
                length := add(length, 0x20)
            }
            if iszero(call(gas(), target, 0, m, length, 0, 0)) {
                returndatacopy(0, 0, returndatasize())
                revert(0, returndatasize())
            }
            if lt(returndatasize(), 0x20) { revert(0, 0) }
            returndatacopy(0, 0, 0x20)
            return(0, 0x20)
        }
    }

    /// @dev _forward for a view: the same call made with STATICCALL, without a deadline.
    function _forwardView(bytes4 selector, uint256 size) private view {
        address target = address(pool);
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, selector)
            calldatacopy(add(m, 4), 4, size)
            if iszero(staticcall(gas(), target, m, add(4, size), 0, 0)) {
                returndatacopy(0, 0, returndatasize())
                revert(0, returndatasize())
            }
            if lt(returndatasize(), 0x20) { revert(0, 0) }
            returndatacopy(0, 0, 0x20)
            return(0, 0x20)
        }
    }
}
