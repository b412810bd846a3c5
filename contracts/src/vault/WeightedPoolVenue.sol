// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IVenue} from "../interfaces/IVenue.sol";
import {IWeightedPool} from "../interfaces/IWeightedPool.sol";
import {IPoolOracle} from "../interfaces/IPoolOracle.sol";

/// @title IVenue over a Ballast weighted pool
/// @notice Swaps the input the caller pushed to it on the pool and has the pool pay the recipient directly. Holds no
///         tokens between transactions, so anyone may use it. It approves its own immutable pool for the maximum of
///         every pool token once, at construction (the pool takes only what a swap names), so a swap writes no
///         allowance.
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
    /// @dev The pool enforces `minAmountOut`; the deadline is this block because the caller acts atomically.
    function swapExactIn(address tokenIn, address tokenOut, uint256 amountIn, uint256 minAmountOut, address recipient)
        external
        returns (uint256 amountOut)
    {
        amountOut = pool.swapExactIn(tokenIn, tokenOut, amountIn, minAmountOut, recipient, block.timestamp);
    }

    /// @inheritdoc IVenue
    function quoteExactIn(address tokenIn, address tokenOut, uint256 amountIn) external view returns (uint256) {
        return pool.querySwapExactIn(tokenIn, tokenOut, amountIn);
    }

    /// @inheritdoc IVenue
    function spotPrice(address base, address quote) external view returns (uint256) {
        return pool.getSpotPrice(base, quote);
    }

    /// @inheritdoc IVenue
    function twapPrice(address base, address quote, uint32 window) external view returns (uint256) {
        return IPoolOracle(address(pool)).getTwapPair(base, quote, window);
    }

    /// @inheritdoc IVenue
    /// @dev The pool's ring guarantees it (IPoolOracle.guaranteedWindow); it only grows, so a check at configuration
    ///      holds for good.
    function guaranteedWindow() external view returns (uint32) {
        return IPoolOracle(address(pool)).guaranteedWindow();
    }
}
