// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IUniswapV3Pool} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";
import {ISwapRouter} from "@uniswap/v3-periphery/contracts/interfaces/ISwapRouter.sol";

/// @notice The alternative UniswapV3Venue was measured against: the same push-model leg sent through the periphery
///         SwapRouter (exactInputSingle), with the router approved once for each token at deployment (its cheapest
///         form: no approval write per swap). Test-only; the gas test compares it with the direct venue.
contract UniswapV3RouterPathVenue {
    ISwapRouter public immutable router;
    IUniswapV3Pool public immutable pool;
    uint24 internal immutable fee;

    constructor(ISwapRouter router_, IUniswapV3Pool pool_) {
        (router, pool, fee) = (router_, pool_, pool_.fee());
        IERC20(pool_.token0()).approve(address(router_), type(uint256).max);
        IERC20(pool_.token1()).approve(address(router_), type(uint256).max);
    }

    function swapExactIn(address tokenIn, address tokenOut, uint256 amountIn, uint256 minAmountOut, address recipient)
        external
        returns (uint256)
    {
        return router.exactInputSingle(
            ISwapRouter.ExactInputSingleParams({
                tokenIn: tokenIn,
                tokenOut: tokenOut,
                fee: fee,
                recipient: recipient,
                deadline: block.timestamp,
                amountIn: amountIn,
                amountOutMinimum: minAmountOut,
                sqrtPriceLimitX96: 0
            })
        );
    }
}
